package dev.vigil.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.TestHomes;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateAndTestCommandTest {
  private static final Path DETECTIONS = Path.of("../shared/content/detections");

  @TempDir
  Path temp;

  // SEMANTICS §4.7: an unsupported command is reported at load time with file, line, column and a caret; the
  // other rules still load.
  @Test
  void validateReportsABadRuleWithPositionAndCaretAndGoesOn() throws Exception {
    Path home = TestHomes.copyShipped(temp.resolve("home"));
    Path rules = Files.createDirectories(temp.resolve("rules"));
    Files.copy(DETECTIONS.resolve("certutil_exe_certificate_extraction.yml"), rules.resolve("good.yml"));
    String seed = Files.readString(DETECTIONS.resolve("windows_iis_components_add_new_module.yml"));
    Files.writeString(rules.resolve("bad.yml"), seed.replace("| `drop_dm_object_name(Processes)` |",
        "| `drop_dm_object_name(Processes)` | mvexpand dest |"));
    Cli.Outcome outcome = Cli.vigil("validate", "--home", home.toString(), rules.toString());
    assertEquals(1, outcome.exit(), outcome.out() + outcome.err());
    String search = seed.lines().filter(l -> l.startsWith("search: '")).findFirst().orElseThrow()
        .substring("search: '".length());
    String[] lines = outcome.out().split("\n");
    int column = search.indexOf("| `drop_dm_object_name(Processes)` |") + "| `drop_dm_object_name(Processes)` | ".length() + 1;
    assertEquals("bad: error: " + rules.resolve("bad.yml") + ":13: column " + column
        + ": unsupported command 'mvexpand' (found 'mvexpand')", lines[0]);
    assertEquals(" ".repeat(column - 1) + "^", lines[2]);
    assertEquals("good: ok", lines[3]);
    assertEquals("2 rules: 1 ok, 1 with errors", lines[4]);
  }

  // The contentctl unit test: the certutil dataset, moved to the present, gives the 22 rows.
  @Test
  void testPassesOnTheCertutilDatasetAndPrintsThe22Rows() throws Exception {
    Path home = TestHomes.copyShipped(temp.resolve("home"));
    Cli.Outcome outcome = Cli.vigil("test", "certutil_exe_certificate_extraction", "--home", home.toString(),
        "--dataset", "../shared/content/datasets/certutil_exe_certificate_extraction.raw");
    assertEquals(0, outcome.exit(), outcome.err());
    assertEquals(22, outcome.rows().size());
    assertTrue(outcome.err().contains("PASS: 40 events"), outcome.err());
  }

  @Test
  void testFailsWhenTheRuleFindsNothing() throws Exception {
    Path home = TestHomes.copyShipped(temp.resolve("home"));
    Cli.Outcome outcome = Cli.vigil("test", "windows_iis_components_add_new_module", "--home", home.toString(),
        "--dataset", "../shared/content/datasets/certutil_exe_certificate_extraction.raw");
    assertEquals(1, outcome.exit(), outcome.err());
    assertTrue(outcome.err().contains("FAIL"), outcome.err());
  }

  @Test
  void testUsesTheRulesOwnTestsWhenTheirDatasetIsGiven() throws Exception {
    Path home = TestHomes.copyShipped(temp.resolve("home"));
    Path datasets = Files.createDirectories(temp.resolve("attack_data"));
    // The certutil rule's test names windows-sysmon.log; the Sysmon half of the capture stands in for it.
    Files.copy(Path.of("../shared/content/datasets/certutil_sysmon_eid1.xml.log"), datasets.resolve("windows-sysmon.log"));
    Cli.Outcome outcome = Cli.vigil("test", "certutil_exe_certificate_extraction", "--home", home.toString(),
        "--datasets", datasets.toString());
    assertEquals(0, outcome.exit(), outcome.err());
    assertEquals(11, outcome.rows().size());
  }

  @Test
  void allThirtySampleDetectionsValidate() throws Exception {
    Path home = TestHomes.copyShipped(temp.resolve("home"));
    Cli.Outcome outcome = Cli.vigil("validate", "--home", home.toString(), DETECTIONS.toString());
    assertEquals(0, outcome.exit(), outcome.out());
    assertTrue(outcome.out().endsWith("30 rules: 30 ok, 0 with errors\n"), outcome.out());
  }

  // A detection file given by path runs with the shipped macros and its type's default schedule.
  @Test
  void runTakesTheDetectionFileItself() throws Exception {
    Path home = TestHomes.copyShipped(temp.resolve("home"));
    String index = temp.resolve("index").toString();
    assertEquals(0, Cli.vigil("ingest", "--home", home.toString(), "--index", index,
        "../shared/content/datasets/certutil_exe_certificate_extraction.raw").exit());
    String rule = DETECTIONS.resolve("certutil_exe_certificate_extraction.yml").toString();
    // The 22 -exportPFX events lie between 15:35:38 and 15:43:12 on 2021-01-07: in the ESCU window of the 16:00
    // run, [14:50, 15:50), and not in that of the 17:00 run (SEMANTICS §2.7).
    Cli.Outcome at16 = Cli.vigil("run", rule, "--home", home.toString(), "--index", index,
        "--at", "2021-01-07T16:00:00Z", "--no-risk");
    assertEquals(0, at16.exit(), at16.err());
    assertTrue(at16.err().contains("window [2021-01-07T14:50:00Z, 2021-01-07T15:50:00Z)"), at16.err());
    assertEquals(22, at16.rows().size());
    Cli.Outcome at17 = Cli.vigil("run", rule, "--home", home.toString(), "--index", index,
        "--at", "2021-01-07T17:00:00Z", "--no-risk");
    assertEquals(0, at17.rows().size(), at17.out());
  }
}
