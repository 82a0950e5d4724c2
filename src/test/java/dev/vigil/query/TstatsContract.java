package dev.vigil.query;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vigil.ingest.ProcessEvent;
import dev.vigil.lookup.LookupTables;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What every tstats backend must do, run against each one by a subclass that says how to hold events: the
 * where clause (SEMANTICS §4.3), also compared with the same expression as a later {@code | search} over the
 * rows (RowMatcher); aggregations, span buckets and inputlookup subsearches (§4.1, §4.2, §4.6).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class TstatsContract {
  /** A backend that holds exactly {@code events}. */
  protected abstract TstatsBackend backend(List<ProcessEvent> events) throws IOException;

  private TstatsBackend whereEvents;
  private TstatsBackend aggregationEvents;
  private LookupTables tools;

  @BeforeAll
  void holdEvents(@TempDir Path lookupDir) throws IOException {
    whereEvents = backend(Searches.ndjson(
        "{\"_time\": 1700000001, \"dest\": \"web01\", \"process_id\": 1, \"process\": \"C:\\\\Users\\\\a\\\\AppData\\\\x.exe\"}",
        "{\"_time\": 1700000002, \"dest\": \"WEB02\", \"process_id\": 2, \"process\": \"reg save hklm\\\\sam sam.save\"}",
        "{\"_time\": 1700000003, \"dest\": \"db01\", \"process\": \"cmd.exe /c whoami\"}"));
    // 1700000000 is 2023-11-14T22:13:20Z.
    aggregationEvents = backend(Searches.ndjson(
        "{\"_time\": 1700000000.5, \"dest\": \"h1\", \"user\": \"alice\", \"process\": \"a.exe x\", \"process_id\": 10}",
        "{\"_time\": 1700000100, \"dest\": \"h1\", \"user\": \"bob\", \"process\": \"b.exe y\", \"process_id\": 20}",
        "{\"_time\": 1700000400, \"dest\": \"h1\", \"user\": \"alice\", \"process\": \"a.exe z\"}",
        "{\"_time\": 1700000280, \"dest\": \"h2\", \"user\": \"carol\", \"process\": \"C.EXE --Help\", \"process_id\": 5}"));
    Files.writeString(lookupDir.resolve("tools.csv"), "process,user\n*.exe x,alice\nc.exe --help,\n*.exe z,bob\n");
    Files.writeString(lookupDir.resolve("tools.yml"), "name: tools\nfilename: tools.csv\n");
    tools = LookupTables.load(lookupDir);
  }

  // ---- where ----------------------------------------------------------------------------------------------

  /** The dest of each row: the condition in tstats' where, or as {@code | search} over rows by dest and process. */
  private String dests(String where, boolean asSearch) throws IOException {
    String spl = asSearch
        ? "| tstats count from datamodel=Endpoint.Processes by Processes.dest Processes.process"
            + " | rename \"Processes.*\" as * | search " + where.replace("Processes.", "")
        : "| tstats count from datamodel=Endpoint.Processes where " + where + " by Processes.dest"
            + " | rename \"Processes.*\" as *";
    List<Row> rows = Searches.run(whereEvents, spl, Searches.macros(), Searches.ALL_TIME);
    return String.join(" ", rows.stream().map(r -> r.first("dest")).toList());
  }

  @ParameterizedTest(name = "[{index}] {0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "Processes.dest=WEB01                           | web01",       // exact value, case-insensitive
      "Processes.dest=web02                           | WEB02",       // output keeps the stored case
      "Processes.dest=web0                            | ''",          // no wildcard: the whole value must be equal
      "Processes.dest IN (web01, \"WEB02\")            | WEB02 web01", // rows sorted bytewise
      "Processes.dest IN (web03, db)                  | ''",
      "Processes.process=\"*\\\\appdata\\\\*\"          | web01",       // SPL \\ is one backslash
      "Processes.process=\"*\\sam *\"                  | WEB02",       // single backslash literal
      "Processes.process=\"*\\\\\\\\sam*\"             | ''",          // two backslashes are not one
      "Processes.process=*WHOAMI                      | db01",        // leading *, case-insensitive
      "Processes.process=cmd*whoami*                  | db01",        // * matches none at the end
      "Processes.process=cmd*whoam                    | ''",          // the pattern must cover the whole value
      "NOT Processes.dest=web01                       | WEB02 db01",
      "Processes.dest=db* OR Processes.dest=*02       | WEB02 db01",
      "Processes.dest=* Processes.dest!=web01         | WEB02 db01",
      "Processes.dest=w* Processes.dest=*1 OR Processes.dest=db* | web01", // w* AND (*1 OR db*), not (w* *1) OR db*
      "NOT (Processes.dest=w* OR Processes.process=*sam*) | db01",
  })
  void whereAndSearchSelectTheSameEvents(String where, String expected) throws IOException {
    assertEquals(expected, dests(where, false), "tstats where");
    assertEquals(expected, dests(where, true), "| search");
  }

  @ParameterizedTest(name = "[{index}] {0} -> {1}") // SEMANTICS §4.3: NOT f=v is true when f is null; f!=v needs f
  @CsvSource(delimiter = '|', value = {
      "NOT Processes.process_id=1      | WEB02 db01",
      "Processes.process_id!=1         | WEB02",
      "Processes.process_id=*          | WEB02 web01",
      "NOT Processes.process_id=*      | db01",
      "NOT Processes.process_id IN (1, 2) | db01",
      "Processes.process_id IN (*)     | WEB02 web01",
  })
  void nullFieldsInWhere(String where, String expected) throws IOException {
    assertEquals(expected, dests(where, false));
  }

  // ---- aggregations -----------------------------------------------------------------------------------------

  private List<Row> aggregate(String spl) throws IOException {
    return Searches.run(aggregationEvents, spl, Searches.macros(), Searches.ALL_TIME, tools);
  }

  private static String column(List<Row> rows, String field) {
    return rows.stream().map(r -> r.has(field) ? String.join("|", r.values(field)) : "-").collect(Collectors.joining(" "));
  }

  @Test // every aggregation of §4.2, with and without AS; values(...) without AS keeps its name through
        // drop_dm_object_name, which renames only fields that start with "Processes."
  void everyAggregation() throws IOException {
    List<Row> rows = aggregate("| tstats count count(Processes.process_id) as with_pid dc(Processes.user) as users "
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

  @Test // values() and by-rows are in byte order: upper case before lower case
  void valuesAndRowsInByteOrder() throws IOException {
    List<Row> rows = aggregate("| tstats values(Processes.process) as p from datamodel=Endpoint.Processes"
        + " by Processes.process_id");
    assertEquals("10 20 5", column(rows, "Processes.process_id")); // "5" > "20" as text
    rows = aggregate("| tstats values(Processes.process) as p from datamodel=Endpoint.Processes");
    assertEquals("C.EXE --Help|a.exe x|a.exe z|b.exe y", column(rows, "p"));
  }

  @Test // §4.1: without fillnull_value the event without process_id forms no row; with it, its own "null" row
  void nullByFieldDroppedOrFilled() throws IOException {
    String spl = "| tstats %s count from datamodel=Endpoint.Processes by Processes.dest Processes.process_id";
    List<Row> rows = aggregate(spl.formatted(""));
    assertEquals("10 20 5", column(rows, "Processes.process_id"));
    rows = aggregate(spl.formatted("fillnull_value=null"));
    assertEquals("10 20 null 5", column(rows, "Processes.process_id"));
    assertEquals("1 1 1 1", column(rows, "count"));
  }

  @Test // span=5m buckets to the bucket start in epoch seconds: 1699999800, 1700000100, 1700000400
  void spanFiveMinutes() throws IOException {
    List<Row> rows = aggregate("| tstats count from datamodel=Endpoint.Processes by _time span=5m");
    assertEquals("1699999800 1700000100 1700000400", column(rows, "_time"));
    assertEquals("1 2 1", column(rows, "count"));
    rows = aggregate("| tstats count from datamodel=Endpoint.Processes by _time span=1h Processes.dest");
    assertEquals("1699999200 1699999200", column(rows, "_time")); // 1699999200 = 22:00Z
    assertEquals("3 1", column(rows, "count"));
  }

  @Test // without by, one row even when no event matches (count 0, no time)
  void noByNoMatch() throws IOException {
    List<Row> rows = aggregate("| tstats count dc(Processes.user) as u min(_time) as first "
        + "from datamodel=Endpoint.Processes where Processes.dest=none");
    assertEquals(1, rows.size());
    assertEquals("count=0 u=0", rows.get(0).asMap().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining(" ")));
    rows = aggregate("| tstats count from datamodel=Endpoint.Processes where Processes.dest=none by Processes.dest");
    assertEquals(List.of(), rows); // with by, no match is no row
  }

  @Test // §4.6: the subsearch is an OR over rows of (process=… AND user=…); an empty cell leaves its field out;
        // values are case-insensitive wildcard patterns as in any search
  void inputlookupSubsearch() throws IOException {
    List<Row> rows = aggregate("| tstats count from datamodel=Endpoint.Processes where "
        + "[| inputlookup tools.csv | rename process as Processes.process, user as Processes.user "
        + "| table Processes.process Processes.user] by Processes.process | `drop_dm_object_name(Processes)`");
    // a.exe x/alice: row 1; C.EXE --Help: row 2 (no user); a.exe z is alice's, row 3 wants bob
    assertEquals("C.EXE --Help|a.exe x", column(rows, "process").replace(" a.exe", "|a.exe"));
    rows = aggregate("| tstats count from datamodel=Endpoint.Processes where NOT [| inputlookup tools "
        + "| search user=* | rename process as Processes.process | fields Processes.process] by Processes.dest");
    assertEquals("1 1", column(rows, "count")); // h1 keeps only b.exe y; h2 keeps C.EXE --Help
  }
}
