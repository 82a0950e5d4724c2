package dev.vigil.query;

import dev.vigil.lookup.LookupTables;
import dev.vigil.spl.SplParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Runs pipelines over {@code | inputlookup} rows of hand-written CSV tables, and shows rows compactly. */
final class Rows {
  /** What now() returns in these runs: 2024-05-15T14:00:00Z. */
  static final Instant NOW = Instant.parse("2024-05-15T14:00:00Z");

  private Rows() {}

  /** The tables {@code name → CSV text} written into {@code folder} and loaded. */
  static LookupTables tables(Path folder, String... namesAndCsv) {
    try {
      for (int i = 0; i < namesAndCsv.length; i += 2) {
        Files.writeString(folder.resolve(namesAndCsv[i] + ".csv"), namesAndCsv[i + 1]);
      }
      return LookupTables.load(folder);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs {@code spl}, which must open with inputlookup. */
  static List<Row> run(LookupTables lookups, String spl) {
    TstatsBackend none = plan -> {
      throw new AssertionError("no tstats here");
    };
    try {
      return new SearchExecutor(none, Searches.UTC, lookups).execute(SplParser.parse(spl), Searches.ALL_TIME, NOW, spl);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  /** Each row as {@code f=v f=a|b}, in field order; rows separated by "; ". */
  static String show(List<Row> rows) {
    List<String> shown = new ArrayList<>();
    for (Row row : rows) {
      shown.add(row.fieldNames().stream().map(f -> f + "=" + String.join("|", row.values(f)))
          .collect(Collectors.joining(" ")));
    }
    return String.join("; ", shown);
  }

  /** One field of each row, "-" where absent, multivalues joined by "|". */
  static String field(List<Row> rows, String field) {
    return rows.stream().map(r -> r.has(field) ? String.join("|", r.values(field)) : "-").collect(Collectors.joining(" "));
  }
}
