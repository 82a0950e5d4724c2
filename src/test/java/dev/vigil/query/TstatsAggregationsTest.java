package dev.vigil.query;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vigil.lookup.LookupTables;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * tstats aggregations, span buckets and inputlookup subsearches against the index (SEMANTICS §4.1, §4.2,
 * §4.6). Four events: 1700000000 is 2023-11-14T22:13:20Z.
 */
class TstatsAggregationsTest {
  @TempDir
  static Path indexDir;
  @TempDir
  static Path lookupDir;

  @BeforeAll
  static void index() throws IOException {
    Searches.index(indexDir, Searches.ndjson(
        "{\"_time\": 1700000000.5, \"dest\": \"h1\", \"user\": \"alice\", \"process\": \"a.exe x\", \"process_id\": 10}",
        "{\"_time\": 1700000100, \"dest\": \"h1\", \"user\": \"bob\", \"process\": \"b.exe y\", \"process_id\": 20}",
        "{\"_time\": 1700000400, \"dest\": \"h1\", \"user\": \"alice\", \"process\": \"a.exe z\"}",
        "{\"_time\": 1700000280, \"dest\": \"h2\", \"user\": \"carol\", \"process\": \"C.EXE --Help\", \"process_id\": 5}"));
    Files.writeString(lookupDir.resolve("tools.csv"), "process,user\n*.exe x,alice\nc.exe --help,\n*.exe z,bob\n");
    Files.writeString(lookupDir.resolve("tools.yml"), "name: tools\nfilename: tools.csv\n");
  }

  private static List<Row> run(String spl) throws IOException {
    return Searches.run(indexDir, spl, Searches.macros(), Searches.ALL_TIME, LookupTables.load(lookupDir));
  }

  private static String column(List<Row> rows, String field) {
    return rows.stream().map(r -> r.has(field) ? String.join("|", r.values(field)) : "-").collect(Collectors.joining(" "));
  }

  @Test // every aggregation of §4.2, with and without AS; values(...) without AS keeps its name through
        // drop_dm_object_name, which renames only fields that start with "Processes."
  void everyAggregation() throws IOException {
    List<Row> rows = run("| tstats count count(Processes.process_id) as with_pid dc(Processes.user) as users "
        + "distinct_count(Processes.process) as procs values(Processes.user) min(_time) as first max(_time) as last "
        + "sum(Processes.process_id) as pid_sum avg(Processes.process_id) as pid_avg "
        + "earliest(Processes.process) as first_process latest(Processes.process) as last_process "
        + "from datamodel=Endpoint.Processes by Processes.dest | `drop_dm_object_name(Processes)`");
    assertEquals("h1 h2", column(rows, "dest"));
    assertEquals("3 1", column(rows, "count"));
    assertEquals("2 1", column(rows, "with_pid"));
    assertEquals("2 1", column(rows, "users"));
    assertEquals("3 1", column(rows, "procs"));
    assertEquals("alice|bob carol", column(rows, "values(Processes.user)"));
    assertEquals("1700000000 1700000280", column(rows, "first")); // sub-seconds dropped
    assertEquals("1700000400 1700000280", column(rows, "last"));
    assertEquals("30 5", column(rows, "pid_sum"));
    assertEquals("15 5", column(rows, "pid_avg"));
    assertEquals("a.exe x|C.EXE --Help", column(rows, "first_process").replace(" C.EXE", "|C.EXE"));
    assertEquals("a.exe z|C.EXE --Help", column(rows, "last_process").replace(" C.EXE", "|C.EXE"));
  }

  @Test // span=5m buckets to the bucket start in epoch seconds: 1699999800, 1700000100, 1700000400
  void spanFiveMinutes() throws IOException {
    List<Row> rows = run("| tstats count from datamodel=Endpoint.Processes by _time span=5m");
    assertEquals("1699999800 1700000100 1700000400", column(rows, "_time"));
    assertEquals("1 2 1", column(rows, "count"));
    rows = run("| tstats count from datamodel=Endpoint.Processes by _time span=1h Processes.dest");
    assertEquals("1699999200 1699999200", column(rows, "_time")); // 1699999200 = 22:00Z
    assertEquals("3 1", column(rows, "count"));
  }

  @Test // without by, one row even when no event matches (count 0, no time)
  void noByNoMatch() throws IOException {
    List<Row> rows = run("| tstats count dc(Processes.user) as u min(_time) as first "
        + "from datamodel=Endpoint.Processes where Processes.dest=none");
    assertEquals(1, rows.size());
    assertEquals("count=0 u=0", rows.get(0).asMap().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining(" ")));
  }

  @Test // §4.6: the subsearch is an OR over rows of (process=… AND user=…); an empty cell leaves its field out;
        // values are case-insensitive wildcard patterns as in any search
  void inputlookupSubsearch() throws IOException {
    List<Row> rows = run("| tstats count from datamodel=Endpoint.Processes where "
        + "[| inputlookup tools.csv | rename process as Processes.process, user as Processes.user "
        + "| table Processes.process Processes.user] by Processes.process | `drop_dm_object_name(Processes)`");
    // a.exe x/alice: row 1; C.EXE --Help: row 2 (no user); a.exe z is alice's, row 3 wants bob
    assertEquals("C.EXE --Help|a.exe x", column(rows, "process").replace(" a.exe", "|a.exe"));
    rows = run("| tstats count from datamodel=Endpoint.Processes where NOT [| inputlookup tools "
        + "| search user=* | rename process as Processes.process | fields Processes.process] by Processes.dest");
    assertEquals("1 1", column(rows, "count")); // h1 keeps only b.exe y; h2 keeps C.EXE --Help
  }
}
