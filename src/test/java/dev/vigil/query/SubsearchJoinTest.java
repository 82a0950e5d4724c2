package dev.vigil.query;

import dev.vigil.lucene.LuceneTstats;
import static dev.vigil.query.Rows.field;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vigil.lookup.LookupTables;
import dev.vigil.spl.SplException;
import dev.vigil.spl.SplParser;
import dev.vigil.store.EventIndex;
import dev.vigil.time.Window;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Subsearches that run over the index ({@code search [| tstats …]}, {@code join … [| tstats …]}) with the
 * search's window (SEMANTICS §4.6), and where clauses of thousands of values. Events are written here; each
 * case has near misses.
 */
class SubsearchJoinTest {
  @TempDir
  static Path dir;
  private static Path index;

  private static final String DROP = "| rename \"Processes.*\" as * ";

  /** Event times are seconds after this one (2023-11-14T22:13:20Z): ingest refuses times before 1990. */
  private static final long T0 = 1_700_000_000L;

  @BeforeAll
  static void events() throws IOException {
    index = dir.resolve("index");
    List<String> lines = new ArrayList<>(List.of(
        // cmd.exe 100 on h1 starts reg.exe: the hit
        event(1000, "h1", "cmd.exe", 100, 10, "G100", "G10"),
        event(1010, "h1", "reg.exe", 200, 100, "G200", "G100"),
        event(1020, "h1", "whoami.exe", 201, 100, "G201", "G100"),
        // near miss: the same pid on another host, whose reg.exe has another parent
        event(1000, "h2", "cmd.exe", 100, 10, "G2-100", "G2-10"),
        event(1010, "h2", "reg.exe", 300, 99, "G2-300", "G2-99"),
        // cmd.exe 101 on h1 starts reg.exe only at 5000, outside the early window
        event(1030, "h1", "cmd.exe", 101, 10, "G101", "G10"),
        event(5000, "h1", "reg.exe", 202, 101, "G202", "G101"),
        // a child of G100 on h2: a different dest does not join
        event(1040, "h2", "net.exe", 400, 100, "G2-400", "G100"),
        // the needle among thousands of values
        event(1050, "h3", "needle.exe", 500, 1, "G500", "G1")));
    Searches.index(index, Searches.ndjson(lines.toArray(String[]::new)));
  }

  private static String event(long time, String dest, String name, int pid, int ppid, String guid, String parentGuid) {
    return "{\"_time\": " + (T0 + time) + ", \"dest\": \"" + dest + "\", \"user\": \"u\", \"process_name\": \"" + name
        + "\", \"process\": \"" + name + " /x\", \"process_id\": " + pid + ", \"parent_process_id\": " + ppid
        + ", \"process_guid\": \"" + guid + "\", \"parent_process_guid\": \"" + parentGuid + "\"}";
  }

  private static List<Row> run(String spl, Window window) throws IOException {
    try (EventIndex events = EventIndex.open(index)) {
      return new SearchExecutor(new LuceneTstats(events), Searches.UTC, LookupTables.empty())
          .execute(SplParser.parse(spl), window, window.latest(), spl);
    }
  }

  private static List<Row> run(String spl) throws IOException {
    return run(spl, Searches.ALL_TIME);
  }

  private static String rows(List<Row> rows, String... fields) {
    return rows.stream().map(r -> java.util.Arrays.stream(fields).map(f -> field(List.of(r), f))
        .collect(Collectors.joining("/"))).collect(Collectors.joining(" "));
  }

  // ---- search [ | tstats … ] (suspicious_reg_exe_process) --------------------------------------------------

  private static final String REG_PARENTS = "| tstats count from datamodel=Endpoint.Processes "
      + "where Processes.process_name=cmd.exe by Processes.dest Processes.process_id " + DROP
      + "| search [| tstats count from datamodel=Endpoint.Processes where Processes.process_name=reg.exe "
      + "by Processes.parent_process_id Processes.dest " + DROP
      + "| rename parent_process_id as process_id | dedup process_id | table process_id dest]";

  @Test // the subsearch's rows become (process_id=… AND dest=…) OR …: h2's cmd 100 does not match (h2's reg has ppid 99)
  void searchSubsearchOverTheIndex() throws IOException {
    assertEquals("h1/100 h1/101", rows(run(REG_PARENTS), "dest", "process_id"));
  }

  @Test // the subsearch searches the outer search's window: reg.exe of 101 at T0+5000 lies outside [T0, T0+2000)
  void subsearchUsesTheSearchWindow() throws IOException {
    Window early = new Window(Instant.ofEpochSecond(T0), Instant.ofEpochSecond(T0 + 2000));
    assertEquals("h1/100", rows(run(REG_PARENTS, early), "dest", "process_id"));
  }

  // ---- join (windows_privilege_escalation_*) ---------------------------------------------------------------

