package dev.vigil.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Optional;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class CronScheduleTest {
  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

  private static Set<Integer> set(Integer... values) {
    return new TreeSet<>(List.of(values));
  }

  // SEMANTICS §2.1 forms, §2.2 Vixie steps
  @Test
  void expandsFields() {
    CronSchedule c = CronSchedule.parse("13-46/10 */6 1,15,20-22 */5 1-5");
    assertEquals(set(13, 23, 33, 43), c.minutes());
    assertEquals(set(0, 6, 12, 18), c.hours());
    assertEquals(set(1, 15, 20, 21, 22), c.daysOfMonth());
    assertEquals(set(1, 6, 11), c.months());
    assertEquals(set(1, 2, 3, 4, 5), c.daysOfWeek());
    assertEquals("13-46/10 */6 1,15,20-22 */5 1-5", c.toString());
    assertEquals(set(0, 7, 14, 21, 28, 35, 42, 49, 56), CronSchedule.parse("*/7 * * * *").minutes());
    assertEquals(set(5, 6, 7, 8), CronSchedule.parse("5-8 * * * *").minutes());
    assertEquals(set(0, 2, 4, 6), CronSchedule.parse("* * * * */2").daysOfWeek());
    assertEquals(set(5), CronSchedule.parse("5-10/20 * * * *").minutes());
  }

  // SEMANTICS §2.1: 0 and 7 are Sunday
  @Test
  void sevenIsSunday() {
    assertEquals(set(0), CronSchedule.parse("0 0 * * 7").daysOfWeek());
    assertEquals(set(0), CronSchedule.parse("0 0 * * 0,7").daysOfWeek());
    assertEquals(set(0, 5, 6), CronSchedule.parse("0 0 * * 5-7").daysOfWeek());
    assertFalse(CronSchedule.parse("0 0 * * 0-7").dayOfWeekRestricted());
    assertTrue(CronSchedule.parse("0 0 * * 7").matchesDay(LocalDate.of(2024, 5, 12))); // a Sunday
  }

  // SEMANTICS §2.3: both day fields restricted -> either matches; one restricted -> it alone decides
  @ParameterizedTest(name = "{0} on {1}: {2}")
  @CsvSource({
      "0 9 1-7 * 1,  2024-05-06, true",  // Monday and day 6
      "0 9 1-7 * 1,  2024-05-13, true",  // Monday only
      "0 9 1-7 * 1,  2024-05-02, true",  // day 2 only (a Thursday)
      "0 9 1-7 * 1,  2024-05-14, false",
      "0 9 1-7 * *,  2024-05-13, false",
      "0 9 * * 1,    2024-05-02, false",
      "0 9 * * 1,    2024-05-13, true",
      "0 9 */2 * 1,  2024-05-13, true",  // Vixie would AND here because the field starts with '*'
      "0 9 1-31 * 1, 2024-05-14, false", // 1-31 is every day, so unrestricted
      "0 9 1 2 *,    2024-01-01, false",
  })
  void dayMatching(String cron, String date, boolean expected) {
    assertEquals(expected, CronSchedule.parse(cron).matchesDay(LocalDate.parse(date)));
  }

  @Test
  void matchesMinuteResolution() {
    CronSchedule c = CronSchedule.parse("30 2 * * *");
    assertTrue(c.matches(LocalDateTime.of(2024, 5, 15, 2, 30)));
    assertTrue(c.matches(LocalDateTime.of(2024, 5, 15, 2, 30, 59)));
    assertFalse(c.matches(LocalDateTime.of(2024, 5, 15, 2, 31)));
    assertFalse(c.matches(LocalDateTime.of(2024, 5, 15, 3, 30)));
  }

  @Test
  void describeShowsTheDays() {
    assertEquals("minute 0 | hour 9 | days: day-of-month 1-7 or day-of-week 1 (Mon) (either matches)"
        + " | month * | repeated DST hour: first pass only", CronSchedule.parse("0 9 1-7 * 1").describe());
    assertEquals("minute 0,15,30,45 | hour * | days: day-of-week 0,6 (Sun,Sat) | month 1-3"
        + " | repeated DST hour: both passes", CronSchedule.parse("*/15 * * 1-3 6,7").describe());
  }

  // SEMANTICS §2.5, hand-checked against the New York clock changes of 2024
  @ParameterizedTest(name = "{0} after {1}")
  @CsvSource({
      // autumn: 01:00-01:59 happens twice (EDT 05:00Z-05:59Z, then EST 06:00Z-06:59Z)
      "0 * * * *,  2024-11-03T04:30:00Z, 2024-11-03T05:00:00Z",
      "0 * * * *,  2024-11-03T05:00:00Z, 2024-11-03T06:00:00Z", // both passes
      "0 * * * *,  2024-11-03T06:00:00Z, 2024-11-03T07:00:00Z",
      "30 1 * * *, 2024-11-03T04:00:00Z, 2024-11-03T05:30:00Z", // fixed hour: first pass
      "30 1 * * *, 2024-11-03T05:30:00Z, 2024-11-04T06:30:00Z", // ... only
      "30 1 * * *, 2024-11-03T06:10:00Z, 2024-11-04T06:30:00Z",
      "*/20 1 * * *, 2024-11-03T05:40:00Z, 2024-11-04T06:00:00Z",
      "*/20 */1 * * *, 2024-11-03T05:40:00Z, 2024-11-03T06:00:00Z",
      // spring: 02:00-02:59 does not exist (07:00Z is 03:00 EDT)
      "30 2 * * *, 2024-03-10T06:00:00Z, 2024-03-10T07:00:00Z", // fires when the clock resumes
      "30 2 * * *, 2024-03-10T07:00:00Z, 2024-03-11T06:30:00Z",
      "'0 2,3 * * *', 2024-03-10T06:59:00Z, 2024-03-10T07:00:00Z", // 02:00 and 03:00 are one instant
      "'0 2,3 * * *', 2024-03-10T07:00:00Z, 2024-03-11T06:00:00Z",
      "30 * * * *, 2024-03-10T06:30:00Z, 2024-03-10T07:30:00Z", // hourly skips 02:30
      "0 0 * * 7,  2024-05-15T00:00:00Z, 2024-05-19T04:00:00Z",
      "0 9 1-7 * 1, 2024-05-02T13:00:00Z, 2024-05-03T13:00:00Z",
      "0 9 1-7 * 1, 2024-05-07T13:00:00Z, 2024-05-13T13:00:00Z",
      "0 0 29 2 *, 2024-03-01T00:00:00Z, 2028-02-29T05:00:00Z",
  })
  void nextFireAfterInNewYork(String cron, String after, String expected) {
    assertEquals(Instant.parse(expected), CronSchedule.parse(cron).nextFireAfter(Instant.parse(after), NEW_YORK));
  }

  @Test
  void fireTimesBetweenIsHalfOpen() {
    CronSchedule c = CronSchedule.parse("0 * * * *");
    assertEquals(List.of(Instant.parse("2024-05-15T10:00:00Z"), Instant.parse("2024-05-15T11:00:00Z")),
        c.fireTimesBetween(Instant.parse("2024-05-15T10:00:00Z"), Instant.parse("2024-05-15T12:00:00Z"),
            ZoneOffset.UTC));
  }

  static Stream<Arguments> errors() {
    return Stream.of(
        // SEMANTICS §2.1: names are rejected
        Arguments.of("0 0 1 JAN *", 6, "names such as 'JAN' are not supported by Splunk cron; use 1-12"),
        Arguments.of("0 0 * * MON", 8, "names such as 'MON' are not supported by Splunk cron; use 0-6, 0 = Sunday"),
        Arguments.of("0 0 * * 1-FRI", 10,
            "names such as 'FRI' are not supported by Splunk cron; use 0-6, 0 = Sunday"),
        // out of range
        Arguments.of("60 * * * *", 0, "minute 60 is out of range 0-59"),
        Arguments.of("0 24 * * *", 2, "hour 24 is out of range 0-23"),
        Arguments.of("0 0 0 * *", 4, "day-of-month 0 is out of range 1-31"),
        Arguments.of("0 0 32 * *", 4, "day-of-month 32 is out of range 1-31"),
        Arguments.of("0 0 * 13 *", 6, "month 13 is out of range 1-12"),
        Arguments.of("0 0 * 0 *", 6, "month 0 is out of range 1-12"),
        Arguments.of("0 0 * * 8", 8, "day-of-week 8 is out of range 0-7 (0 and 7 = Sunday)"),
        Arguments.of("0 0 * * 1-99999999999", 10, "day-of-week 99999999999 is out of range 0-7 (0 and 7 = Sunday)"),
        // bad steps and ranges
        Arguments.of("*/0 * * * *", 2, "step 0 is out of range 1-59 for the minute"),
        Arguments.of("*/60 * * * *", 2, "step 60 is out of range 1-59 for the minute"),
        Arguments.of("*/ * * * *", 2, "expected a step number after '/'"),
        Arguments.of("5/10 * * * *", 1, "a step needs '*' or a range before it, e.g. */10 or 5-59/10"),
        Arguments.of("30-10 * * * *", 3, "range 30-10 runs backwards; write the smaller value first"),
        Arguments.of("1,,2 * * * *", 2, "unexpected ',' in the minute field; expected a number or '*'"),
        Arguments.of("0 ? * * *", 2, "unexpected '?' in the hour field; expected a number or '*'"),
        Arguments.of("0 0 L * *", 4, "names such as 'L' are not supported by Splunk cron; use numbers"),
        Arguments.of("5x * * * *", 1, "unexpected 'x' in the minute field"),
        // wrong field count
        Arguments.of("0 * * *", 7, "expected 5 fields (minute hour day-of-month month day-of-week), found 4;"
            + " missing the day-of-week"),
        Arguments.of("", 0, "expected 5 fields (minute hour day-of-month month day-of-week), found 0;"
            + " missing the minute"),
        Arguments.of("0 0 0 * * *", 4, "day-of-month 0 is out of range 1-31"),
        Arguments.of("0 0 1 * * *", 10, "expected 5 fields (minute hour day-of-month month day-of-week), found more;"
            + " Splunk cron has no seconds or year field"),
        // a schedule that can never fire
        Arguments.of("0 0 31 2,4 *", 4,
            "the day-of-month never occurs in the selected month(s), so the schedule never fires"));
  }

  @ParameterizedTest(name = "[{index}] ''{0}'' column {1}")
  @MethodSource("errors")
  void errorsPointAtTheOffendingCharacter(String text, int column, String reason) {
    CronException e = assertThrows(CronException.class, () -> CronSchedule.parse(text));
    assertEquals(reason, e.reason());
    assertEquals(column, e.column());
    assertEquals(reason + "\n" + text + "\n" + " ".repeat(column) + "^", e.getMessage());
  }

  @Test
  void acceptsExtraBlanksAndFebruary29() {
    assertEquals(set(5), CronSchedule.parse("  5\t*  * *   *  ").minutes());
    assertEquals(set(29), CronSchedule.parse("0 0 29 2 *").daysOfMonth());
    assertEquals(set(31), CronSchedule.parse("0 0 31 2 1").daysOfMonth()); // fires on Mondays of February
  }

  // The scheduled time of the run due now: the latest fire time at or before it, or none within the lookback.
  @ParameterizedTest
  @CsvSource({
      "0 * * * *,   2024-05-15T14:37:12Z, 2024-05-15T14:00:00Z",
      "0 * * * *,   2024-05-15T14:00:00Z, 2024-05-15T14:00:00Z",
      "* * * * *,   2024-05-15T14:37:12Z, 2024-05-15T14:37:00Z",
      "0 0 1 1 *,   2024-05-15T14:37:12Z, 2024-01-01T00:00:00Z",
      "30 2 * * 0,  2024-05-15T14:37:12Z, 2024-05-12T02:30:00Z"})
  void latestFireAtOrBefore(String cron, String at, String expected) {
    assertEquals(Optional.of(Instant.parse(expected)), CronSchedule.parse(cron)
        .latestFireAtOrBefore(Instant.parse(at), Duration.ofDays(400), ZoneOffset.UTC));
  }

  @Test
  void noFireWithinTheLookback() {
    assertEquals(Optional.empty(), CronSchedule.parse("0 0 1 1 *").latestFireAtOrBefore(
        Instant.parse("2024-05-15T14:37:12Z"), Duration.ofDays(30), ZoneOffset.UTC));
  }
}
