package dev.vigil.lucene;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.ingest.ProcessEvent;
import dev.vigil.plan.PlanCompiler;
import dev.vigil.plan.TstatsPlan;
import dev.vigil.query.ReferenceTstats;
import dev.vigil.query.Row;
import dev.vigil.spl.Command;
import dev.vigil.spl.SplParser;
import dev.vigil.store.EventIndex;
import dev.vigil.time.Window;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.IndexSearcher;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Wildcards on a field of sorted doc values over small segments, where each value is checked once, and over a
 * segment of more distinct values than verdicts are remembered for, where candidates are checked one by one, or
 * after so many of them all the values in one pass, or one by one and then in a pass; and the same on a field of
 * binary doc values, where each candidate is checked: each way gives the reference backend's rows. The events
 * hold the same values in {@code process_path} (sorted) and {@code process} (binary).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WildcardDocValuesQueryTest {
  private static final long SEED = Long.getLong("vigil.seed", 15L);
  private static final long START = Instant.parse("2024-05-15T10:00:00Z").toEpochMilli();

  private List<ProcessEvent> events;
  private EventIndex index;

  @BeforeAll
  void index() throws IOException {
    Random random = new Random(SEED);
    List<List<ProcessEvent>> segments = List.of(
        events(random, WildcardDocValuesQuery.MAX_REMEMBERED_VALUES + 5000, "big"),
        events(random, 300, "small"),
        events(random, 300, "other"));
    events = new ArrayList<>();
    segments.forEach(events::addAll);
    index = LuceneIndexes.segmented(segments);
    assertTrue(largestValueCount("process_path") > WildcardDocValuesQuery.MAX_REMEMBERED_VALUES,
        "a segment has more distinct values than verdicts are remembered for");
  }

  private int largestValueCount(String field) throws IOException {
    IndexSearcher searcher = index.acquire();
    try {
      int largest = 0;
      for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
        largest = Math.max(largest, DocValues.getSorted(leaf.reader(), field).getValueCount());
      }
      return largest;
    } finally {
      index.release(searcher);
    }
  }

  @AfterAll
  void close() throws IOException {
    index.close();
  }

  /**
   * Distinct command lines of 20 hosts, which sort by a random number first, so that matching values lie
   * among the others; one in about a hundred runs a tool that the patterns look for.
   */
  private static List<ProcessEvent> events(Random random, int count, String segment) {
    List<String> tools = List.of("WHOAMI /all", "net user admin", "C:\\Temp\\rclone.exe copy", "nltest /dclist");
    List<ProcessEvent> events = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      String command = random.nextInt(1_000_000) + " " + segment + "-" + i + " "
          + (random.nextInt(100) == 0 ? tools.get(random.nextInt(tools.size())) : "svchost.exe -k netsvcs");
      events.add(new ProcessEvent(START + i, "test", "vigil:cim", segment + " " + i,
          Map.of("process", command, "process_path", command, "dest", "host" + random.nextInt(20))));
    }
    return events;
  }

  /**
   * In the big segment one host has fewer events than the checks before a pass (its values over
   * {@link WildcardDocValuesQuery#CANDIDATES_PER_PASS}), three hosts more, every event many more.
   */
  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(strings = {
      "Processes.process IN (\"*whoami*\", \"*net user*\", \"*\\\\rclone.exe*\", \"*nltest /dclist\")",
      "Processes.process=\"* small-1*\"",
      "NOT Processes.process IN (\"*svchost.exe*\", \"*whoami*\")",
      "Processes.dest=host3 Processes.process IN (\"*whoami*\", \"*net user*\")",
      "Processes.dest IN (host1, host2, host3) Processes.process IN (\"*whoami*\", \"*net user*\")",
  })
  void matchesTheReferenceRows(String where) throws IOException {
    for (String field : List.of("process_path", "process")) {
      matchesTheReferenceRows(where.replace("Processes.process", "Processes." + field), field);
    }
  }

  private void matchesTheReferenceRows(String where, String field) throws IOException {
    String spl = "| tstats count from datamodel=Endpoint.Processes where " + where + " by Processes." + field;
    TstatsPlan plan = PlanCompiler.compile((Command.Tstats) SplParser.parse(spl).first())
        .within(new Window(Instant.EPOCH, Instant.parse("2030-01-01T00:00:00Z")));
    List<Row> expected = new ReferenceTstats(events).tstats(plan);
    assertTrue(!expected.isEmpty(), "seed " + SEED + ": something matches " + where);
    assertEquals(expected, new LuceneTstats(index).tstats(plan), "seed " + SEED + ": " + where);
  }
}
