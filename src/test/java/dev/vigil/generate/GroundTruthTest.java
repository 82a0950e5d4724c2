package dev.vigil.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.ingest.EventReader;
import dev.vigil.ingest.IngestProblem;
import dev.vigil.lookup.LookupTables;
import dev.vigil.lucene.LuceneTstats;
import dev.vigil.query.Row;
import dev.vigil.query.SearchExecutor;
import dev.vigil.schedule.Home;
import dev.vigil.schedule.Rule;
import dev.vigil.schedule.RuleCatalog;
import dev.vigil.store.EventIndex;
import dev.vigil.store.EventWriter;
import dev.vigil.time.Window;
import java.io.ByteArrayOutputStream;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every shipped rule, run over a generated file's whole span, finds exactly the rows planted for it: no planted
 * event of another rule and no background event is mistaken for its own, in both formats.
 */
class GroundTruthTest {
  private static final Home SHIPPED = new Home(Path.of("."));
  private static final Window ALL_TIME = new Window(Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z"));

  @TempDir
  Path dir;

  @ParameterizedTest
  @EnumSource(OutputFormat.class)
  void everyShippedRuleFindsExactlyItsPlantedRows(OutputFormat format) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    GroundTruth truth = EventGenerator.generate(
        new EventGenerator.Options(6_000, 24, 11, EventGenerator.DEFAULT_END), format, out);
    index(out.toString(StandardCharsets.UTF_8));
    List<Rule> rules = RuleCatalog.load(SHIPPED).rules().stream()
        .filter(rule -> !rule.detection().isRiskIncidentRule()).toList();
    assertEquals(30, rules.size(), "the shipped rules over the events");
    Set<String> shipped = rules.stream().map(Rule::stem).collect(Collectors.toCollection(TreeSet::new));
    Set<String> planted = truth.rules().stream().map(GroundTruth.RuleTruth::rule).collect(Collectors.toCollection(TreeSet::new));
    assertEquals(shipped, planted, "one ground truth per shipped rule");
    List<String> wrong = new ArrayList<>();
    try (EventIndex index = EventIndex.open(dir)) {
      SearchExecutor executor = new SearchExecutor(new LuceneTstats(index), ZoneOffset.UTC,
          LookupTables.load(SHIPPED.lookups()));
      for (Rule rule : rules) {
        GroundTruth.RuleTruth expected = truth.of(rule.stem());
        Rule.PreparedSearch search = rule.prepare(executor);
        List<Row> rows = executor.execute(search.pipeline(), ALL_TIME, ALL_TIME.latest(), search.expandedSpl());
        if (rows.size() != expected.expectedRows()) {
          wrong.add(rule.stem() + ": " + rows.size() + " rows, expected " + expected.expectedRows() + ": " + rows);
        }
        for (Row row : rows) {
          if (!holdsOneOf(row, expected.commandLines())) {
            wrong.add(rule.stem() + ": a row of events not planted for it: " + row);
          }
        }
      }
    }
    assertEquals(List.of(), wrong);
  }

  @ParameterizedTest
  @EnumSource(OutputFormat.class)
  void theTruthCountsThePlantedEventsAndTheSeedRuleHasThreeIncidents(OutputFormat format) throws Exception {
    GroundTruth truth = EventGenerator.generate(
        new EventGenerator.Options(2_000, 24, 3, EventGenerator.DEFAULT_END), format, new ByteArrayOutputStream());
    GroundTruth.RuleTruth seed = truth.of("windows_iis_components_add_new_module");
    assertEquals(3, seed.expectedRows());
    assertEquals(3, seed.plantedEvents());
    assertEquals(41, truth.of("suspicious_linux_discovery_commands").plantedEvents());
    assertEquals(1, truth.of("suspicious_linux_discovery_commands").expectedRows());
    assertEquals(0, truth.of("remote_desktop_process_running_on_system").expectedRows(), "the near miss");
    assertEquals(EventGenerator.plantedEvents(), truth.rules().stream().mapToInt(GroundTruth.RuleTruth::plantedEvents).sum());
    assertEquals(30, truth.lines().size());
    assertTrue(truth.lines().contains("truth: windows_iis_components_add_new_module rows=3 planted=3"), truth.lines().toString());
  }

  /** A row carries the process of its group, or the values() of the processes; one must be a planted command line. */
  private static boolean holdsOneOf(Row row, List<String> commandLines) {
    Set<String> values = new TreeSet<>();
    for (String field : row.fieldNames()) {
      values.addAll(row.values(field));
    }
    return commandLines.stream().anyMatch(values::contains);
  }

  private void index(String lines) throws Exception {
    List<IngestProblem> problems = new ArrayList<>();
    try (EventWriter writer = EventWriter.open(dir, Clock.fixed(Instant.parse("2030-01-01T00:00:00Z"), ZoneOffset.UTC))) {
      new EventReader().read(new ByteArrayInputStream(lines.getBytes(StandardCharsets.UTF_8)), "generated", writer::add, problems::add);
      writer.commit();
    }
    assertEquals(List.of(), problems);
  }
}
