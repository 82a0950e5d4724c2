package dev.vigil.lucene;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Segments whose fields have thousands of distinct values of which a few match, fields a whole segment
 * lacks, and events that share their time: grouping on ordinals gives exactly the reference backend's rows.
 * The seed is fixed; {@code -Dvigil.seed=S} tries another.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SparseMatchesTest {
  private static final int SEGMENTS = 4;
  private static final int EVENTS_PER_SEGMENT = 3000;
  /** The segment whose events have neither user nor process_id. */
  private static final int WITHOUT_USER = 2;
  private static final long START = Instant.parse("2024-05-15T10:00:00Z").toEpochMilli();
  private static final String AGGREGATIONS = "count count(Processes.process_id) as with_pid min(_time) as firstTime"
      + " max(_time) as lastTime values(Processes.user) as users dc(Processes.process) as commands"
      + " earliest(Processes.user) as first_user latest(Processes.user) as last_user"
      + " min(Processes.process_id) as low_pid";

  private final long seed = Long.getLong("vigil.seed", 20240515L);
  private List<ProcessEvent> events;
  private EventIndex index;

  @BeforeAll
  void index() throws IOException {
    Random random = new Random(seed);
    List<List<ProcessEvent>> segments = new ArrayList<>();
    events = new ArrayList<>();
    for (int segment = 0; segment < SEGMENTS; segment++) {
      List<ProcessEvent> events = new ArrayList<>();
      for (int i = 0; i < EVENTS_PER_SEGMENT; i++) {
        events.add(event(random, segment, i));
      }
      segments.add(events);
      this.events.addAll(events);
    }
    index = LuceneIndexes.segmented(segments);
  }

  @AfterAll
  void close() throws IOException {
    index.close();
  }

  private static ProcessEvent event(Random random, int segment, int i) {
    Map<String, String> fields = new HashMap<>();
    boolean rare = random.nextInt(400) == 0;
    fields.put("dest", rare ? "rare-host" : "host" + random.nextInt(50));
    fields.put("process_name", rare && random.nextBoolean() ? "needle.exe" : "svchost.exe");
    fields.put("process", "svchost.exe -k job-" + segment + "-" + i + "-" + Long.toHexString(random.nextLong()));
    if (segment != WITHOUT_USER) {
      fields.put("user", "user" + random.nextInt(rare ? 3 : 500));
      if (random.nextInt(4) != 0) {
        fields.put("process_id", Integer.toString(4 * random.nextInt(5000)));
      }
    }
    // Whole minutes within two hours, so that a group's first and last events often share their time.
    long time = START + 60_000L * random.nextInt(120);
    return new ProcessEvent(time, "test", "vigil:cim", "event " + segment + ":" + i, fields);
  }

  @ParameterizedTest(name = "[{index}] {0} {1}")
  @CsvSource(delimiter = ';', value = {
      "'';                    where Processes.dest=rare-host by Processes.process Processes.user Processes.process_id",
      "fillnull_value=null;   where Processes.dest=rare-host by Processes.process Processes.user Processes.process_id",
      "'';                    where Processes.process=\"*job-1-1*\" by Processes.dest Processes.process",
      "fillnull_value=null;   where Processes.process_name=needle.exe by _time span=1h Processes.user",
      "'';                    where Processes.dest=rare-host by Processes.dest",
      "'';                    by Processes.user",
      "'';                    by Processes.dest",
      "fillnull_value=unknown; by Processes.process_name Processes.user",
      "'';                    where Processes.dest=nowhere by Processes.process",
  })
  void groupingOnOrdinalsGivesTheReferenceRows(String options, String tail) throws IOException {
    String spl = "| tstats " + options + " " + AGGREGATIONS + " from datamodel=Endpoint.Processes " + tail;
    TstatsPlan plan = PlanCompiler.compile((Command.Tstats) SplParser.parse(spl).first())
        .within(new Window(Instant.EPOCH, Instant.parse("2030-01-01T00:00:00Z")));
    List<Row> expected = new ReferenceTstats(events).tstats(plan);
    assertEquals(expected, new LuceneTstats(index).tstats(plan), "seed " + seed + ": " + spl);
    if (tail.contains("rare-host")) {
      assertFalse(expected.isEmpty(), "seed " + seed + " plants no rare-host event");
    }
  }
}
