package dev.vigil.cli;

import static dev.vigil.cli.Cli.vigil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.TestHomes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --format table|csv|json|ndjson}, {@code --output}, {@code --typed} (issue 11). */
class RowOutputTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path temp;

  private static List<JsonNode> rows(String... json) throws Exception {
    List<JsonNode> rows = new java.util.ArrayList<>();
    for (String each : json) {
      rows.add(JSON.readTree(each));
    }
    return rows;
  }

  @Test
  void aTableSizesItsColumnsToTheirValuesAndCutsWhatDoesNotFit() throws Exception {
    List<JsonNode> rows = rows("{\"dest\":\"wks-07\",\"count\":\"12\",\"process\":\"C:\\\\Windows\\\\System32\\\\"
        + "certutil.exe -exportPFX -p secret my.pfx\"}", "{\"dest\":\"dc-01\",\"count\":\"3\",\"user\":[\"a\",\"b\"]}");
    String process = "C:\\Windows\\System32\\certutil.exe -exportPFX -p secret my.pfx";
    // Each column as wide as its widest value, two spaces between, no trailing spaces.
    assertEquals(String.join("\n",
        String.format("%-6s  %-5s  %-" + process.length() + "s  %s", "dest", "count", "process", "user"),
        String.format("%-6s  %-5s  %s", "wks-07", "12", process),
        String.format("%-6s  %-5s  %-" + process.length() + "s  %s", "dc-01", "3", "", "a, b"), ""),
        RowOutput.table(rows, 200, false));
    String narrow = RowOutput.table(rows, 40, false);
    for (String line : narrow.split("\n")) {
      assertTrue(line.length() <= 40, "fits 40 columns: '" + line + "'");
    }
    // The narrow columns keep their width; the command line gives way.
    assertTrue(narrow.startsWith("dest    count  process"), narrow);
    assertTrue(narrow.lines().skip(1).findFirst().orElseThrow().matches("wks-07  12     C:\\\\Windows\\S*.*" + RowOutput.CUT),
        narrow);
    assertTrue(RowOutput.table(rows, 200, true).startsWith("\u001b[1mdest"), "a bold header on a terminal");
    assertEquals("(no rows)\n", RowOutput.table(List.of(), 80, false));
  }

  @Test
  void aTableShowsTimeAsTheInstantItIsWhileCsvKeepsTheNumber() throws Exception {
    List<JsonNode> rows = rows("{\"_time\":\"1796303510\",\"dest\":\"web-1\"}", "{\"_time\":1610031000,\"dest\":\"web-2\"}",
        "{\"_time\":\"yesterday\",\"dest\":\"web-3\"}");
    assertEquals("_time                 dest\n2026-12-03T13:11:50Z  web-1\n2021-01-07T14:50:00Z  web-2\n"
        + "yesterday             web-3\n", RowOutput.table(rows, 80, false));
    assertTrue(RowOutput.csv(rows).contains("\r\n1796303510,web-1\r\n"));
  }

  @Test
  void csvQuotesWhatNeedsQuotingAndPutsMultivaluesOnLinesOfTheirOwn() throws Exception {
    List<JsonNode> rows = rows("{\"a\":\"plain\",\"b\":\"with, comma\",\"c\":\"say \\\"hi\\\"\"}",
        "{\"a\":\" padded \",\"c\":[\"x\",\"y\"],\"d\":null}");
    assertEquals("a,b,c,d\r\nplain,\"with, comma\",\"say \"\"hi\"\"\",\r\n\" padded \",,\"x\ny\",\r\n",
        RowOutput.csv(rows));
  }

  @Test
  void typedJsonHasNumbersForNumbersOnly() throws Exception {
    JsonNode typed = RowOutput.typed(JSON.readTree(
        "{\"count\":\"12\",\"score\":\"94.5\",\"id\":\"0012\",\"dest\":\"10.0.0.1\",\"v\":[\"1\",\"x\"],\"neg\":\"-3\"}"));
    assertEquals("{\"count\":12,\"score\":94.5,\"id\":\"0012\",\"dest\":\"10.0.0.1\",\"v\":[1,\"x\"],\"neg\":-3}",
        typed.toString());
  }

  @Test
  void everyRowCommandTakesTheFormatsAndAnOutputFile() throws Exception {
    Path home = TestHomes.copyShipped(temp.resolve("home"));
    Cli.Outcome ndjson = vigil("rules", "list", "--home", home.toString());
    assertEquals(32, ndjson.rows().size(), "NDJSON when stdout is not a terminal");
    Cli.Outcome csv = vigil("rules", "list", "--format", "csv", "--home", home.toString());
    assertEquals(0, csv.exit(), csv.err());
    assertEquals(33, csv.out().split("\r\n").length, "a header and 32 rules");
    Cli.Outcome json = vigil("rules", "list", "--format", "json", "--home", home.toString());
    assertEquals(32, JSON.readTree(json.out()).size());
    Cli.Outcome table = vigil("rules", "list", "--format", "table", "--home", home.toString());
    assertTrue(table.out().lines().findFirst().orElseThrow().startsWith("rule"), table.out());

    Path file = temp.resolve("rules.csv");
    Cli.Outcome toFile = vigil("rules", "list", "--format", "csv", "--output", file.toString(), "--home",
        home.toString());
    assertEquals(0, toFile.exit(), toFile.err());
    assertEquals("", toFile.out());
    assertEquals(csv.out(), Files.readString(file));
    Cli.Outcome nowhere = vigil("rules", "list", "--output", temp.resolve("no/such/rules.csv").toString(), "--home",
        home.toString());
    assertEquals(2, nowhere.exit());
    assertEquals("vigil: --output: " + temp.resolve("no/such/rules.csv").toAbsolutePath() + ": the folder "
        + temp.resolve("no/such").toAbsolutePath() + " does not exist\n", nowhere.err());
    assertEquals(2, vigil("rules", "list", "--format", "xml", "--home", home.toString()).exit());
  }
}
