package dev.vigil.query;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.ingest.ProcessEvent;
import dev.vigil.spl.Macro;
import dev.vigil.spl.MacroSource;
import dev.vigil.time.Window;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The seed detection "Windows IIS Components Add New Module", run unchanged from the shipped YAML over
 * hand-written CIM NDJSON events; every clause of its search has a case here:
 * <pre>
 * where NOT (parent_process_name IN ("msiexec.exe", "iissetup.exe")) process_name=appcmd.exe
 *       process IN ("*install *", "*module *") AND process="*image*"
 * by dest user parent_process_name process_name original_file_name process process_id parent_process_id
 * </pre>
 * A contract: a subclass runs every case against one tstats backend.
 */
public abstract class SeedDetectionContract {
  /** A backend that holds exactly {@code events}. */
  protected abstract TstatsBackend backend(List<ProcessEvent> events) throws IOException;

  private static final String STEM = "windows_iis_components_add_new_module";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** 2024-05-15T13:00:05Z; every event of a case lies in the all-time window unless the case says otherwise. */
  private static final long T0 = 1715778005L;

  /** One event that the detection matches; each case changes one field of it. */
  private static final String BASE = "{\"_time\": 1715778005, \"dest\": \"web01\", \"user\": \"CONTOSO\\\\iisadmin\","
      + " \"parent_process_name\": \"cmd.exe\", \"process_name\": \"appcmd.exe\","
      + " \"process\": \"appcmd.exe install module /name:Backdoor /image:C:\\\\inetpub\\\\bd.dll\","
      + " \"process_id\": 4242, \"parent_process_id\": 4000, \"original_file_name\": \"appcmd.exe\"}";

  @Test // the base event alone gives one row with every by-field, count, and ctime'd firstTime/lastTime
  void baseEventGivesOneFullRow() throws IOException {
    List<Row> rows = run(List.of(BASE));

    Map<String, Object> want = new LinkedHashMap<>();
    want.put("dest", "web01");
    want.put("user", "CONTOSO\\iisadmin");
    want.put("parent_process_name", "cmd.exe");
    want.put("process_name", "appcmd.exe");
    want.put("original_file_name", "appcmd.exe");
    want.put("process", "appcmd.exe install module /name:Backdoor /image:C:\\inetpub\\bd.dll");
    want.put("process_id", "4242");
    want.put("parent_process_id", "4000");
    want.put("count", "1");
    want.put("firstTime", "2024-05-15T13:00:05"); // SEMANTICS §4.5 ctime "%Y-%m-%dT%H:%M:%S", UTC (§1.5)
    want.put("lastTime", "2024-05-15T13:00:05");
    assertEquals(List.of(want), rows.stream().map(Row::asMap).toList());
  }

  // ---- NOT (parent_process_name IN ("msiexec.exe", "iissetup.exe")) -----------------------------------

  @ParameterizedTest(name = "parent {0} excluded") // SEMANTICS §4.3: IN compares case-insensitively
  @ValueSource(strings = {"msiexec.exe", "iissetup.exe", "MSIEXEC.EXE", "IisSetup.EXE"})
  void installerParentsAreExcluded(String parent) throws IOException {
    assertEquals(List.of(), run(List.of(with(BASE, "parent_process_name", parent))));
  }

  @ParameterizedTest(name = "parent {0} kept")
  @ValueSource(strings = {"w3wp.exe", "msiexec.exe.bak", "xmsiexec.exe", "iissetup"})
  void otherParentsAreKept(String parent) throws IOException {
    List<Row> rows = run(List.of(with(BASE, "parent_process_name", parent)));
    assertEquals(List.of(parent), column(rows, "parent_process_name"));
  }

  @Test // SEMANTICS §3.2 + §4.3: no parent at all → parent_process_name "unknown", and NOT … IN keeps it
  void missingParentBecomesUnknownAndIsKept() throws IOException {
    List<Row> rows = run(List.of(without(BASE, "parent_process_name")));
    assertEquals(List.of("unknown"), column(rows, "parent_process_name"));
  }

  // ---- process_name=appcmd.exe --------------------------------------------------------------------------

  @ParameterizedTest(name = "process_name {0} matches") // SEMANTICS §4.3: output keeps the original case
  @ValueSource(strings = {"APPCMD.EXE", "AppCmd.exe", "appcmd.exe"})
  void processNameMatchesCaseInsensitivelyAndKeepsItsCase(String name) throws IOException {
    List<Row> rows = run(List.of(with(BASE, "process_name", name)));
    assertEquals(List.of(name), column(rows, "process_name"));
  }

  @ParameterizedTest(name = "process_name {0} does not match") // no wildcard: the whole value must be equal
  @ValueSource(strings = {"appcmd", "appcmd.exe.old", "xappcmd.exe", "appcmd.ex"})
  void otherProcessNamesDoNotMatch(String name) throws IOException {
    assertEquals(List.of(), run(List.of(with(BASE, "process_name", name))));
  }

