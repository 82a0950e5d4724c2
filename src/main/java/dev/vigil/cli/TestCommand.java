package dev.vigil.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.vigil.ingest.EventReader;
import dev.vigil.ingest.ProcessEvent;
import dev.vigil.ingest.TimestampShifter;
import dev.vigil.query.LuceneTstats;
import dev.vigil.query.Row;
import dev.vigil.query.SearchExecutor;
import dev.vigil.schedule.Rule;
import dev.vigil.store.EventIndex;
import dev.vigil.store.EventWriter;
import dev.vigil.time.Window;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "test", mixinStandardHelpOptions = true,
    description = {
        "The contentctl unit test without Splunk: ingests a dataset into a throw-away index with its timestamps",
        "moved to end at the present (contentctl's update_timestamp: true), runs the rule over the dataset's whole",
        "span, prints the rows as NDJSON and passes when there is at least one.",
        "With --datasets DIR, the rule's own 'tests:' entries are used for each attack_data file found in DIR.",
        "",
        "Examples:",
        "  vigil test certutil_exe_certificate_extraction --dataset certutil_exe_certificate_extraction.raw",
        "  vigil test windows_iis_components_add_new_module --datasets ~/attack_data"},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:the rule found at least one row", "1:it found none", "2:bad usage or configuration"})
final class TestCommand implements Callable<Integer> {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  @Mixin
  Installation installation;

  @Parameters(paramLabel = "RULE", description = "The rule to test.")
  String reference;

  @Option(names = "--dataset", paramLabel = "FILE", description = "Events to test the rule on.")
  Path dataset;

  @Option(names = "--sourcetype", paramLabel = "S",
      description = "The dataset's sourcetype, e.g. xmlwineventlog; the test fails if no event has it.")
  String sourcetype;

  @Option(names = "--datasets", paramLabel = "DIR", description = "Folder holding the attack_data files the rule's tests name.")
  Path datasets;

  @Override
  public Integer call() throws Exception {
    Rule rule = installation.rule(reference);
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
    EventReader reader = new EventReader();
    String text = Files.readString(file, StandardCharsets.UTF_8);
    long[] span = {Long.MAX_VALUE, Long.MIN_VALUE};
    List<ProcessEvent> original = new ArrayList<>();
    reader.read(new StringReader(text), file.getFileName().toString(), original::add, p -> System.err.println(p));
    if (expectedSourcetype != null && original.stream().noneMatch(e -> e.sourcetype().equalsIgnoreCase(expectedSourcetype))) {
      System.err.println(rule.stem() + ": FAIL: " + file + " holds no process event of sourcetype " + expectedSourcetype);
      return false;
    }
    original.forEach(e -> {
      span[0] = Math.min(span[0], e.timeMillis());
      span[1] = Math.max(span[1], e.timeMillis());
    });
    if (original.isEmpty()) {
      System.err.println(rule.stem() + ": FAIL: " + file + " holds no process event");
      return false;
    }
    Instant now = installation.clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    Duration shift = Duration.ofMillis(now.toEpochMilli() - span[1]);
    Path index = Files.createTempDirectory("vigil-test-");
    try {
      StringBuilder shifted = new StringBuilder();
      TimestampShifter shifter = new TimestampShifter(shift);
      text.lines().forEach(line -> shifted.append(shifter.shift(line)).append('\n'));
      try (EventWriter writer = EventWriter.open(index, installation.clock)) {
        reader.read(new StringReader(shifted.toString()), file.getFileName().toString(), writer::add, p -> { });
        writer.commit();
      }
      Window window = new Window(Instant.ofEpochMilli(span[0]).plus(shift), now.plusSeconds(1));
      List<Row> rows;
      try (EventIndex events = EventIndex.open(index)) {
        SearchExecutor executor = new SearchExecutor(new LuceneTstats(events), installation.settings().zone(),
            installation.lookups());
        Rule.PreparedSearch search = rule.prepare(executor);
        rows = executor.execute(search.pipeline(), window, now, search.expandedSpl());
      }
      Engine.printRows(rows, System.out);
      System.err.printf("%s: %s: %d events over [%s, %s): %d rows%n", rule.stem(), rows.isEmpty() ? "FAIL" : "PASS",
          original.size(), window.earliest(), window.latest(), rows.size());
      return !rows.isEmpty();
    } finally {
      Folders.delete(index);
    }
  }
}
