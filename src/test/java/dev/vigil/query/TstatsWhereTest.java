package dev.vigil.query;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tstats where clause against the index (QueryPlanner, SEMANTICS §4.3), and the same expression as a later
 * {@code | search} over the rows (RowMatcher): both must select the same events.
 */
class TstatsWhereTest {
  @TempDir
  static Path indexDir;

  @BeforeAll
  static void index() throws IOException {
    Searches.index(indexDir, Searches.ndjson(
        "{\"_time\": 1, \"dest\": \"web01\", \"process_id\": 1, \"process\": \"C:\\\\Users\\\\a\\\\AppData\\\\x.exe\"}",
        "{\"_time\": 2, \"dest\": \"WEB02\", \"process_id\": 2, \"process\": \"reg save hklm\\\\sam sam.save\"}",
        "{\"_time\": 3, \"dest\": \"db01\", \"process\": \"cmd.exe /c whoami\"}"));
  }

  /** The dest of each row: the condition in tstats' where, or as {@code | search} over rows by dest and process. */
  private static String dests(String where, boolean asSearch) throws IOException {
    String spl = asSearch
        ? "| tstats count from datamodel=Endpoint.Processes by Processes.dest Processes.process"
            + " | rename \"Processes.*\" as * | search " + where.replace("Processes.", "")
        : "| tstats count from datamodel=Endpoint.Processes where " + where + " by Processes.dest"
            + " | rename \"Processes.*\" as *";
    List<Row> rows = Searches.run(indexDir, spl, Searches.macros(), Searches.ALL_TIME);
    return String.join(" ", rows.stream().map(r -> r.first("dest")).toList());
  }

  @ParameterizedTest(name = "[{index}] {0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "Processes.dest=WEB01                           | web01",       // exact value, case-insensitive
      "Processes.dest=web02                           | WEB02",       // output keeps the stored case
      "Processes.dest IN (web01, \"WEB02\")            | WEB02 web01", // rows sorted bytewise
      "Processes.process=\"*\\\\appdata\\\\*\"          | web01",       // SPL \\ is one backslash
      "Processes.process=\"*\\sam *\"                  | WEB02",       // single backslash literal
      "NOT Processes.dest=web01                       | WEB02 db01",
      "Processes.dest=db* OR Processes.dest=*02       | WEB02 db01",
      "Processes.dest=* Processes.dest!=web01         | WEB02 db01",
      "Processes.dest=w* Processes.dest=*1 OR Processes.dest=db* | web01", // w* AND (*1 OR db*), not (w* *1) OR db*
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
  })
  void nullFieldsInWhere(String where, String expected) throws IOException {
    assertEquals(expected, dests(where, false));
  }
}
