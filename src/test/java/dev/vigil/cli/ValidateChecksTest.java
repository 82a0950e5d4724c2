package dev.vigil.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.TestHomes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What 'vigil validate' checks besides the search parsing, and how a broken macro file is reported. */
class ValidateChecksTest {
  private static final Path SEED = Path.of("../shared/content/detections/windows_iis_components_add_new_module.yml");
  private static final String OUTPUT = "(count, dest, firstTime, lastTime, original_file_name, parent_process_id, "
      + "parent_process_name, process, process_id, process_name, user)";

  @TempDir
  Path temp;

  private Path home;
  private Path rules;
  private String seed;
  private String search;

  private void setUp() throws Exception {
    home = TestHomes.copyShipped(temp.resolve("home"));
    rules = Files.createDirectories(temp.resolve("rules"));
    seed = Files.readString(SEED);
    search = seed.lines().filter(l -> l.startsWith("search: '")).findFirst().orElseThrow().substring("search: '".length());
  }

  private Cli.Outcome validate(String yaml) throws Exception {
    Files.writeString(rules.resolve("r.yml"), yaml);
    return Cli.vigil("validate", "--home", home.toString(), rules.resolve("r.yml").toString());
  }

  // One broken local macro file is named with its line; every other macro still loads, so the seed validates.
  @Test
  void aBrokenMacroFileIsAConfigurationErrorAndTheRulesStillLoad() throws Exception {
    setUp();
    Path macros = Files.createDirectories(home.resolve("config/local/macros"));
    Files.writeString(macros.resolve("broken.yml"), "name: broken\ndefinition: [\n");
    Files.copy(SEED, rules.resolve("seed.yml"));
    Cli.Outcome outcome = Cli.vigil("validate", "--home", home.toString(), rules.toString());
    assertEquals(1, outcome.exit(), outcome.out());
    assertEquals(List.of(
        "configuration: error: " + macros.resolve("broken.yml") + ":2: not valid YAML: while parsing a flow node: "
            + "expected the node content, but found '<stream end>'",
        "seed: ok",
        "1 rules: 1 ok, 0 with errors; 1 configuration file with errors"), outcome.outLines());
    Cli.Outcome list = Cli.vigil("rules", "list", "--home", home.toString());
    assertEquals(1, list.exit());
    assertTrue(list.err().startsWith("cannot load " + macros.resolve("broken.yml") + ":2: not valid YAML"), list.err());
    assertEquals(32, list.rows().size());
  }

  // An error inside a macro's definition points into the macro file, and names the call in the detection.
  @Test
  void anErrorInsideAMacroPointsIntoItsDefinition() throws Exception {
    setUp();
    Path macros = Files.createDirectories(home.resolve("config/local/macros"));
    Files.writeString(macros.resolve("filter.yml"), "name: windows_iis_components_add_new_module_filter\n"
        + "description: tuned\ndefinition: search dest!=x | mvexpand dest\n");
    Cli.Outcome outcome = validate(seed);
    int call = search.indexOf("`windows_iis_components_add_new_module_filter`") + 1;
    assertEquals(1, outcome.exit(), outcome.out());
    assertEquals(List.of(
        "r: error: " + macros.resolve("filter.yml") + ":3: column 18: unsupported command 'mvexpand' "
            + "(found 'mvexpand') (in macro 'windows_iis_components_add_new_module_filter', called at "
            + rules.resolve("r.yml") + ":13: column " + call + ")",
        "search dest!=x | mvexpand dest",
        "                 ^",
        "1 rules: 0 ok, 1 with errors"), outcome.outLines());
  }