  // ---- process IN ("*install *", "*module *") AND process="*image*" ---------------------------------------

  @ParameterizedTest(name = "[{index}] {1}: {0}") // SEMANTICS §4.3: * matches any run, also none; case-insensitive
  @CsvSource(delimiter = '|', value = {
      "appcmd.exe install module /name:m /image:c:\\m.dll  | true",   // both IN values
      "appcmd.exe install /name:m /image:c:\\m.dll         | true",   // only "install "
      "appcmd.exe add module /name:m /image:c:\\m.dll      | true",   // only "module "
      "APPCMD.EXE INSTALL MODULE /NAME:M /IMAGE:C:\\M.DLL  | true",   // case-insensitive
      "install /image:x                                     | true",   // leading * matches nothing
      "appcmd.exe install module /name:m                    | false",  // no "image"
      "appcmd.exe /install:m /image:c:\\m.dll               | false",  // "install" without trailing space
      "appcmd.exe /image:c:\\m.dll install                  | false",  // "install" at the end, no space after
      "appcmd.exe add modules /image:c:\\m.dll              | false",  // "modules" is not "module "
      "appcmd.exe list config /imag:c:\\m.dll install x     | false",  // "imag" is not "image"
  })
  void processWildcards(String process, boolean matches) throws IOException {
    List<Row> rows = run(List.of(with(BASE, "process", process.strip())));
    assertEquals(matches ? List.of(process.strip()) : List.of(), column(rows, "process"));
  }

  // ---- by … grouping, count, min/max(_time) ---------------------------------------------------------------

  @Test // SEMANTICS §4.2: one group → count 2, firstTime = min, lastTime = max
  void sameByFieldsGroupIntoOneRow() throws IOException {
    List<Row> rows = run(List.of(
        with(BASE, "_time", T0 + 1202), // 13:20:07
        BASE));                          // 13:00:05
    assertEquals(1, rows.size());
    assertEquals("2", rows.get(0).first("count"));
    assertEquals("2024-05-15T13:00:05", rows.get(0).first("firstTime"));
    assertEquals("2024-05-15T13:20:07", rows.get(0).first("lastTime"));
  }

  @Test // SEMANTICS §4.2: min/max(_time) are whole seconds; 13:00:05.999 formats as 13:00:05
  void subSecondTimesAreDropped() throws IOException {
    List<Row> rows = run(List.of(with(BASE, "_time", "1715778005.999")));
    assertEquals("2024-05-15T13:00:05", rows.get(0).first("firstTime"));
    assertEquals("2024-05-15T13:00:05", rows.get(0).first("lastTime"));
  }

  @Test // a different process_id is a different group
  void differentProcessIdGivesTwoRows() throws IOException {
    List<Row> rows = run(List.of(BASE, with(BASE, "process_id", 4243)));
    assertEquals(List.of("4242", "4243"), column(rows, "process_id"));
    assertEquals(List.of("1", "1"), column(rows, "count"));
  }

  @Test // by-values compare exactly: a user spelled in other case is another group (only matching ignores case)
  void byFieldsAreCaseSensitiveGroups() throws IOException {
    List<Row> rows = run(List.of(BASE, with(BASE, "dest", "WEB01")));
    assertEquals(List.of("WEB01", "web01"), column(rows, "dest"));
  }

  // ---- fillnull_value=null and calculated fields --------------------------------------------------------

  @Test // SEMANTICS §4.1: ESCU's fillnull_value=null turns a missing by-field into the text "null"
  void missingIdsBecomeTheTextNull() throws IOException {
    List<Row> rows = run(List.of(without(without(BASE, "process_id"), "parent_process_id")));
    assertEquals(1, rows.size());
    assertEquals("null", rows.get(0).first("process_id"));
    assertEquals("null", rows.get(0).first("parent_process_id"));
  }

  @Test // SEMANTICS §3.2: original_file_name is calculated, "unknown" when missing or empty, never null
  void missingOrEmptyOriginalFileNameIsUnknown() throws IOException {
    List<Row> rows = run(List.of(without(BASE, "original_file_name"),
        with(with(BASE, "original_file_name", ""), "process_id", 4243)));
    assertEquals(List.of("unknown", "unknown"), column(rows, "original_file_name"));
  }

  @Test // SEMANTICS §4.1: without fillnull_value, a row whose by-field is null is dropped
  void withoutFillnullTheRowIsDropped() throws IOException {
    MacroSource macros = Searches.macros(
        new Macro("security_content_summariesonly", List.of(), "summariesonly=false allow_old_summaries=true"),
        Searches.filter(STEM, "search *"));
    List<Row> rows = Searches.run(holding(List.of(without(BASE, "process_id"), with(BASE, "process_id", 7))),
        Searches.detectionSearch(STEM), macros, Searches.ALL_TIME);
    assertEquals(List.of("7"), column(rows, "process_id"));
  }