  private static final String PARENTS = "| tstats count from datamodel=Endpoint.Processes "
      + "where Processes.process_name=cmd.exe by Processes.dest Processes.process_guid " + DROP
      + "| rename process_guid as join_guid ";
  private static final String CHILDREN = "[| tstats count min(_time) as child_time from datamodel=Endpoint.Processes "
      + "where Processes.process_name!=cmd.exe by Processes.dest Processes.parent_process_guid Processes.process_name "
      + DROP + "| rename parent_process_guid as join_guid, process_name as child ]";

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      // G100 on h1 has two children on h1 (reg, whoami); net.exe (parent G100) is on h2 and does not join;
      // G101's reg.exe at 5000 joins over all time
      "join max=0 dest join_guid              | h1/G100/reg.exe/1700001010 h1/G100/whoami.exe/1700001020 h1/G101/reg.exe/1700005000",
      // max=1 (the default): the first subsearch row, in tstats order (by process_name)
      "join dest join_guid                    | h1/G100/reg.exe/1700001010 h1/G101/reg.exe/1700005000",
      // a left join keeps the parents without a child (h2's cmd) unchanged
      "join type=left max=0 dest join_guid    | h1/G100/reg.exe/1700001010 h1/G100/whoami.exe/1700001020 h1/G101/reg.exe/1700005000 h2/G2-100/-/-",
      "join type=outer max=1 dest, join_guid  | h1/G100/reg.exe/1700001010 h1/G101/reg.exe/1700005000 h2/G2-100/-/-",
  })
  void join(String command, String expected) throws IOException {
    assertEquals(expected, rows(run(PARENTS + "| " + command.strip() + " " + CHILDREN),
        "dest", "join_guid", "child", "child_time"));
  }

  @Test // the subsearch's fields overwrite the row's: its count replaces the parent's
  void joinOverwrites() throws IOException {
    List<Row> rows = run(PARENTS + "| eval count=\"parent\" | join dest join_guid " + CHILDREN);
    assertEquals("1 1", field(rows, "count"));
  }

  @Test // without fields: on every field both rows share, count included: "parent" never equals the child's 1
  void joinOnSharedFields() throws IOException {
    assertEquals("", rows(run(PARENTS + "| eval count=\"parent\" | join " + CHILDREN), "dest"));
    assertEquals("h1/G100/reg.exe h1/G101/reg.exe",
        rows(run(PARENTS + "| fields - count | join " + CHILDREN), "dest", "join_guid", "child"));
  }

  // ---- thousands of values (Lucene allows 1024 clauses) ----------------------------------------------------

  @Test // 5,000 exact values and 5,000 patterns in IN lists, and a subsearch of 5,000 rows, plan as few clauses
  void thousandsOfValues() throws IOException {
    String exact = IntStream.range(0, 5000).mapToObj(i -> "\"tool" + i + ".exe\"").collect(Collectors.joining(", "));
    String patterns = IntStream.range(0, 5000).mapToObj(i -> "\"*tool" + i + "*\"").collect(Collectors.joining(", "));
    String base = "| tstats count from datamodel=Endpoint.Processes where ";
    String by = " by Processes.process_name";
    assertEquals("needle.exe", field(run(base + "Processes.process_name IN (" + exact + ", \"NEEDLE.exe\")" + by),
        "Processes.process_name"));
    assertEquals("needle.exe", field(run(base + "Processes.process IN (" + patterns + ", \"*eedle*\")" + by),
        "Processes.process_name"));
    String ors = IntStream.range(0, 5000).mapToObj(i -> "Processes.process_name=x" + i).collect(Collectors.joining(" OR "));
    assertEquals("needle.exe", field(run(base + "(" + ors + " OR Processes.process_name=needle.exe)" + by),
        "Processes.process_name"));
    // the same lists filter rows after tstats
    assertEquals("needle.exe", field(run(base + "* " + by + " | search Processes.process_name IN (" + exact
        + ", needle.exe)"), "Processes.process_name"));
  }

  // ---- errors ------------------------------------------------------------------------------------------------

  @ParameterizedTest(name = "{1}")
  @CsvSource(delimiterString = " ~ ", quoteCharacter = '\'', value = {
      "| inputlookup t | join dest ~ join needs a subsearch [ … ] after its fields (found end of command) ~ 27",
      "| inputlookup t | join type=cross dest [| inputlookup u] ~ join type is inner, left or outer (found 'cross') ~ 28",
      "| inputlookup t | join usetime=true dest [| inputlookup u] ~ unsupported join option 'usetime' (found 'usetime') ~ 23",
      "| inputlookup t | join dest [| eval a=1] ~ a subsearch must start with | tstats or | inputlookup (found 'eval') ~ 31",
  })
  void errors(String spl, String reason, int column0) {
    SplException e = assertThrows(SplException.class, () -> SplParser.parse(spl));
    assertEquals(reason, e.reason());
    assertEquals(column0, e.position());
  }
}