  // A data model other than Endpoint.Processes, or a field that is not in it, is an error with a caret.
  static Stream<Arguments> searchErrors() {
    return Stream.of(
        Arguments.of("datamodel=Endpoint.Processes", "datamodel=Endpoint.Filesystem", "Endpoint.Filesystem",
            "data model 'Endpoint.Filesystem' is not one Vigil stores: tstats can read Endpoint.Processes and Risk.All_Risk only"),
        Arguments.of("datamodel=Endpoint.Processes", "datamodel=Network_Traffic.All_Traffic", "Network_Traffic",
            "data model 'Network_Traffic.All_Traffic' is not one Vigil stores: tstats can read Endpoint.Processes and Risk.All_Risk only"),
        Arguments.of("Processes.process_name=appcmd.exe", "Processes.process_nam=appcmd.exe", "Processes.process_nam=",
            "'Processes.process_nam' is not a field of the Endpoint.Processes data model"),
        Arguments.of("by Processes.dest", "by Processes.dest_host", "Processes.dest_host",
            "'Processes.dest_host' is not a field of the Endpoint.Processes data model"));
  }

  @ParameterizedTest
  @MethodSource
  void searchErrors(String from, String to, String caretAt, String message) throws Exception {
    setUp();
    Cli.Outcome outcome = validate(seed.replace(from, to));
    String changed = search.replace(from, to);
    int column = changed.indexOf(caretAt) + 1;
    assertEquals(1, outcome.exit(), outcome.out());
    List<String> lines = outcome.outLines();
    assertEquals("r: error: " + rules.resolve("r.yml") + ":13: column " + column + ": " + message, lines.get(0));
    assertEquals(" ".repeat(column - 1) + "^", lines.get(2));
  }

  // Fields of the YAML and the risk side: errors fail the rule, warnings are printed and the rule passes.
  static Stream<Arguments> fieldFindings() {
    return Stream.of(
        Arguments.of("id: 38fe731c-1f13", "id: 38fe731x-1f13", 1,
            "error: {rule}:2: field id: '38fe731x-1f13-43d4-b878-a5bbe44807e3' is not a UUID (expected 8-4-4-4-12 hex digits)"),
        Arguments.of("  - T1505.004", "  - T1505.04", 1,
            "error: {rule}:41: field tags.mitre_attack_id[1]: 'T1505.04' is not a MITRE ATT&CK technique id (T1234 or T1234.001)"),
        Arguments.of("  - T1505\n", "  - t1505\n", 1,
            "error: {rule}:40: field tags.mitre_attack_id[0]: 't1505' is not a MITRE ATT&CK technique id (T1234 or T1234.001)"),
        Arguments.of("confidence: 80", "confidence: 101", 1,
            "error: {rule}:36: field tags.confidence: '101' is not a whole number from 1 to 100"),
        Arguments.of("impact: 80", "impact: 0", 1, "error: {rule}:37: field tags.impact: '0' is not a whole number from 1 to 100"),
        Arguments.of("risk_score: 64", "risk_score: 640", 1,
            "error: {rule}:76: field tags.risk_score: '640' is not a whole number from 1 to 100"),
        Arguments.of("- name: user\n", "- name: src_user\n", 1,
            "error: {rule}:43: field tags.observable[0].name: risk object 'src_user' is not a field of the search's output "
                + OUTPUT + ": the rule would write no risk event for it"),
        Arguments.of("- name: process_name\n", "- name: proc_name\n", 0,
            "warning: {rule}:55: field tags.observable[3].name: threat object 'proc_name' is not a field of the search's "
                + "output " + OUTPUT + ": risk events would carry no threat object for it"),
        Arguments.of("spawning $process_name$", "spawning $proc$", 0,
            "warning: {rule}:38: field tags.message: $proc$ is not a field of the search's output " + OUTPUT
                + ": the risk message shows it empty"),
        Arguments.of("type: Anomaly", "type: Baseline", 1,
            "error: {rule}: field type: no default schedule for type 'Baseline' in {home}/schedules/deployments"));
  }

  @ParameterizedTest
  @MethodSource
  void fieldFindings(String from, String to, int exit, String finding) throws Exception {
    setUp();
    assertTrue(seed.contains(from), from);
    Cli.Outcome outcome = validate(seed.replace(from, to));
    assertEquals(exit, outcome.exit(), outcome.out());
    assertEquals("r: " + finding.replace("{rule}", rules.resolve("r.yml").toString()).replace("{home}", home.toString()),
        outcome.outLines().get(0));
    assertEquals(2, outcome.outLines().size(), outcome.out()); // the finding and the summary
  }