  // ---- the filter macro -----------------------------------------------------------------------------------

  @Test // SEMANTICS §4.4: the rule's <stem>_filter macro is the administrator's tuning point
  void filterMacroFiltersRows() throws IOException {
    List<String> events = List.of(BASE, with(BASE, "dest", "web02"), with(BASE, "dest", "web03"));

    assertEquals(List.of("web01", "web02", "web03"), column(run(events), "dest"));
    List<Row> filtered = Searches.run(holding(events), Searches.detectionSearch(STEM),
        Searches.macros(Searches.filter(STEM, "search dest!=web02")), Searches.ALL_TIME);
    assertEquals(List.of("web01", "web03"), column(filtered, "dest"));
  }

  // ---- the window ---------------------------------------------------------------------------------------

  @Test // SEMANTICS §2.7 + §1.4: scheduled 14:00, -70m@m..-10m@m = [12:50:00, 13:50:00)
  void windowIncludesEarliestAndExcludesLatest() throws IOException {
    Instant scheduled = Instant.parse("2024-05-15T14:00:00Z");
    Window window = Window.resolve("-70m@m", "-10m@m", scheduled, Searches.UTC);
    assertEquals(new Window(Instant.parse("2024-05-15T12:50:00Z"), Instant.parse("2024-05-15T13:50:00Z")), window);

    long t1250 = Instant.parse("2024-05-15T12:50:00Z").getEpochSecond();
    long t1350 = Instant.parse("2024-05-15T13:50:00Z").getEpochSecond();
    List<String> events = List.of(
        with(with(BASE, "_time", t1250 - 1), "process_id", 1),        // 12:49:59 out
        with(with(BASE, "_time", t1250), "process_id", 2),            // 12:50:00 in (earliest inclusive)
        with(with(BASE, "_time", t1350 - 1), "process_id", 3),        // 13:49:59 in
        with(with(BASE, "_time", "" + (t1350 - 1) + ".999"), "process_id", 4), // 13:49:59.999 in
        with(with(BASE, "_time", t1350), "process_id", 5));           // 13:50:00 out (latest exclusive)
    List<Row> rows = Searches.run(holding(events), Searches.detectionSearch(STEM),
        Searches.macros(Searches.filter(STEM, "search *")), window);

    assertEquals(List.of("2", "3", "4"), column(rows, "process_id"));
    assertEquals(List.of("2024-05-15T12:50:00", "2024-05-15T13:49:59", "2024-05-15T13:49:59"),
        column(rows, "firstTime"));
  }

  @Test // SEMANTICS §2.7: the next run (15:00) searches [13:50, 14:50): the 13:50:00 event is there, once
  void consecutiveWindowsTouch() throws IOException {
    long t1350 = Instant.parse("2024-05-15T13:50:00Z").getEpochSecond();
    TstatsBackend held = holding(List.of(with(BASE, "_time", t1350)));
    MacroSource macros = Searches.macros(Searches.filter(STEM, "search *"));
    int seen = 0;
    for (String scheduled : List.of("2024-05-15T14:00:00Z", "2024-05-15T15:00:00Z")) {
      Window w = Window.resolve("-70m@m", "-10m@m", Instant.parse(scheduled), Searches.UTC);
      seen += Searches.run(held, Searches.detectionSearch(STEM), macros, w).size();
    }
    assertEquals(1, seen);
  }

  // ---- helpers ------------------------------------------------------------------------------------------

  private List<Row> run(List<String> ndjson) throws IOException {
    return Searches.run(holding(ndjson), Searches.detectionSearch(STEM),
        Searches.macros(Searches.filter(STEM, "search *")), Searches.ALL_TIME);
  }

  /** A fresh backend (one per call, so a test may build several) holding the events. */
  private TstatsBackend holding(List<String> ndjson) throws IOException {
    return backend(Searches.ndjson(ndjson.toArray(String[]::new)));
  }

  private static List<String> column(List<Row> rows, String field) {
    List<String> values = new ArrayList<>();
    rows.forEach(r -> values.add(r.first(field)));
    return values;
  }

  private static String with(String json, String field, Object value) {
    try {
      ObjectNode node = (ObjectNode) JSON.readTree(json);
      if (value instanceof Number n) {
        node.put(field, n.longValue());
      } else if (field.equals("_time")) {
        node.set(field, JSON.readTree(value.toString())); // a JSON number with a fraction, e.g. 1715778005.999
      } else {
        node.put(field, value.toString());
      }
      return JSON.writeValueAsString(node);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static String without(String json, String field) {
    try {
      ObjectNode node = (ObjectNode) JSON.readTree(json);
      node.remove(field);
      return JSON.writeValueAsString(node);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
