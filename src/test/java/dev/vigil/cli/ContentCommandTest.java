package dev.vigil.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.TestHomes;
import dev.vigil.lookup.LookupTable;
import dev.vigil.lookup.LookupTables;
import dev.vigil.risk.RiskRule;
import dev.vigil.schedule.Deployment;
import dev.vigil.schedule.Detection;
import dev.vigil.schedule.DetectionLoader;
import dev.vigil.schedule.Home;
import dev.vigil.schedule.Rule;
import dev.vigil.schedule.RuleCatalog;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContentCommandTest {
  private static final Path SHIPPED = Path.of("../shared/content/detections");
  private static final String CONHOST = "windows_conhost_with_headless_argument";
  private static final String NET = "account_discovery_with_net_app";

  @TempDir
  Path temp;

  /**
   * An ESCU-style app holding two shipped detections, written as contentctl writes them, with a [default]
   * stanza, a local/ layer, a continued description and risk list, and a Network_Traffic search.
   */
  private Path app(Path root) throws Exception {
    Path app = root.resolve("my_app");
    Files.createDirectories(app.resolve("default"));
    Files.createDirectories(app.resolve("local"));
    Files.createDirectories(app.resolve("lookups"));
    Detection conhost = DetectionLoader.load(SHIPPED.resolve(CONHOST + ".yml"));
    Detection net = DetectionLoader.load(SHIPPED.resolve(NET + ".yml"));
    Files.writeString(app.resolve("default/savedsearches.conf"), """
        # keys before any stanza belong to [default]
        enableSched = 1
        [default]
        dispatch.earliest_time = -70m@m
        dispatch.latest_time = -10m@m
        realtime_schedule = 0

        [ESCU - Windows ConHost with Headless Argument - Rule]
        action.risk = 1
        description = Conhost runs headless,\\
        which hides its window.
        action.risk.param._risk_message = Windows ConHost with Headless Argument detected on $dest$ by $user$.
        action.risk.param._risk = [{"risk_object_field": "user", "risk_object_type": "user", "risk_score": 70},\\
         {"risk_object_field": "dest", "risk_object_type": "system", "risk_score": 70}]
        action.correlationsearch.annotations = {"analytic_story": ["Spearphishing Attachments"], "mitre_attack": ["T1564.003", "T1564.006"], "type": "TTP"}
        action.correlationsearch.metadata = {"detection_id": "d5039508-998d-4cfc-8b5e-9dcd679d9a62", "detection_version": "3"}
        cron_schedule = 0 * * * *
        disabled = true
        search = %s

        [ESCU - Account Discovery With Net App - Rule]
        action.risk = 1
        action.risk.param._risk_message = Suspicious $process_name$ usage detected on endpoint $dest$ by user $user$.
        action.risk.param._risk = [{"risk_object_field": "user", "risk_object_type": "user", "risk_score": 5}, {"risk_object_field": "dest", "risk_object_type": "system", "risk_score": 5}, {"threat_object_field": "process_name", "threat_object_type": "process_name"}]
        action.correlationsearch.annotations = {"analytic_story": ["Trickbot", "IcedID"], "mitre_attack": ["T1087.002", "T1087"], "type": "TTP"}
        action.correlationsearch.metadata = {"detection_id": "339805ce-ac30-11eb-b87d-acde48001122"}
        cron_schedule = 0 * * * *
        disabled = true
        search = %s

        [ESCU - Network Fan Out - Rule]
        cron_schedule = */5 * * * *
        search = | tstats count from datamodel=Network_Traffic.All_Traffic by All_Traffic.dest
        """.formatted(conhost.search(), net.search()));
    Files.writeString(app.resolve("local/savedsearches.conf"), """
        [ESCU - Windows ConHost with Headless Argument - Rule]
        disabled = 0
        cron_schedule = 5 * * * *
        """);
    Files.writeString(app.resolve("default/macros.conf"), """
        [account_discovery_with_net_app_filter]
        definition = search user!=svc_*
        """);
    Files.writeString(app.resolve("default/transforms.conf"), """
        [allowed_tools]
        filename = allowed_tools.csv
        match_type = WILDCARD(process)
        case_sensitive_match = false
        min_matches = 1
        default_match = none
        [kv_cache]
        collection = kv_cache
        external_type = kvstore
        """);
    Files.writeString(app.resolve("lookups/allowed_tools.csv"), "process,allowed\n*\\\\tool.exe,true\n");
    return app;
  }

  private Path freshHome(String name) {
    return TestHomes.copyShipped(temp.resolve(name));
  }

  @Test
  void anAppGivesTheRulesOfTheDetectionYamlWithItsLocalScheduleAndReportsWhatItCannotRun() throws Exception {
    Path home = freshHome("home");
    Path app = app(temp);
    Cli.Outcome outcome = Cli.vigil("content", "import", "--home", home.toString(), app.toString());
    assertEquals(0, outcome.exit(), outcome.err());
    String savedsearches = app.resolve("default/savedsearches.conf").toString();
    assertTrue(outcome.err().contains("skipped detection 'Network Fan Out' (" + savedsearches + ":33): reads"
        + " datamodel=Network_Traffic.All_Traffic, which Vigil does not store"), outcome.err());
    assertTrue(outcome.err().contains("skipped lookup 'kv_cache' (" + app.resolve("default/transforms.conf")
        + ":7): a KV store or external lookup, which Vigil does not hold"), outcome.err());
    assertTrue(outcome.err().contains("imported 7 files (7 written, 0 unchanged); skipped 2; 0 could not be read"),
        outcome.err());
    List<String> files = outcome.rows().stream().map(r -> r.get("file").asText()).toList();
    assertEquals(List.of("config/local/detections/" + CONHOST + ".yml", "config/local/rules/" + CONHOST + ".yml",
        "config/local/detections/" + NET + ".yml", "config/local/rules/" + NET + ".yml",
        "config/local/macros/account_discovery_with_net_app_filter.yml", "config/local/lookups/allowed_tools.yml",
        "config/local/lookups/allowed_tools.csv"), files);

    RuleCatalog catalog = RuleCatalog.load(new Home(home));
    assertEquals(List.of(), catalog.problems());
    Rule conhost = catalog.find(CONHOST).orElseThrow();
    Detection shipped = DetectionLoader.load(SHIPPED.resolve(CONHOST + ".yml"));
    assertEquals(home.resolve("config/local/detections/" + CONHOST + ".yml"), conhost.detection().file(),
        "the local detection replaces the shipped one of the same stem");
    assertSameRule(shipped, conhost.detection());
    assertEquals("Conhost runs headless,\nwhich hides its window.", conhost.detection().description());
    assertTrue(conhost.enabled(), "local/ disabled = 0 beats default/ disabled = true");
    assertEquals(new Deployment("5 * * * *", "-70m@m", "-10m@m", "auto", false, true, Optional.empty(),
        Optional.of(new Deployment.Notable("%name%", "%description%", List.of("user", "dest"))), Optional.empty()),
        conhost.deployment());

    Rule net = catalog.find(NET).orElseThrow();
    assertSameRule(DetectionLoader.load(SHIPPED.resolve(NET + ".yml")), net.detection());
    assertFalse(net.enabled());
    assertEquals(new Deployment("0 * * * *", "-70m@m", "-10m@m", "auto", false, true, Optional.empty(),
        Optional.of(new Deployment.Notable("%name%", "%description%", List.of("user", "dest"))), Optional.empty()),
        net.deployment());
    assertEquals("search user!=svc_*", net.macros().find(NET + "_filter", 0).orElseThrow().definition(),
        "the app's filter macro beats the `search *` default");

    LookupTable tools = LookupTables.load(List.of(home.resolve("config/lookups"), home.resolve("config/local/lookups")))
        .find("allowed_tools").orElseThrow();
    assertEquals(java.util.Set.of("process"), tools.wildcardFields());
    assertFalse(tools.caseSensitive());
    assertEquals(1, tools.minMatches());
    assertEquals(Optional.of("none"), tools.defaultMatch());
    assertEquals(List.of(Map.of("process", "*\\\\tool.exe", "allowed", "true")), tools.rows());
  }

  /** Name, id, search, message, risk objects with their score, threat objects, ATT&CK ids and stories. */
  private static void assertSameRule(Detection expected, Detection actual) {
    assertEquals(expected.name(), actual.name());
    assertEquals(expected.id(), actual.id());
    assertEquals(expected.type(), actual.type());
    assertEquals(expected.search().strip(), actual.search());
    assertEquals(expected.message(), actual.message());
    assertEquals(risk(expected), risk(actual));
    assertEquals(expected.mitreAttackIds(), actual.mitreAttackIds());
    assertEquals(expected.analyticStories(), actual.analyticStories());
  }

  private static List<String> risk(Detection d) {
    int score = d.riskScore() != null ? d.riskScore() : Math.round(d.confidence() * d.impact() / 100f);
    List<String> objects = new ArrayList<>();
    for (Detection.Observable o : d.observables()) {
      if (o.roles().contains("Victim")) {
        objects.add("risk " + o.name() + " " + RiskRule.riskObjectType(o.type()) + " " + score);
      }
      if (o.roles().contains("Attacker")) {
        objects.add("threat " + o.name() + " " + RiskRule.threatObjectType(o.type()));
      }
    }
    return objects.stream().sorted().toList();
  }

  @Test
  void aPackagedAppImportsTheSameFilesAsTheFolderAndReimportingChangesNothing() throws Exception {
    Path app = app(temp.resolve("src"));
    Path tgz = temp.resolve("my_app.tgz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(tgz));
         TarArchiveOutputStream tar = new TarArchiveOutputStream(out);
         Stream<Path> walk = Files.walk(app)) {
      for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
        TarArchiveEntry entry = new TarArchiveEntry(file.toFile(), "my_app/" + app.relativize(file));
        tar.putArchiveEntry(entry);
        Files.copy(file, tar);
        tar.closeArchiveEntry();
      }
    }
    Path fromFolder = freshHome("folder");
    Path fromPackage = freshHome("package");
    assertEquals(0, Cli.vigil("content", "import", "--home", fromFolder.toString(), app.toString()).exit());
    Cli.Outcome packaged = Cli.vigil("content", "import", "--home", fromPackage.toString(), tgz.toString());
    assertEquals(0, packaged.exit(), packaged.err());
    assertTrue(packaged.err().contains("(" + tgz + "!/my_app/default/savedsearches.conf:33)"), packaged.err());
    assertEquals(tree(fromFolder.resolve("config/local")), tree(fromPackage.resolve("config/local")));

    Cli.Outcome again = Cli.vigil("content", "import", "--home", fromPackage.toString(), tgz.toString());
    assertEquals(0, again.exit());
    assertTrue(again.rows().stream().allMatch(r -> r.get("change").asText().equals("unchanged")), again.out());
    assertEquals(tree(fromFolder.resolve("config/local")), tree(fromPackage.resolve("config/local")));
  }

  @Test
  void reimportingKeepsWhenAnAdministratorEnabledTheRule() throws Exception {
    Path home = freshHome("home");
    Path app = app(temp);
    assertEquals(0, Cli.vigil("content", "import", "--home", home.toString(), app.toString()).exit());
    Path override = home.resolve("config/local/rules/" + CONHOST + ".yml");
    Files.writeString(override, Files.readString(override) + "enabled_at: \"2024-05-15T14:00:00Z\"\n");
    assertEquals(0, Cli.vigil("content", "import", "--home", home.toString(), app.toString()).exit());
    Rule rule = RuleCatalog.load(new Home(home)).find(CONHOST).orElseThrow();
    assertEquals(Optional.of(java.time.Instant.parse("2024-05-15T14:00:00Z")), rule.enabledSince());
  }

  @Test
  void exportImportExportIsByteIdenticalAndKeepsEveryRule() throws Exception {
    Path shipped = freshHome("shipped");
    Path first = temp.resolve("first");
    Cli.Outcome exported = Cli.vigil("content", "export", "--home", shipped.toString(), "--out", first.toString());
    assertEquals(0, exported.exit(), exported.err());
    assertEquals(32, exported.rows().stream().filter(r -> r.get("kind").asText().equals("detection")).count());
    String searches = Files.readString(first.resolve("default/savedsearches.conf"));
    assertTrue(searches.contains("\n[ESCU - Windows ConHost with Headless Argument - Rule]\n"));
    assertTrue(searches.contains("\naction.risk.param._risk = [{\"risk_object_field\":\"user\",\"risk_object_type\":"
        + "\"user\",\"risk_score\":70},{\"risk_object_field\":\"dest\",\"risk_object_type\":\"system\",\"risk_score\":70}]\n"));
    String macros = Files.readString(first.resolve("default/macros.conf"));
    assertTrue(macros.contains("\n[drop_dm_object_name(1)]\nargs = object\ndefinition = rename \"$object$.*\" as *\n"), macros);
    assertTrue(macros.contains("\n[" + CONHOST + "_filter]\ndefinition = search *\n"), macros);
    assertTrue(Files.readString(first.resolve("default/transforms.conf")).contains(
        "[linux_tool_discovery_process]\nfilename = linux_tool_discovery_process.csv\nmatch_type = WILDCARD(process)\n"
            + "case_sensitive_match = false\ndefault_match = false\nmin_matches = 1\n"));

    Path imported = freshHome("imported");
    Cli.Outcome in = Cli.vigil("content", "import", "--home", imported.toString(), first.toString());
    assertEquals(0, in.exit(), in.err());
    Path second = temp.resolve("second");
    assertEquals(0, Cli.vigil("content", "export", "--home", imported.toString(), "--out", second.toString()).exit());
    assertEquals(tree(first), tree(second));

    RuleCatalog before = RuleCatalog.load(new Home(shipped));
    RuleCatalog after = RuleCatalog.load(new Home(imported));
    assertEquals(List.of(), after.problems());
    assertEquals(32, after.rules().size());
    for (Rule original : before.rules()) {
      Rule copy = after.find(original.stem()).orElseThrow();
      assertTrue(copy.detection().file().startsWith(imported.resolve("config/local/detections")));
      assertSameRule(original.detection(), copy.detection());
      assertEquals(original.deployment(), copy.deployment(), original.stem());
      assertEquals(original.enabled(), copy.enabled());
    }
  }

  @Test
  void macrosConfInLocalMacrosBeatsTheShippedYaml() throws Exception {
    Path home = freshHome("home");
    Files.createDirectories(home.resolve("config/local/macros"));
    Files.writeString(home.resolve("config/local/macros/tuning.conf"), """
        # keep the shipped ctime but in another format
        [security_content_ctime(1)]
        args = field
        definition = convert timeformat="%Y-%m-%d" \\
        ctime($field$)
        """);
    Rule rule = RuleCatalog.load(new Home(home)).find(CONHOST).orElseThrow();
    var macro = rule.macros().find("security_content_ctime", 1).orElseThrow();
    assertEquals(List.of("field"), macro.arguments());
    assertEquals("convert timeformat=\"%Y-%m-%d\" \nctime($field$)", macro.definition());
    assertTrue(rule.macros().find("security_content_summariesonly", 0).isPresent(),
        "macros the .conf does not define still come from the shipped YAML");
  }

  @Test
  void aMacroWhoseArgsDoNotMatchItsArityIsAProblemNamingFileAndLine() throws Exception {
    Path home = freshHome("home");
    Files.createDirectories(home.resolve("config/local/macros"));
    Path conf = home.resolve("config/local/macros/macros.conf");
    Files.writeString(conf, "[m(2)]\nargs = a\ndefinition = $a$\n");
    assertEquals(List.of(conf + ":2: macro [m(2)] takes 2 argument(s) but args names 1"),
        RuleCatalog.load(new Home(home)).problems());
  }

  @Test
  void aMissingPathOrAFolderWithoutContentIsAUsageError() throws Exception {
    Path home = freshHome("home");
    Cli.Outcome missing = Cli.vigil("content", "import", "--home", home.toString(), temp.resolve("nope").toString());
    assertEquals(2, missing.exit());
    assertEquals("vigil: no such file or folder: " + temp.resolve("nope") + "\n", missing.err());
    assertEquals("", missing.out());

    Path empty = Files.createDirectories(temp.resolve("photos"));
    Files.writeString(empty.resolve("notes.txt"), "hello");
    Cli.Outcome nothing = Cli.vigil("content", "import", "--home", home.toString(), empty.toString());
    assertEquals(2, nothing.exit());
    assertEquals("vigil: " + empty + ": holds no content: expected a security_content checkout (detections/,"
        + " macros/, lookups/), a folder of its YAML, or a Splunk app (default/, local/)\n", nothing.err());
    assertFalse(Files.exists(home.resolve("config/local/detections")));
  }

  @Test
  void aMalformedConfLineIsReportedWithFileLineAndCaretAndTheAppsOtherFilesStillImport() throws Exception {
    Path home = freshHome("home");
    Path app = app(temp);
    Path local = app.resolve("local/savedsearches.conf");
    Files.writeString(local, "[ESCU - Windows ConHost with Headless Argument - Rule]\ndisabled 0\n");
    Cli.Outcome outcome = Cli.vigil("content", "import", "--home", home.toString(), app.toString());
    assertEquals(1, outcome.exit());
    assertTrue(outcome.err().contains("cannot import " + local + ":2: column 1: expected 'key = value', a [stanza]"
        + " header or a # comment\n  disabled 0\n  ^\n"), outcome.err());
    List<String> kinds = outcome.rows().stream().map(r -> r.get("kind").asText()).toList();
    assertEquals(List.of("macro", "lookup", "lookup file"), kinds, "no search from the broken layer, the rest imported");
  }

  @Test
  void aSecurityContentCheckoutImportsProductionEndpointDetectionsUnmodified() throws Exception {
    Path checkout = temp.resolve("security_content");
    Files.createDirectories(checkout.resolve("detections/endpoint"));
    Files.createDirectories(checkout.resolve("detections/network"));
    Files.createDirectories(checkout.resolve("macros"));
    Files.createDirectories(checkout.resolve("lookups"));
    String conhost = Files.readString(SHIPPED.resolve(CONHOST + ".yml"));
    Files.writeString(checkout.resolve("detections/endpoint/" + CONHOST + ".yml"), conhost);
    Files.writeString(checkout.resolve("detections/endpoint/old_conhost.yml"), conhost
        .replace("status: production", "status: deprecated").replace("name: Windows ConHost", "name: Old ConHost"));
    Files.writeString(checkout.resolve("detections/network/dns_burst.yml"), conhost
        .replace("name: Windows ConHost with Headless Argument", "name: DNS Burst")
        .replace("datamodel=Endpoint.Processes", "datamodel=Network_Resolution.DNS"));
    Files.writeString(checkout.resolve("macros/process_conhost.yml"), "name: process_conhost\ndefinition: (Processes.process_name=conhost.exe)\n");
    Files.writeString(checkout.resolve("lookups/tools.yml"), "name: tools\nfilename: tools.csv\n");
    Files.writeString(checkout.resolve("lookups/tools.csv"), "process\nx\n");
    Files.writeString(checkout.resolve("lookups/cache.yml"), "name: cache\ncollection: cache\n");
    Path home = freshHome("home");
    Cli.Outcome outcome = Cli.vigil("content", "import", "--home", home.toString(), checkout.toString());
    assertEquals(0, outcome.exit(), outcome.err());
    assertEquals(List.of("detection", "macro", "lookup", "lookup file"),
        outcome.rows().stream().map(r -> r.get("kind").asText()).toList());
    assertEquals(conhost, Files.readString(home.resolve("config/local/detections/" + CONHOST + ".yml")));
    assertTrue(outcome.err().contains("skipped detection 'Old ConHost with Headless Argument' (" + checkout.resolve("detections/endpoint/old_conhost.yml")
        + ":13): status deprecated: ESCU's build ships only production detections"), outcome.err());
    assertTrue(outcome.err().contains("skipped detection 'DNS Burst' (" + checkout.resolve("detections/network/dns_burst.yml")
        + ":13): reads datamodel=Network_Resolution.DNS, which Vigil does not store"), outcome.err());
    assertTrue(outcome.err().contains("skipped lookup 'cache'"), outcome.err());
    assertTrue(outcome.err().contains("skipped 3;"), outcome.err());
    assertFalse(Files.exists(home.resolve("config/local/rules/" + CONHOST + ".yml")),
        "YAML detections run on their type's ESCU default schedule");

    List<String> progress = new java.util.ArrayList<>();
    new dev.vigil.content.ContentImport(new dev.vigil.schedule.Home(freshHome("again")),
        (read, total) -> progress.add(read + "/" + total)).run(List.of(checkout));
    assertEquals(List.of("1/6", "2/6", "3/6", "4/6", "5/6", "6/6"), progress,
        "the progress line counts every YAML file of the checkout, of a total known before reading");
  }

  @Test
  void exportingAnUnknownRuleIsAUsageError() {
    Path home = freshHome("home");
    Cli.Outcome outcome = Cli.vigil("content", "export", "--home", home.toString(), "no_such_rule",
        "--out", temp.resolve("out").toString());
    assertEquals(2, outcome.exit());
    assertTrue(outcome.err().startsWith("vigil: no rule 'no_such_rule'"), outcome.err());
    assertFalse(Files.exists(temp.resolve("out")));
  }

  private static Map<String, String> tree(Path root) throws Exception {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path file : walk.filter(Files::isRegularFile).toList()) {
        files.put(root.relativize(file).toString(), new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
      }
    }
    return files;
  }
}
