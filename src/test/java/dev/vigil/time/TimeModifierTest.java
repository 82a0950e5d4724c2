package dev.vigil.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class TimeModifierTest {
  private static final ZoneId UTC = ZoneOffset.UTC;
  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  /** Wed 2024-05-15 14:37:12 UTC, the "now" of the worked examples. */
  private static final Instant NOW = Instant.parse("2024-05-15T14:37:12Z");

  private static Instant resolve(String modifier, Instant now, ZoneId zone) {
    return TimeModifier.parse(modifier).resolve(now, zone);
  }

  // SEMANTICS §1 worked examples, §1.2 left to right, §1.3 snaps round down
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "-70m@m,   2024-05-15T13:27:00Z",
      "-10m@m,   2024-05-15T14:27:00Z",
      "-1d@d,    2024-05-14T00:00:00Z",
      "@w1,      2024-05-13T00:00:00Z",
      "-5d@w1,   2024-05-06T00:00:00Z",
      "@q,       2024-04-01T00:00:00Z",
      "-1h@h+5m, 2024-05-15T13:05:00Z",
      "+1d,      2024-05-16T14:37:12Z",
  })
  void workedExamples(String modifier, String expected) {
    assertEquals(Instant.parse(expected), resolve(modifier, NOW, UTC));
  }

  // SEMANTICS §1.1: every alias of every unit, as an offset, as an omitted-1 offset and as a snap
  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "s,        2024-05-15T14:37:09Z, 2024-05-15T14:37:11Z, 2024-05-15T14:37:12Z",
      "sec,      2024-05-15T14:37:09Z, 2024-05-15T14:37:11Z, 2024-05-15T14:37:12Z",
      "secs,     2024-05-15T14:37:09Z, 2024-05-15T14:37:11Z, 2024-05-15T14:37:12Z",
      "second,   2024-05-15T14:37:09Z, 2024-05-15T14:37:11Z, 2024-05-15T14:37:12Z",
      "seconds,  2024-05-15T14:37:09Z, 2024-05-15T14:37:11Z, 2024-05-15T14:37:12Z",
      "m,        2024-05-15T14:34:12Z, 2024-05-15T14:36:12Z, 2024-05-15T14:37:00Z",
      "min,      2024-05-15T14:34:12Z, 2024-05-15T14:36:12Z, 2024-05-15T14:37:00Z",
      "mins,     2024-05-15T14:34:12Z, 2024-05-15T14:36:12Z, 2024-05-15T14:37:00Z",
      "minute,   2024-05-15T14:34:12Z, 2024-05-15T14:36:12Z, 2024-05-15T14:37:00Z",
      "minutes,  2024-05-15T14:34:12Z, 2024-05-15T14:36:12Z, 2024-05-15T14:37:00Z",
      "h,        2024-05-15T11:37:12Z, 2024-05-15T13:37:12Z, 2024-05-15T14:00:00Z",
      "hr,       2024-05-15T11:37:12Z, 2024-05-15T13:37:12Z, 2024-05-15T14:00:00Z",
      "hrs,      2024-05-15T11:37:12Z, 2024-05-15T13:37:12Z, 2024-05-15T14:00:00Z",
      "hour,     2024-05-15T11:37:12Z, 2024-05-15T13:37:12Z, 2024-05-15T14:00:00Z",
      "hours,    2024-05-15T11:37:12Z, 2024-05-15T13:37:12Z, 2024-05-15T14:00:00Z",
      "d,        2024-05-12T14:37:12Z, 2024-05-14T14:37:12Z, 2024-05-15T00:00:00Z",
      "day,      2024-05-12T14:37:12Z, 2024-05-14T14:37:12Z, 2024-05-15T00:00:00Z",
      "days,     2024-05-12T14:37:12Z, 2024-05-14T14:37:12Z, 2024-05-15T00:00:00Z",
      "w,        2024-04-24T14:37:12Z, 2024-05-08T14:37:12Z, 2024-05-12T00:00:00Z",
      "week,     2024-04-24T14:37:12Z, 2024-05-08T14:37:12Z, 2024-05-12T00:00:00Z",
      "weeks,    2024-04-24T14:37:12Z, 2024-05-08T14:37:12Z, 2024-05-12T00:00:00Z",
      "mon,      2024-02-15T14:37:12Z, 2024-04-15T14:37:12Z, 2024-05-01T00:00:00Z",
      "month,    2024-02-15T14:37:12Z, 2024-04-15T14:37:12Z, 2024-05-01T00:00:00Z",
      "months,   2024-02-15T14:37:12Z, 2024-04-15T14:37:12Z, 2024-05-01T00:00:00Z",
      "q,        2023-08-15T14:37:12Z, 2024-02-15T14:37:12Z, 2024-04-01T00:00:00Z",
      "qtr,      2023-08-15T14:37:12Z, 2024-02-15T14:37:12Z, 2024-04-01T00:00:00Z",
      "qtrs,     2023-08-15T14:37:12Z, 2024-02-15T14:37:12Z, 2024-04-01T00:00:00Z",
      "quarter,  2023-08-15T14:37:12Z, 2024-02-15T14:37:12Z, 2024-04-01T00:00:00Z",
      "quarters, 2023-08-15T14:37:12Z, 2024-02-15T14:37:12Z, 2024-04-01T00:00:00Z",
      "y,        2021-05-15T14:37:12Z, 2023-05-15T14:37:12Z, 2024-01-01T00:00:00Z",
      "yr,       2021-05-15T14:37:12Z, 2023-05-15T14:37:12Z, 2024-01-01T00:00:00Z",
      "yrs,      2021-05-15T14:37:12Z, 2023-05-15T14:37:12Z, 2024-01-01T00:00:00Z",
      "year,     2021-05-15T14:37:12Z, 2023-05-15T14:37:12Z, 2024-01-01T00:00:00Z",
      "years,    2021-05-15T14:37:12Z, 2023-05-15T14:37:12Z, 2024-01-01T00:00:00Z",
  })
  void everyUnitAlias(String unit, String minusThree, String minusOne, String snapped) {
    assertEquals(Instant.parse(minusThree), resolve("-3" + unit, NOW, UTC), "-3" + unit);
    assertEquals(Instant.parse(minusOne), resolve("-" + unit, NOW, UTC), "-" + unit + " means -1" + unit);
    assertEquals(Instant.parse(snapped), resolve("@" + unit, NOW, UTC), "@" + unit);
    // SEMANTICS §1.3: a value already on the boundary stays
    assertEquals(Instant.parse(snapped), resolve("@" + unit + "@" + unit, NOW, UTC), "@" + unit + " twice");
  }

  // SEMANTICS §1.3: @w, @w0, @w7 = Sunday; @w1 Monday … @w6 Saturday; today counts
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "@w,  2024-05-12T00:00:00Z",
      "@w0, 2024-05-12T00:00:00Z",
      "@w7, 2024-05-12T00:00:00Z",
      "@w1, 2024-05-13T00:00:00Z",
      "@w2, 2024-05-14T00:00:00Z",
      "@w3, 2024-05-15T00:00:00Z",
      "@w4, 2024-05-09T00:00:00Z",
      "@w5, 2024-05-10T00:00:00Z",
      "@w6, 2024-05-11T00:00:00Z",
  })
  void weekSnaps(String modifier, String expected) {
    assertEquals(Instant.parse(expected), resolve(modifier, NOW, UTC));
  }

  // SEMANTICS §1.3: @q is Jan/Apr/Jul/Oct 1, @y Jan 1, @mon the 1st
  @ParameterizedTest(name = "{0} at {1}")
  @CsvSource({
      "@q,   2024-01-01T00:00:00Z, 2024-01-01T00:00:00Z",
      "@q,   2024-03-31T23:59:59Z, 2024-01-01T00:00:00Z",
      "@q,   2024-08-02T10:00:00Z, 2024-07-01T00:00:00Z",
      "@q,   2024-12-31T10:00:00Z, 2024-10-01T00:00:00Z",
      "@y,   2024-12-31T10:00:00Z, 2024-01-01T00:00:00Z",
      "@mon, 2024-02-29T10:00:00Z, 2024-02-01T00:00:00Z",
  })
  void calendarSnaps(String modifier, String now, String expected) {
    assertEquals(Instant.parse(expected), resolve(modifier, Instant.parse(now), UTC));
  }

  // SEMANTICS §1.5: calendar steps clamp to the month end
  @ParameterizedTest(name = "{0} at {1}")
  @CsvSource({
      "-1mon, 2024-03-31T12:00:00Z, 2024-02-29T12:00:00Z",
      "-1mon, 2023-03-31T12:00:00Z, 2023-02-28T12:00:00Z",
      "+1mon, 2024-01-31T12:00:00Z, 2024-02-29T12:00:00Z",
      "-1mon, 2024-05-31T12:00:00Z, 2024-04-30T12:00:00Z",
      "-1q,   2024-05-31T12:00:00Z, 2024-02-29T12:00:00Z",
      "-1y,   2024-02-29T12:00:00Z, 2023-02-28T12:00:00Z",
      "+4y,   2024-02-29T12:00:00Z, 2028-02-29T12:00:00Z",
      // clamping is per step, so two steps differ from one (§1.2 left to right)
      "-1mon-1mon, 2024-03-31T12:00:00Z, 2024-01-29T12:00:00Z",
      "-2mon,      2024-03-31T12:00:00Z, 2024-01-31T12:00:00Z",
  })
  void monthEndClamp(String modifier, String now, String expected) {
    assertEquals(Instant.parse(expected), resolve(modifier, Instant.parse(now), UTC));
  }

  // SEMANTICS §1.5: s/m/h exact, d a calendar step in the zone (2024-03-10 has 23 hours in New York)
  @Test
  void hoursAreExactAndDaysAreCalendarStepsAcrossDst() {
    Instant now = Instant.parse("2024-03-10T16:00:00Z"); // 12:00 EDT, the day clocks went forward
    assertEquals(Instant.parse("2024-03-09T16:00:00Z"), resolve("-24h", now, NEW_YORK));
    assertEquals(Instant.parse("2024-03-09T17:00:00Z"), resolve("-1d", now, NEW_YORK)); // 12:00 EST
    assertEquals(Instant.parse("2024-03-10T05:00:00Z"), resolve("@d", now, NEW_YORK)); // midnight EST
    assertEquals(Instant.parse("2024-03-10T16:00:00Z"), resolve("@h", now, NEW_YORK));
  }

  // SEMANTICS §1.3, §1.5: a snap in the repeated hour stays on the pass it is in, never later than now
  @Test
  void snapInRepeatedHourRoundsDown() {
    Instant secondPass = Instant.parse("2024-11-03T06:30:00Z"); // 01:30 EST
    assertEquals(Instant.parse("2024-11-03T06:00:00Z"), resolve("@h", secondPass, NEW_YORK));
    Instant firstPass = Instant.parse("2024-11-03T05:30:00Z"); // 01:30 EDT
    assertEquals(Instant.parse("2024-11-03T05:00:00Z"), resolve("@h", firstPass, NEW_YORK));
    assertEquals(Instant.parse("2024-11-03T04:00:00Z"), resolve("@d", secondPass, NEW_YORK));
  }

  // SEMANTICS §1.1 now, epoch seconds, absolute; §1.4 0 = all time
  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "now,                 2024-05-15T14:37:12Z",
      "now(),               2024-05-15T14:37:12Z",
      "0,                   1970-01-01T00:00:00Z",
      "1700000000,          2023-11-14T22:13:20Z",
      "11/27/2026:13:50:00, 2026-11-27T13:50:00Z",
      "1/2/2024:3:04:05,    2024-01-02T03:04:05Z",
      "02/29/2024:23:59:59, 2024-02-29T23:59:59Z",
  })
  void anchors(String modifier, String expected) {
    assertEquals(Instant.parse(expected), resolve(modifier, NOW, UTC));
  }

  @Test
  void absoluteTimeIsWallClockOfTheZone() {
    // SEMANTICS §1.5: calendar values are read in the configured zone
    assertEquals(Instant.parse("2026-11-27T18:50:00Z"), resolve("11/27/2026:13:50:00", NOW, NEW_YORK));
    // epoch seconds are absolute whatever the zone
    assertEquals(Instant.parse("2023-11-14T22:13:20Z"), resolve("1700000000", NOW, NEW_YORK));
  }

  @Test
  void allTimeAndText() {
    assertTrue(TimeModifier.parse("0").isAllTime());
    assertFalse(TimeModifier.parse("1").isAllTime());
    assertFalse(TimeModifier.parse("-0s").isAllTime());
    assertEquals("-70m@m", TimeModifier.parse("-70m@m").toString());
    assertEquals(TimeModifier.parse("@d"), TimeModifier.parse("@d"));
  }

  static Stream<Arguments> errors() {
    return Stream.of(
        // SEMANTICS §1.6: unknown unit, caret under it
        Arguments.of("-5x@m", 2, "unknown time unit 'x'"),
        Arguments.of("-1d@dy", 4, "unknown time unit 'dy'"),
        Arguments.of("-5M", 2, "unknown time unit 'M'"),
        Arguments.of("@", 1, "expected a unit to snap to after '@'"),
        Arguments.of("-5", 2, "expected a time unit (s, m, h, d, w, mon, q, y)"),
        Arguments.of("-1h@", 4, "expected a unit to snap to after '@'"),
        Arguments.of("@w8", 2, "week day 8 is out of range 0-7 (0 and 7 = Sunday)"),
        Arguments.of("-1d @d", 3, "unexpected ' ': a term starts with '+', '-' or '@'"),
        Arguments.of("-5w1", 3, "unexpected '1': a term starts with '+', '-' or '@'"),
        Arguments.of("", 0, "empty time modifier"),
        Arguments.of("rt-5m", 0, "real-time modifiers ('rt') are not supported: scheduled searches are historical"),
        Arguments.of("now-1h", 3, "'now' stands alone; write relative terms without it, e.g. -1h@h"),
        Arguments.of("-9999999999d", 1, "amount 9999999999 is too large"),
        Arguments.of("13/01/2024:00:00:00", 0, "month 13 is out of range 1-12"),
        Arguments.of("02/30/2024:00:00:00", 3, "day 30 is out of range 1-29 for that month"),
        Arguments.of("01/01/2024:24:00:00", 11, "hour 24 is out of range 0-23"),
        Arguments.of("01/01/2024:00:60:00", 14, "minute 60 is out of range 0-59"),
        Arguments.of("01/01/24:00:00:00", 6, "expected 4 digits for the year (%m/%d/%Y:%H:%M:%S)"),
        Arguments.of("01/01/2024", 10, "expected ':' (absolute times are %m/%d/%Y:%H:%M:%S)"),
        Arguments.of("01/01/2024:00:00:00Z", 19,
            "unexpected 'Z' after an absolute time (%m/%d/%Y:%H:%M:%S)"));
  }

  // SEMANTICS §1.6: errors carry the text and a caret under the offending character
  @ParameterizedTest(name = "[{index}] ''{0}'' column {1}")
  @MethodSource("errors")
  void errorsPointAtTheOffendingCharacter(String text, int column, String reason) {
    TimeModifierException e = assertThrows(TimeModifierException.class, () -> TimeModifier.parse(text));
    assertEquals(column, e.column());
    assertEquals(text, e.text());
    assertEquals(reason, e.reason());
    assertEquals(reason + "\n" + text + "\n" + " ".repeat(column) + "^", e.getMessage());
  }

  @Test
  void exampleMessageFromTheBrief() {
    TimeModifierException e = assertThrows(TimeModifierException.class, () -> TimeModifier.parse("-5x@m"));
    assertEquals("unknown time unit 'x'\n-5x@m\n  ^", e.getMessage());
  }
}
