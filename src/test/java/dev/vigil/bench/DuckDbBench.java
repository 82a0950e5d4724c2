package dev.vigil.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import dev.vigil.time.Window;

/**
 * The same data in DuckDB, loaded from the same CIM NDJSON file, and the seed rule written by hand in SQL:
 * {@code windows_iis_components_add_new_module} with the macros it uses expanded, as its tstats means it
 * (SEMANTICS §4.3: case-insensitive comparisons, wildcards, {@code NOT IN} true for a missing field, which the
 * data model's calculated fields make {@code "unknown"}).
 */
final class DuckDbBench {
  /** The seed's by-fields, in the order of its tstats {@code by} clause: the SQL below groups by exactly these. */
  static final List<String> SEED_GROUP_FIELDS = List.of("dest", "user", "parent_process_name", "process_name",
      "original_file_name", "process", "process_id", "parent_process_id");

  private static final String COLUMNS = "{'_time': 'DOUBLE', 'dest': 'VARCHAR', 'user': 'VARCHAR', 'process': 'VARCHAR',"
      + " 'process_name': 'VARCHAR', 'process_path': 'VARCHAR', 'process_id': 'VARCHAR', 'process_guid': 'VARCHAR',"
      + " 'process_hash': 'VARCHAR', 'process_integrity_level': 'VARCHAR', 'process_current_directory': 'VARCHAR',"
      + " 'parent_process': 'VARCHAR', 'parent_process_name': 'VARCHAR', 'parent_process_path': 'VARCHAR',"
      + " 'parent_process_id': 'VARCHAR', 'parent_process_guid': 'VARCHAR', 'original_file_name': 'VARCHAR'}";

  /** `tstats count min(_time) max(_time) where NOT (parent IN (...)) process_name=appcmd.exe process IN (...) process="*image*" by ...`. */
  static final String SEED_SQL = """
      SELECT coalesce(dest, 'unknown'), coalesce("user", 'unknown'), coalesce(parent_process_name, 'unknown'),
             coalesce(process_name, 'unknown'), coalesce(original_file_name, 'unknown'), coalesce(process, 'unknown'),
             coalesce(process_id, 'null'), coalesce(parent_process_id, 'null'),
             count(*) AS count, floor(min(_time)) AS firstTime, floor(max(_time)) AS lastTime
      FROM events
      WHERE _time >= ? AND _time < ?
        AND lower(coalesce(parent_process_name, 'unknown')) NOT IN ('msiexec.exe', 'iissetup.exe')
        AND process_name ILIKE 'appcmd.exe'
        AND (process ILIKE '%install %' OR process ILIKE '%module %')
        AND process ILIKE '%image%'
      GROUP BY ALL
      """;
  /** As many as Vigil's, so that both are as warm. */
  private static final int REPETITIONS = 31;

  /** DuckDB's figures, and the seed's groups per window (by-field values and count, as Vigil's). */
  record Result(List<Figure> figures, List<Set<List<String>>> groups, double windowMillis, double loadRowsPerSecond) {}

  private DuckDbBench() {}

  static Result run(VigilBench.Report vigil, Path folder, int threads) throws Exception {
    if (!vigil.seedGroupFields().equals(SEED_GROUP_FIELDS)) {
      throw new IllegalStateException("the seed rule now groups by " + vigil.seedGroupFields()
          + ": rewrite DuckDbBench.SEED_SQL, which groups by " + SEED_GROUP_FIELDS);
    }
    Path database = folder.resolve("duckdb.db");
    List<Figure> figures = new ArrayList<>();
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:" + database)) {
      try (Statement statement = db.createStatement()) {
        statement.execute("SET threads = " + threads);
        long started = System.nanoTime();
        statement.execute("CREATE TABLE events AS SELECT * FROM read_json('"
            + vigil.cimFile().toString().replace("'", "''") + "', format = 'newline_delimited', columns = " + COLUMNS + ")");
        statement.execute("CHECKPOINT");
        double seconds = (System.nanoTime() - started) / 1e9;
        long rows = count(statement);
        if (rows != vigil.cimEvents()) {
          throw new IllegalStateException("DuckDB loaded " + rows + " rows of " + vigil.cimEvents());
        }
        figures.add(new Figure("duckdb", "cim", "load rows_per_s", rows / seconds, "rows/s", threads));
        figures.add(new Figure("duckdb", "cim", "load mb_per_s", Files.size(vigil.cimFile()) / 1e6 / seconds, "MB/s",
            threads));
        figures.add(new Figure("duckdb", "cim", "database", (double) Files.size(database) / rows, "B/event", threads));
      }
      try (PreparedStatement seed = db.prepareStatement(SEED_SQL)) {
        List<Set<List<String>>> groups = new ArrayList<>();
        for (Window window : vigil.seedWindows()) {
          groups.add(groups(seed, window));
        }
        Window middle = vigil.seedWindows().get(vigil.seedWindows().size() / 2);
        // In Vigil's order: all windows first, which warms the one-window figure.
        double all = Medians.millis(REPETITIONS, () -> {
          for (Window window : vigil.seedWindows()) {
            groups(seed, window);
          }
        });
        double one = Medians.millis(REPETITIONS, () -> groups(seed, middle));
        figures.add(new Figure("duckdb", VigilBench.SEED_RULE, "one window median", one, "ms", threads));
        figures.add(new Figure("duckdb", VigilBench.SEED_RULE, vigil.seedWindows().size() + " windows median", all, "ms",
            threads));
        return new Result(figures, groups, one, figures.get(0).value());
      }
    }
  }

  private static long count(Statement statement) throws SQLException {
    try (ResultSet result = statement.executeQuery("SELECT count(*) FROM events")) {
      result.next();
      return result.getLong(1);
    }
  }

  private static Set<List<String>> groups(PreparedStatement seed, Window window) throws SQLException {
    seed.setDouble(1, window.earliest().toEpochMilli() / 1000.0);
    seed.setDouble(2, window.latest().toEpochMilli() / 1000.0);
    Set<List<String>> groups = new HashSet<>();
    try (ResultSet rows = seed.executeQuery()) {
      while (rows.next()) {
        List<String> key = new ArrayList<>();
        for (int i = 1; i <= SEED_GROUP_FIELDS.size(); i++) {
          key.add(rows.getString(i));
        }
        key.add(Long.toString(rows.getLong(SEED_GROUP_FIELDS.size() + 1)));
        groups.add(List.copyOf(key));
      }
    }
    return groups;
  }
}
