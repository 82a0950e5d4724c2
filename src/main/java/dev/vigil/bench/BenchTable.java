package dev.vigil.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * Prints the figures twice: as data, one NDJSON object per figure on stdout, and as a table for people on stderr,
 * which ends with the one-line summary.
 */
public final class BenchTable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private BenchTable() {}

  public static void print(List<Figure> figures, String summary, PrintStream out, PrintStream err) throws IOException {
    for (Figure figure : figures) {
      out.println(JSON.writeValueAsString(figure));
    }
    out.flush();
    err.println(String.format(Locale.ROOT, "%-8s %-66s %-30s %12s %-8s %s", "section", "subject", "metric", "value",
        "unit", "threads"));
    for (Figure f : figures) {
      err.println(String.format(Locale.ROOT, "%-8s %-66s %-30s %12.2f %-8s %d", f.section(), f.subject(), f.metric(),
          f.value(), f.unit(), f.threads()));
    }
    err.println(summary);
    err.flush();
  }

  /** The summary line of a run that compared Vigil with DuckDB. */
  public static String summary(double vigilMillis, double duckdbMillis, double vigilEventsPerSecond,
                               double duckdbRowsPerSecond) {
    return String.format(Locale.ROOT,
        "window query: vigil %.2f ms, duckdb %.2f ms, ratio %.1f; ingest: vigil %.0f ev/s, duckdb load %.0f rows/s",
        vigilMillis, duckdbMillis, duckdbMillis / vigilMillis, vigilEventsPerSecond, duckdbRowsPerSecond);
  }
}
