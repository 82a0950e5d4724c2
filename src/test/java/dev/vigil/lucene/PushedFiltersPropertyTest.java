package dev.vigil.lucene;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vigil.ingest.ProcessEvent;
import dev.vigil.plan.GroupCondition;
import dev.vigil.query.ReferenceTstats;
import dev.vigil.query.Row;
import dev.vigil.query.SearchExecutor;
import dev.vigil.query.TstatsBackend;
import dev.vigil.spl.SplParser;
import dev.vigil.store.EventIndex;
import dev.vigil.time.Window;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Random searches of tstats and then renames, evals, converts, filters and the commands that end the analysis,
 * over random events in randomly cut segments: the rows are the same whether the backends drop the groups the
 * filters after tstats reject (the plan's {@link GroupCondition}) or not, on the Lucene backend and on the
 * reference backend. Each seed is in the test's name and in every failure; {@code -Dvigil.seed=S} replays one.
 */
class PushedFiltersPropertyTest {
  private static final int EVENTS = 300;
  private static final int SEARCHES_PER_INDEX = 250;
  private static final Instant START = Instant.parse("2024-05-15T10:00:00Z");
  private static final Window WINDOW = new Window(Instant.EPOCH, START.plusSeconds(86_400));

  private static final Map<String, List<String>> VOCABULARY = Map.of(
      "dest", List.of("web01", "WEB01", "web02", "db01"),
      "user", List.of("alice", "ALICE", "bob", "CONTOSO\\admin"),
      "process_name", List.of("cmd.exe", "CMD.EXE", "powershell.exe", "a.exe", ""),
      "process", List.of("cmd.exe /c whoami", "..\\..\\..\\x.exe ..\\..\\y", "C:\\Windows\\cmd.exe",
          "reg save hklm\\sam sam.save", "powershell -enc AAA", "cmd.exe  /c  dir"),
      "process_id", List.of("1", "2", "10", "20", "-3"));

  private static final List<String> BY_FIELDS = List.of("Processes.dest", "Processes.user",
      "Processes.process_name", "Processes.process", "Processes.process_id", "_time");

  /** Commands after tstats: the ones the analysis follows, filters on by-fields and on aggregates, and others. */
  private static final List<String> COMMANDS = List.of(
      "rename Processes.* as *",
      "rename Processes.dest as host",
      "rename users as dest",
      "rename dest as user",
      "rename process as cmdline",
      "eval n=len(process_name)",
      "eval process_name=upper(process_name)",
      "eval user=coalesce(user, \"none\")",
      "eval c2=count*2",
      "eval dest=count",
      "eval m=if(match(process, \"(?i)cmd\"), 1, 0), n=n+1",
      "eval k=mvcount(split(process, \"..\"))-1",
      "eval hour=strftime(_time, \"%H\")",
      "convert ctime(firstTime)",
      "convert timeformat=\"%H\" ctime(_time) as hour",
      "convert ctime(process_id) as n",
      "where n>6",
      "where k>1",
      "where c2>2",
      "where m=1",
      "where isnull(user)",
      "where like(dest, \"web%\")",
      "where hour=\"10\"",
      "where 1=2",
      "search process_name=*exe",
      "search dest=web* OR count>1",
      "search NOT user=bob",
      "search Processes.process_id>5",
      "search n>=7 AND k=0",
      "search cmdline=\"*..*\"",
      "search *",
      "stats count by dest",
      "table dest user process_name count n",
      "fillnull value=x",
      "dedup dest",
      "head 3",
      // Pairs whose second part a wrong analysis would push
      "rename dest as user | search NOT user=bob",
      "rename users as dest | where dest>1",
      "eval process=count | where process>1",
      "convert timeformat=\"%H\" ctime(_time) as hour | where hour=\"10\"");

  static Stream<Long> seeds() {
    return RandomSeeds.fresh(6);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void droppingTheGroupsTheFiltersRejectChangesNoRow(long seed) throws IOException {
    Random random = new Random(seed);
    List<ProcessEvent> events = events(random);
    ReferenceTstats reference = new ReferenceTstats(events);
    try (EventIndex index = LuceneIndexes.randomlySegmented(events, random)) {
      LuceneTstats lucene = new LuceneTstats(index);
      for (int i = 0; i < SEARCHES_PER_INDEX; i++) {
        String spl = search(random);
        List<Row> expected = run(keepingAll(reference), spl);
        String context = "seed " + seed + " (rerun with -Dvigil.seed=" + seed + "), search " + i + ": " + spl;
        assertEquals(expected, run(reference, spl), "reference backend, " + context);
        assertEquals(expected, run(keepingAll(lucene), spl), "Lucene backend keeping all groups, " + context);
        assertEquals(expected, run(lucene, spl), "Lucene backend, " + context);
      }
    }
  }

  /** The backend, told that the search keeps every group. */
  private static TstatsBackend keepingAll(TstatsBackend backend) {
    return plan -> backend.tstats(plan.keeping(GroupCondition.ALL));
  }

  private static List<Row> run(TstatsBackend backend, String spl) throws IOException {
    return new SearchExecutor(backend, ZoneOffset.UTC).execute(SplParser.parse(spl), WINDOW, WINDOW.latest(), spl);
  }

  private static String search(Random random) {
    List<String> by = new ArrayList<>(BY_FIELDS);
    StringBuilder spl = new StringBuilder("| tstats ");
    if (random.nextBoolean()) {
      spl.append("fillnull_value=\"null\" ");
    }
    spl.append("count min(_time) as firstTime dc(Processes.user) as users values(Processes.process) as procs"
        + " from datamodel=Endpoint.Processes");
    if (random.nextInt(3) == 0) {
      spl.append(" where Processes.process_name=*e*");
    }
    if (random.nextInt(6) != 0) {
      spl.append(" by");
      for (int n = 1 + random.nextInt(3); n > 0; n--) {
        spl.append(' ').append(by.remove(random.nextInt(by.size())));
      }
      if (spl.indexOf("_time") > 0 && random.nextBoolean()) {
        spl.append(" span=1h");
      }
    }
    if (random.nextInt(10) < 7) {
      spl.append(" | rename Processes.* as *");
    }
    for (int n = random.nextInt(8); n > 0; n--) {
      spl.append(" | ").append(COMMANDS.get(random.nextInt(COMMANDS.size())));
    }
    return spl.toString();
  }

  private static List<ProcessEvent> events(Random random) {
    List<ProcessEvent> events = new ArrayList<>(EVENTS);
    for (int i = 0; i < EVENTS; i++) {
      Map<String, String> fields = new HashMap<>();
      VOCABULARY.forEach((field, values) -> {
        if (random.nextInt(5) != 0) {
          fields.put(field, values.get(random.nextInt(values.size())));
        }
      });
      long time = START.toEpochMilli() + random.nextInt(2 * 3_600_000);
      events.add(new ProcessEvent(time, "test", "vigil:cim", "event " + i, fields));
    }
    return events;
  }
}
