package dev.vigil.bench;

import dev.vigil.schedule.Home;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The whole benchmark, Vigil and DuckDB on the same data in one run. It lives with the tests because DuckDB
 * must stay off the product's class path; {@code mvn -Pbench test-compile exec:exec -Dbench.args="..."} runs it.
 * Exit 1 when DuckDB and Vigil disagree on the seed rule's groups: then the timings compare different work.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Vigil against DuckDB on generated events; figures as NDJSON on stdout, a table on stderr.")
public final class FullBench implements Callable<Integer> {
  @Option(names = "--events", defaultValue = "5000000", description = "Events to generate (default: ${DEFAULT-VALUE}).")
  long events;

  @Option(names = "--hours", defaultValue = "24", description = "Hours they span (default: ${DEFAULT-VALUE}).")
  int hours;

  @Option(names = "--threads", defaultValue = "2", description = "Search and DuckDB threads (default: ${DEFAULT-VALUE}).")
  int threads;

  @Option(names = "--seed", defaultValue = "1", description = "Generator seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--work", description = "Folder for files and indexes, kept (default: a temporary one, deleted).")
  Path work;

  @Option(names = "--scaling", description = "Only the CIM file, ingested once, and the queries.")
  boolean scaling;

  private final PrintStream out;
  private final PrintStream err;

  FullBench(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new FullBench(System.out, System.err)).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    VigilBench.Options options = new VigilBench.Options(events, hours, seed, threads, work, scaling);
    try (WorkFolder folder = WorkFolder.of(work)) {
      Home home = new Home(Path.of(System.getProperty("vigil.home", ".")));
      VigilBench.Report vigil = new VigilBench(home, Clock.systemUTC(), Progress.onTerminal())
          .run(options.in(folder.path()));
      DuckDbBench.Result duckdb = DuckDbBench.run(vigil, folder.path(), threads);
      List<String> disagreements = disagreements(vigil, duckdb.groups());
      if (!disagreements.isEmpty()) {
        disagreements.forEach(err::println);
        return 1;
      }
      List<Figure> figures = new ArrayList<>(vigil.figures());
      figures.addAll(duckdb.figures());
      BenchTable.print(figures, BenchTable.summary(vigil.seedWindowMillis(), duckdb.windowMillis(),
          vigil.cimIngestEventsPerSecond(), duckdb.loadRowsPerSecond()), out, err);
      return 0;
    }
  }

  /** One line per window where the two engines found other groups of the seed rule. */
  static List<String> disagreements(VigilBench.Report vigil, List<Set<List<String>>> duckdb) {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < vigil.seedWindows().size(); i++) {
      if (!vigil.seedGroups().get(i).equals(duckdb.get(i))) {
        lines.add("bench: the seed rule's groups differ in window " + vigil.seedWindows().get(i) + ": vigil "
            + vigil.seedGroups().get(i) + ", duckdb " + duckdb.get(i));
      }
    }
    return lines;
  }
}