  // Without risk_score the score is confidence × impact / 100, so both must be there; with it, neither.
  @Test
  void aMissingImpactIsAnErrorOnlyWithoutARiskScore() throws Exception {
    setUp();
    String noImpact = seed.replace("  impact: 80\n", "");
    assertEquals(List.of("r: ok", "1 rules: 1 ok, 0 with errors"), validate(noImpact).outLines());
    Cli.Outcome outcome = validate(noImpact.replace("  risk_score: 64\n", ""));
    assertEquals(1, outcome.exit());
    assertEquals("r: error: " + rules.resolve("r.yml") + ": field tags.impact: missing: the risk score of the risk "
        + "objects is confidence × impact / 100", outcome.outLines().get(0));
  }

  // A risk object after a lookup without OUTPUT may or may not be there: a warning, not an error.
  @Test
  void aRiskObjectTheOutputMayHaveIsAWarning() throws Exception {
    setUp();
    String yaml = seed.replace("| `windows_iis_components_add_new_module_filter`", "| fields - user | lookup "
        + "linux_tool_discovery_process process | `windows_iis_components_add_new_module_filter`");
    Cli.Outcome outcome = validate(yaml);
    assertEquals(0, outcome.exit(), outcome.out());
    assertTrue(outcome.outLines().get(0).startsWith("r: warning: " + rules.resolve("r.yml") + ":43: field "
        + "tags.observable[0].name: whether the search's output has risk object 'user' is unknown until it runs (after "
        + "lookup linux_tool_discovery_process without OUTPUT)"), outcome.out());
  }

  @Test
  void aMissingPathIsAUsageError() {
    Cli.Outcome outcome = Cli.vigil("validate", "nope/");
    assertEquals(2, outcome.exit());
    assertEquals("vigil: no such file or folder: nope\n", outcome.err());
    assertEquals("", outcome.out());
  }

  @Test
  void aYamlFileThatIsNotADetectionIsAUsageError() throws Exception {
    Path macro = Path.of("config/macros/security_content_summariesonly.yml");
    Cli.Outcome outcome = Cli.vigil("validate", macro.toString());
    assertEquals(2, outcome.exit());
    assertEquals("vigil: " + macro + ": not a detection: it has no 'search' field\n", outcome.err());
  }

  @Test
  void aFolderWithoutDetectionsIsAUsageError() throws Exception {
    Path empty = Files.createDirectories(temp.resolve("empty"));
    Files.writeString(empty.resolve("notes.txt"), "search: not yaml\n");
    assertEquals(new Cli.Outcome(2, "", "vigil: " + empty + ": holds no detection (a .yml or .yaml file with a 'search' field)\n"),
        Cli.vigil("validate", empty.toString()));
    assertEquals("vigil: config/macros: holds no detection (a .yml or .yaml file with a 'search' field)\n",
        Cli.vigil("validate", "config/macros").err());
  }

  // Before: an internal error with a stack trace when the run reached the index. Now refused up front, exit 2.
  @Test
  void runRefusesADataModelVigilDoesNotStore() throws Exception {
    setUp();
    Files.writeString(rules.resolve("dm.yml"), seed.replace("datamodel=Endpoint.Processes", "datamodel=Endpoint.Filesystem"));
    Cli.Outcome outcome = Cli.vigil("run", rules.resolve("dm.yml").toString(), "--home", home.toString(),
        "--index", temp.resolve("index").toString(), "--earliest", "0", "--latest", "now", "--no-risk");
    assertEquals(2, outcome.exit(), outcome.err());
    assertTrue(outcome.err().startsWith("vigil: dm: " + rules.resolve("dm.yml") + ":13: column "
        + (search.indexOf("Endpoint.Processes") + 1) + ": data model 'Endpoint.Filesystem' is not one Vigil stores"),
        outcome.err());
  }
}
