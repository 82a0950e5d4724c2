package dev.vigil.query;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vigil.plan.PlanCompiler;
import dev.vigil.plan.TstatsPlan;
import dev.vigil.spl.Command;
import dev.vigil.spl.SplParser;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The rows do not depend on the order events are added in, nor on whether events of the same values come one
 * by one or together ({@link TstatsGroups#addAll}): events of the same time included, where earliest and
 * latest take the smallest and the greatest value.
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
