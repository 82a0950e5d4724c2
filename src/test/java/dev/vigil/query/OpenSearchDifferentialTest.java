package dev.vigil.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.generate.EventGenerator;
import dev.vigil.generate.OutputFormat;
import dev.vigil.ingest.ProcessEvent;
import dev.vigil.lucene.LuceneTstats;
import dev.vigil.lucene.RandomSeeds;
import dev.vigil.opensearch.EmbeddedOpenSearch;
import dev.vigil.opensearch.OpenSearchEvents;
import dev.vigil.opensearch.OpenSearchTstats;
import dev.vigil.plan.TstatsPlan;
import dev.vigil.spl.Macro;
import dev.vigil.spl.MacroSource;
import dev.vigil.store.EventIndex;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The same events on both backends give the same rows (issue 12): every shipped detection, unmodified, over
 * generated fleet events with each detection's incident planted, and a few hundred random tstats.
 */
@ExtendWith(EmbeddedOpenSearch.class)
@Timeout(300)
class OpenSearchDifferentialTest {
  private static final int QUERIES_PER_SEED = 40;

  @TempDir
  Path temp;

  @Test
  void everyShippedDetectionFindsTheSameRowsOnBothBackends() throws Exception {
    Path generated = temp.resolve("fleet.ndjson");
    try (OutputStream out = Files.newOutputStream(generated)) {
      EventGenerator.generate(new EventGenerator.Options(6_000, 24, 11, EventGenerator.DEFAULT_END),
          OutputFormat.CIM, out);
    }
    List<ProcessEvent> events = new ArrayList<>(Searches.read(generated));
    events.addAll(Searches.read(Searches.CONTENT.resolve("datasets/certutil_exe_certificate_extraction.raw")));
    Path lucene = temp.resolve("index");
    Searches.index(lucene, events);
    OpenSearchTstats openSearch = openSearch(events);

    List<String> stems = AllDetectionsTest.stems();
    int withRows = 0;
    try (EventIndex index = EventIndex.open(lucene)) {
      for (String stem : stems) {
        MacroSource macros = Searches.macros(new Macro(stem + "_filter", List.of(), "search *"));
        String search = Searches.detectionSearch(stem);
        List<Row> expected = Searches.run(new LuceneTstats(index), search, macros, Searches.ALL_TIME);
        assertEquals(expected, Searches.run(openSearch, search, macros, Searches.ALL_TIME), stem);
        withRows += expected.isEmpty() ? 0 : 1;
      }
    }
    assertTrue(withRows >= 25, "the planted incidents make the rules find rows: " + withRows + " of " + stems.size());
  }

  @Test // a value longer than a Lucene term can be is kept cut, on both backends alike, rather than refused
  void aValueLongerThanATermIsKeptCutAlike() throws Exception {
    String process = "powershell.exe -enc " + "\u00e9A".repeat(20_000);
    List<ProcessEvent> events = Searches.ndjson("{\"_time\": 1700000000, \"dest\": \"web01\", \"process\": \""
        + process + "\"}");
    Path lucene = temp.resolve("long");
    Searches.index(lucene, events);
    String search = "| tstats count values(Processes.process) as process from datamodel=Endpoint.Processes"
        + " where Processes.process=\"powershell.exe -enc *\" by Processes.dest";
    try (EventIndex index = EventIndex.open(lucene)) {
      List<Row> expected = Searches.run(new LuceneTstats(index), search, Searches.macros(), Searches.ALL_TIME);
      assertEquals(1, expected.size());
      assertTrue(expected.get(0).first("process").getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= 32766);
      assertEquals(expected, Searches.run(openSearch(events), search, Searches.macros(), Searches.ALL_TIME));
    }
  }

  @Test // the same events again: the same ids, nothing new, nothing twice
  void writingTheSameEventsAgainCreatesNothing() throws Exception {
    List<ProcessEvent> events = RandomTstatsCases.events(new Random(5));
    OpenSearchEvents index = new OpenSearchEvents(EmbeddedOpenSearch.cluster(), EmbeddedOpenSearch.newIndex("again"));
    index.create(EmbeddedOpenSearch.shards(), EmbeddedOpenSearch.replicas());
    assertEquals(events.size(), index.write(events));
    assertEquals(0, index.write(events));
    index.refresh();
    assertEquals(List.of(new Row().put("count", String.valueOf(events.size()))), Searches.run(new OpenSearchTstats(
        EmbeddedOpenSearch.cluster(), index.index()), "| tstats count from datamodel=Endpoint.Processes",
        Searches.macros(), Searches.ALL_TIME));
  }

  static Stream<Long> seeds() {
    return RandomSeeds.fresh(8);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void randomTstatsGiveTheSameRowsOnBothBackends(long seed) throws Exception {
    Random random = new Random(seed);
    List<ProcessEvent> events = RandomTstatsCases.events(random);
    Path lucene = temp.resolve("index-" + seed);
    Searches.index(lucene, events);
    OpenSearchTstats openSearch = openSearch(events);
    try (EventIndex index = EventIndex.open(lucene)) {
      LuceneTstats luceneTstats = new LuceneTstats(index);
      for (int i = 0; i < QUERIES_PER_SEED; i++) {
        TstatsPlan plan = RandomTstatsCases.plan(random);
        assertEquals(luceneTstats.tstats(plan), openSearch.tstats(plan),
            "seed " + seed + " (rerun with -Dvigil.seed=" + seed + "), query " + i + ":\n" + plan.explain());
      }
    }
  }

  private static OpenSearchTstats openSearch(List<ProcessEvent> events) throws IOException {
    OpenSearchEvents index = new OpenSearchEvents(EmbeddedOpenSearch.cluster(), EmbeddedOpenSearch.newIndex("diff"));
    index.create(EmbeddedOpenSearch.shards(), EmbeddedOpenSearch.replicas());
    index.write(events);
    index.refresh();
    return new OpenSearchTstats(EmbeddedOpenSearch.cluster(), index.index());
  }
}
