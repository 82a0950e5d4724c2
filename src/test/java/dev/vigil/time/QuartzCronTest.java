package dev.vigil.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.text.ParseException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Random;
import java.util.TimeZone;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.quartz.CronExpression;

class QuartzCronTest {
  private static final Instant FROM = Instant.parse("2024-01-29T00:00:00Z");
  private static final Instant TO = Instant.parse("2024-03-11T00:00:00Z"); // six weeks over a Feb 29
  private static final long SEED = Long.getLong("vigil.seed", new Random().nextLong());

  // SEMANTICS §2.4: explicit lists, seconds 0, weekday d -> d+1, '?' in the unrestricted day field
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "0 * * * *        | 0 0 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23 "
          + "1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31 "
          + "1,2,3,4,5,6,7,8,9,10,11,12 ?",
      "13-46/10 9 * 2 0,7 | 0 13,23,33,43 9 ? 2 1",
      "0 0 1 * *        | 0 0 0 1 1,2,3,4,5,6,7,8,9,10,11,12 ?",
      "0 12 * 1 1-5     | 0 0 12 ? 1 2,3,4,5,6",
  })
  void translatesOneTrigger(String cron, String quartz) {
    assertEquals(List.of(quartz), QuartzCron.toQuartz(CronSchedule.parse(cron)));
  }

  // SEMANTICS §2.3, §2.4: both day fields restricted -> two triggers whose union is the OR
  @Test
  void bothDayFieldsGiveTwoTriggers() {
    assertEquals(List.of("0 0 9 1,2,3,4,5,6,7 3 ?", "0 0 9 ? 3 2"),
        QuartzCron.toQuartz(CronSchedule.parse("0 9 1-7 3 1")));
  }

  // SEMANTICS §2.4: never the input unchanged
  @ParameterizedTest
  @ValueSource(strings = {"0 0 * * *", "*/5 * * * *", "0 0 1 1 0"})
  void neverPassesTheInputThrough(String cron) {
    for (String quartz : QuartzCron.toQuartz(CronSchedule.parse(cron))) {
      assertNotEquals(cron, quartz);
    }
  }

  // SEMANTICS §2.4: Quartz fires at the same instants as CronSchedule (UTC: no DST)
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "0 * * * *", "*/7 * * * *", "13-46/10 * * * *", "0 9 1-7 * 1", "0 0 * * 7", "0 0 * * 0",
      "30 2 * * *", "0 0 29 2 *", "0 0 31 * *", "15 */3 10-20 2,3 1,3,5", "59 23 * * 6"})
  void quartzAgreesInUtc(String cron) throws ParseException {
    assertSameFires(cron);
  }

  @Test
  void quartzAgreesOnRandomExpressionsInUtc() throws ParseException {
    Random random = new Random(SEED);
    int checked = 0;
    while (checked < 60) {
      String cron = CronOracleTest.RandomCron.next(random);
      try {
        CronSchedule.parse(cron);
      } catch (CronException neverFires) {
        continue;
      }
      assertSameFires(cron);
      checked++;
    }
  }

  private static void assertSameFires(String cron) throws ParseException {
    CronSchedule schedule = CronSchedule.parse(cron);
    TreeSet<Instant> quartzFires = new TreeSet<>();
    for (String expression : QuartzCron.toQuartz(schedule)) {
      CronExpression quartz = new CronExpression(expression);
      quartz.setTimeZone(TimeZone.getTimeZone("UTC"));
      for (Date d = quartz.getNextValidTimeAfter(Date.from(FROM.minusSeconds(1)));
          d != null && d.toInstant().isBefore(TO); d = quartz.getNextValidTimeAfter(d)) {
        quartzFires.add(d.toInstant());
      }
    }
    assertEquals(schedule.fireTimesBetween(FROM, TO, ZoneOffset.UTC), new ArrayList<>(quartzFires),
        () -> "seed " + SEED + ": '" + cron + "' as " + QuartzCron.toQuartz(schedule));
  }
}
