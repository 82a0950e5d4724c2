package dev.vigil.query;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vigil.plan.PlanCompiler;
import dev.vigil.plan.TstatsPlan;
import dev.vigil.spl.Command;
import dev.vigil.spl.SplParser;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LongSummaryStatistics;
import java.util.Map;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The rows do not depend on the order events are added in, nor on whether events of the same values come one
 * by one or together ({@link TstatsGroups#addAll}): events of the same time included, where earliest and
 * latest take the smallest and the greatest value; nor on whether events of the same values and time bucket come
 * as one run with their count and first and last time ({@link TstatsGroups#addRun}), as a composite aggregation
 * of OpenSearch delivers them.
 */
class TstatsGroupsOrderTest {
  private static final long SEED = Long.getLong("vigil.seed", 7L);

  private record Event(long timeMillis, String dest, String user) {}

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(strings = {"by Processes.dest", "by _time span=1m Processes.dest", ""})
  void shuffledAndBulkAddsGiveTheRowsOfOneByOneAdds(String by) {
    TstatsPlan plan = PlanCompiler.compile((Command.Tstats) SplParser.parse("| tstats count"
        + " earliest(Processes.user) as first_user latest(Processes.user) as last_user values(Processes.user) as users"
        + " min(_time) as firstTime max(_time) as lastTime from datamodel=Endpoint.Processes " + by).first());
    Random random = new Random(SEED);
    List<Event> events = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      events.add(new Event(60_000L * random.nextInt(10), "h" + random.nextInt(3), "u" + random.nextInt(20)));
    }
    List<Row> inOrder = oneByOne(plan, events);
    for (int round = 0; round < 5; round++) {
      Collections.shuffle(events, random);
      assertEquals(inOrder, oneByOne(plan, events), "seed " + SEED + ", shuffle " + round);
    }
    assertEquals(inOrder, together(plan, events), "seed " + SEED);
  }

  @ParameterizedTest(name = "[{index}] {0}, runs of {1} ms, distinct seconds read: {2}")
  @CsvSource({
      "by Processes.dest, 0, false", "by Processes.dest Processes.user, 0, false", "'', 0, false",
      "by _time span=1m Processes.dest, 60000, false", "by _time Processes.user, 1000, false",
      "by Processes.dest, 1000, true", "by _time span=1m, 1000, true"})
  void runsOfEqualValuesGiveTheRowsOfOneByOneAdds(String grouping, long runMillis, boolean readsSeconds) {
    TstatsPlan plan = PlanCompiler.compile((Command.Tstats) SplParser.parse("| tstats count count(Processes.user) as"
        + " with_user sum(Processes.user) as user_sum earliest(Processes.user) as first_user latest(Processes.user) as"
        + " last_user dc(Processes.user) as users min(_time) as firstTime max(_time) as lastTime earliest(_time) as e"
        + (readsSeconds ? " dc(_time) as seconds values(_time) as times" : "")
        + " from datamodel=Endpoint.Processes " + grouping).first());
    Random random = new Random(SEED);
    List<Event> events = new ArrayList<>();
    for (int i = 0; i < 600; i++) {
      String user = random.nextInt(6) == 0 ? null : Integer.toString(random.nextInt(8));
      events.add(new Event(random.nextInt(300_000), "h" + random.nextInt(3), user));
    }
    Map<List<Object>, List<Event>> runs = new LinkedHashMap<>();
    for (Event event : events) {
      long bucket = runMillis == 0 ? 0 : Math.floorDiv(event.timeMillis(), runMillis);
      runs.computeIfAbsent(Arrays.asList(event.dest(), event.user(), bucket), key -> new ArrayList<>()).add(event);
    }
    TstatsGroups groups = new TstatsGroups(plan);
    runs.values().forEach(run -> {
      LongSummaryStatistics times = run.stream().mapToLong(Event::timeMillis).summaryStatistics();
      groups.addRun(values(plan, run.get(0)), run.size(), times.getMin(), times.getMax());
    });
    assertEquals(oneByOne(plan, events), groups.rows(), "seed " + SEED);
  }

  private static List<Row> oneByOne(TstatsPlan plan, List<Event> events) {
    TstatsGroups groups = new TstatsGroups(plan);
    events.forEach(event -> groups.add(event.timeMillis(), values(plan, event)));
    return groups.rows();
  }

  /** Each distinct combination of values once, with the times of its events. */
  private static List<Row> together(TstatsPlan plan, List<Event> events) {
    TstatsGroups groups = new TstatsGroups(plan);
    events.stream().map(e -> List.of(e.dest(), e.user())).distinct().forEach(values -> {
      long[] times = events.stream().filter(e -> e.dest().equals(values.get(0)) && e.user().equals(values.get(1)))
          .mapToLong(Event::timeMillis).toArray();
      groups.addAll(values(plan, new Event(0, values.get(0), values.get(1))), times, times.length);
    });
    return groups.rows();
  }

  private static String[] values(TstatsPlan plan, Event event) {
    return plan.eventFields().stream().map(field -> field.equals("dest") ? event.dest() : event.user())
        .toArray(String[]::new);
  }
}
