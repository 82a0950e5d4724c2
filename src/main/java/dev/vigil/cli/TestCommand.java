package dev.vigil.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.vigil.ingest.EventReader;
import dev.vigil.ingest.AssetFields;
import dev.vigil.ingest.ProcessEvent;
import dev.vigil.ingest.CimFields;
import dev.vigil.lucene.LuceneTstats;
import dev.vigil.query.Row;
import dev.vigil.risk.RiskEventBuilder;
import dev.vigil.query.SearchExecutor;
import dev.vigil.risk.RiskRule;
import dev.vigil.schedule.Rule;
import dev.vigil.schedule.RuleRunner;
import dev.vigil.store.EventIndex;
import dev.vigil.store.EventWriter;
import dev.vigil.time.Window;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "test", mixinStandardHelpOptions = true,
    header = "Tests a rule on a dataset as contentctl does, without Splunk.",
    description = {
        "The contentctl unit test without Splunk: ingests a dataset into a throw-away index with its "
            + "timestamps moved to end at the present (contentctl's update_timestamp: true), runs the rule "
            + "over the dataset's whole span, prints the rows as NDJSON and passes when there is at least one "
            + "and every risk object of the rule has a value in some row (else its risk events would never "
            + "appear). The parsed _time of each event moves, whatever format it came in; _raw keeps the original "
            + "text. Like contentctl, the rule runs as shipped: without config/local/ macros (e.g. its filter) and rule overrides, unless --with-local. With "
            + "--datasets DIR, the rule's own 'tests:' entries are used for each attack_data file found in "
            + "DIR.",
        "",
        "Examples:",
        "  vigil test certutil_exe_certificate_extraction --dataset certutil_exe_certificate_extraction.raw",
        "  vigil test windows_iis_components_add_new_module --datasets ~/attack_data"},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:the rule found rows carrying every risk object", "1:it found none, or a risk object has no value",
        "2:bad usage or configuration"})
final class TestCommand implements Callable<Integer> {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  @Mixin
  Installation installation;

  @Mixin
  RowOutput rowOutput;

  @Parameters(paramLabel = "RULE", description = "The rule to test.")
  String reference;

  @Option(names = "--dataset", paramLabel = "FILE", description = "Events to test the rule on.")
  Path dataset;

  @Option(names = "--sourcetype", paramLabel = "S",
      description = "The dataset's sourcetype, e.g. xmlwineventlog; the test fails if no event has it.")
  String sourcetype;

  @Option(names = "--datasets", paramLabel = "DIR", description = "Folder holding the attack_data files the rule's tests name.")
  Path datasets;

  @Option(names = "--with-local", description = "Test the rule with the administrator's config/local/ tuning.")
  boolean withLocal;

  @Override
  public Integer call() throws Exception {
    Rule rule = installation.rule(reference, withLocal);
    List<Path> files = new ArrayList<>();
    List<String> sourcetypes = new ArrayList<>();
    if (dataset != null) {
      files.add(dataset);
      sourcetypes.add(sourcetype);
    }
    if (datasets != null) {
      for (JsonNode test : YAML.readTree(rule.detection().file().toFile()).path("tests")) {
        for (JsonNode data : test.path("attack_data")) {
          String url = data.path("data").asText();
          Path local = datasets.resolve(url.substring(url.lastIndexOf('/') + 1));
          if (Files.isRegularFile(local)) {
            files.add(local);
            sourcetypes.add(data.path("sourcetype").asText(null));
          } else {
            System.err.println("test " + test.path("name").asText() + ": " + local + " not found, skipped");
          }
        }
      }
    }
    if (files.isEmpty()) {
      throw new Errors.UsageException("give --dataset FILE, or --datasets DIR holding the files the rule's tests name");
    }
    boolean passed = true;
    for (int i = 0; i < files.size(); i++) {
      passed &= test(rule, files.get(i), sourcetypes.get(i));
    }
    return passed ? ExitCodes.OK : ExitCodes.FINDINGS;
  }

  private boolean test(Rule rule, Path file, String expectedSourcetype) throws IOException {
    List<ProcessEvent> original = new ArrayList<>();
    new EventReader(installation.clock).read(file, original::add, p -> System.err.println(p));
    if (expectedSourcetype != null && original.stream().noneMatch(e -> e.sourcetype().equalsIgnoreCase(expectedSourcetype))) {
      System.err.println(rule.stem() + ": FAIL: " + file + " holds no process event of sourcetype " + expectedSourcetype);
      return false;
    }
    if (original.isEmpty()) {
      System.err.println(rule.stem() + ": FAIL: " + file + " holds no process event");
      return false;
    }
    long earliest = original.stream().mapToLong(ProcessEvent::timeMillis).min().orElseThrow();
    long latest = original.stream().mapToLong(ProcessEvent::timeMillis).max().orElseThrow();
    Instant now = installation.clock.instant().truncatedTo(ChronoUnit.MILLIS);
    Duration shift = Duration.ofMillis(now.toEpochMilli() - latest);
    Window window = new Window(Instant.ofEpochMilli(earliest).plus(shift), now.plusSeconds(1));
    Path index = Files.createTempDirectory("vigil-test-");
    try {
      try (EventWriter writer = EventWriter.open(index, installation.clock)
          .enrichedBy(new AssetFields(installation.enrichment().assets()))) {
        original.forEach(e -> writer.add(e.shiftedBy(shift)));
        writer.commit();
      }
      List<Row> rows;
      Rule.PreparedSearch search;
      try (EventIndex events = EventIndex.open(index)) {
        SearchExecutor executor = new SearchExecutor(new LuceneTstats(events), installation.settings().zone(),
            installation.lookups());
        search = rule.prepare(executor);
        rows = executor.execute(search.pipeline(), window, now, search.expandedSpl());
      }
      Engine.printRows(rows, rowOutput);
      List<String> without = riskObjectsWithoutValue(RuleRunner.riskRule(rule, search), rows);
      boolean passed = !rows.isEmpty() && without.isEmpty();
      System.err.printf("%s: %s: %d events over [%s, %s): %d rows%n", rule.stem(), passed ? "PASS" : "FAIL",
          original.size(), window.earliest(), window.latest(), rows.size());
      RunSummary.rowsByHost(rows).forEach(line -> System.err.println("  " + line));
      if (rule.deployment().riskEnabled()) {
        RunSummary.riskByObject("risk it would write", RiskEventBuilder.build(RuleRunner.riskRule(rule, search), rows,
            window, now, now, installation.enrichment(), Errors::warn)).forEach(line -> System.err.println("  " + line));
      }
      for (String field : without) {
        System.err.println(rule.stem() + ": FAIL: risk object '" + field + "' has no value in any row: the rule "
            + "would write no risk event for it");
      }
      return passed;
    } finally {
      Folders.delete(index);
    }
  }

  /** Risk objects that no row carries a value for; missing, null and unknown give no useful risk event. */
  private static List<String> riskObjectsWithoutValue(RiskRule risk, List<Row> rows) {
    if (rows.isEmpty()) {
      return List.of();
    }
    return risk.riskObjects().stream().map(RiskRule.RiskObject::field)
        .filter(field -> rows.stream().noneMatch(row -> row.values(field).stream()
            .anyMatch(v -> !v.isEmpty() && !v.equals("null") && !v.equals(CimFields.UNKNOWN))))
        .distinct()
        .toList();
  }
}
