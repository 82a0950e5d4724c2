package dev.vigil.time;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * SEMANTICS §2.5: a brute-force oracle walks every minute of 2024-2025, converts each instant to the zone's
 * wall clock and matches the five fields with its own tiny matcher; {@link CronSchedule#nextFireAfter} must
 * produce exactly the same instants. Daylight saving in the oracle is read off the walk itself: an instant
 * is a second pass when the wall clock showed the same minute one hour earlier, and a gap is a jump of the
 * wall clock by more than one minute.
 */
class CronOracleTest {
  private static final long SEED = Long.getLong("vigil.seed", new Random().nextLong());
  private static final Instant WALK_START = Instant.parse("2024-01-01T00:00:00Z");
  private static final Instant WALK_END = Instant.parse("2026-01-01T00:00:00Z");
  private static final List<String> ZONES = List.of("UTC", "America/New_York", "Europe/Berlin");
  /** Spans holding both clock changes of 2024 in New York (Mar 10, Nov 3) and Berlin (Mar 31, Oct 27). */
  private static final Instant[][] DST_SPANS = {
      {Instant.parse("2024-03-07T00:00:00Z"), Instant.parse("2024-04-03T00:00:00Z")},
      {Instant.parse("2024-10-24T00:00:00Z"), Instant.parse("2024-11-06T00:00:00Z")}};
  private static final Map<String, Walk> WALKS = new ConcurrentHashMap<>();

  static Stream<Arguments> handPicked() {
    List<String> crons = List.of(
        "*/7 * * * *", "13-46/10 * * * *", "0 9 1-7 * 1", "0 0 * * 7", "30 2 * * *", "0 * * * *",
        "30 1 * * *", "*/15 1-3 * * *", "0 2,3 * * *", "15 */2 * * *", "45 1-3/1 * * 0",
        "59 23 31 * *", "0 0 29 2 *", "0 12 * 3,10,11 1-5", "0 0 1,15 * 0", "5 0-23 * * *",
        "* * * * *");
    return crons.stream().flatMap(c -> ZONES.stream().map(z -> Arguments.of(c, z)));
  }

  // SEMANTICS §2.5 over two whole years, both clock changes of each year
  @ParameterizedTest(name = "{0} in {1}")
  @MethodSource("handPicked")
  void handPickedAgreeWithOracleOverTwoYears(String cron, String zone) {
    assertAgrees(cron, zone, WALK_START, WALK_END, "");
  }

  // SEMANTICS §2.1-2.5: random expressions, on spans around both clock changes
  @Test
  void randomExpressionsAgreeWithOracle() {
    Random random = new Random(SEED);
    int checked = 0;
    while (checked < 300) {
      String cron = RandomCron.next(random);
      try {
        CronSchedule.parse(cron);
      } catch (CronException neverFires) {
        continue;
      }
      String zone = ZONES.get(checked % ZONES.size());
      for (Instant[] span : DST_SPANS) {
        assertAgrees(cron, zone, span[0], span[1], "seed " + SEED + ": ");
      }
      checked++;
    }
  }

  private static void assertAgrees(String cron, String zoneId, Instant from, Instant to, String context) {
    Walk walk = WALKS.computeIfAbsent(zoneId, z -> new Walk(ZoneId.of(z)));
    List<Instant> expected = Oracle.fires(cron, walk, walk.index(from), walk.index(to));
    ZoneId zone = ZoneId.of(zoneId);
    CronSchedule schedule = CronSchedule.parse(cron);
    Instant t = from.minusNanos(1);
    for (int i = 0; ; i++) {
      t = schedule.nextFireAfter(t, zone);
      if (!t.isBefore(to)) {
        if (i < expected.size()) {
          fail(context + "'" + cron + "' in " + zone + ": oracle fires at " + describe(expected.get(i), zone)
              + " but nextFireAfter jumps to " + describe(t, zone));
        }
        return;
      }
      if (i >= expected.size() || !expected.get(i).equals(t)) {
        fail(context + "'" + cron + "' in " + zone + ": fire #" + i + " expected "
            + (i < expected.size() ? describe(expected.get(i), zone) : "none") + " but was " + describe(t, zone));
      }
    }
  }

  private static String describe(Instant t, ZoneId zone) {
    return t + " (" + t.atZone(zone).toOffsetDateTime() + ")";
  }

  /** The wall clock of one zone at every minute of the walk, computed once per zone. */
  static final class Walk {
    final byte[] minute;
    final byte[] hour;
    final byte[] dayOfMonth;
    final byte[] month;
    final byte[] dayOfWeek;
    final boolean[] secondPass;
    /** Wall-clock minutes (epoch minutes of the local time) at each instant. */
    final long[] local;

    Walk(ZoneId zone) {
      int n = (int) ((WALK_END.getEpochSecond() - WALK_START.getEpochSecond()) / 60);
      minute = new byte[n];
      hour = new byte[n];
      dayOfMonth = new byte[n];
      month = new byte[n];
      dayOfWeek = new byte[n];
      secondPass = new boolean[n];
      local = new long[n];
      for (int i = 0; i < n; i++) {
        LocalDateTime l = LocalDateTime.ofInstant(WALK_START.plusSeconds(60L * i), zone);
        local[i] = l.toEpochSecond(ZoneOffset.UTC) / 60;
        minute[i] = (byte) l.getMinute();
        hour[i] = (byte) l.getHour();
        dayOfMonth[i] = (byte) l.getDayOfMonth();
        month[i] = (byte) l.getMonthValue();
        dayOfWeek[i] = (byte) (l.getDayOfWeek().getValue() % 7);
        long hourAgo = i >= 60 ? local[i - 60]
            : LocalDateTime.ofInstant(WALK_START.plusSeconds(60L * (i - 60)), zone).toEpochSecond(ZoneOffset.UTC) / 60;
        secondPass[i] = hourAgo == local[i];
      }
    }

    int index(Instant t) {
      return (int) ((t.getEpochSecond() - WALK_START.getEpochSecond()) / 60);
    }

    static Instant instant(int i) {
      return WALK_START.plusSeconds(60L * i);
    }
  }

  /** Matches the five fields directly against a wall clock, with nothing shared with the main code. */
  static final class Oracle {
    final boolean[] minutes;
    final boolean[] hours;
    final boolean[] days;
    final boolean[] months;
    final boolean[] weekdays;
    final boolean bothDayFieldsRestricted;
    final boolean domRestricted;
    final boolean periodicHour;

    Oracle(String cron) {
      String[] f = cron.trim().split("\\s+");
      minutes = table(f[0], 0, 59, 59);
      hours = table(f[1], 0, 23, 23);
      days = table(f[2], 1, 31, 31);
      months = table(f[3], 1, 12, 12);
      boolean[] dow = table(f[4], 0, 7, 6);
      dow[0] |= dow[7];
      weekdays = dow;
      domRestricted = !all(days, 1, 31);
      bothDayFieldsRestricted = domRestricted && !all(weekdays, 0, 6);
      boolean periodic = true;
      for (String item : f[1].split(",")) {
        periodic &= item.equals("*") || item.contains("/");
      }
      periodicHour = periodic;
    }

    static List<Instant> fires(String cron, Walk w, int from, int to) {
      Oracle o = new Oracle(cron);
      List<Instant> fires = new ArrayList<>();
      for (int i = from; i < to; i++) {
        boolean fire = o.matches(w.minute[i], w.hour[i], w.dayOfMonth[i], w.month[i], w.dayOfWeek[i])
            && (o.periodicHour || !w.secondPass[i]);
        if (!fire && !o.periodicHour && i > 0 && w.local[i] - w.local[i - 1] > 1) {
          // the wall clock jumped: a time of day that was skipped fires now
          for (long m = w.local[i - 1] + 1; m < w.local[i] && !fire; m++) {
            LocalDateTime l = LocalDateTime.ofEpochSecond(m * 60, 0, ZoneOffset.UTC);
            fire = o.matches(l.getMinute(), l.getHour(), l.getDayOfMonth(), l.getMonthValue(),
                l.getDayOfWeek().getValue() % 7);
          }
        }
        if (fire) {
          fires.add(Walk.instant(i));
        }
      }
      return fires;
    }

    boolean matches(int minute, int hour, int dom, int month, int dow) {
      if (!minutes[minute] || !hours[hour] || !months[month]) {
        return false;
      }
      return bothDayFieldsRestricted ? days[dom] || weekdays[dow] : days[dom] && weekdays[dow];
    }

    private static boolean[] table(String field, int min, int max, int starMax) {
      boolean[] table = new boolean[max + 1];
      for (String item : field.split(",")) {
        String[] stepped = item.split("/");
        int step = stepped.length > 1 ? Integer.parseInt(stepped[1]) : 1;
        int lo;
        int hi;
        if (stepped[0].equals("*")) {
          lo = min;
          hi = starMax;
        } else if (stepped[0].contains("-")) {
          lo = Integer.parseInt(stepped[0].split("-")[0]);
          hi = Integer.parseInt(stepped[0].split("-")[1]);
        } else {
          lo = Integer.parseInt(stepped[0]);
          hi = lo;
        }
        for (int v = min; v <= max; v++) {
          table[v] |= v >= lo && v <= hi && (v - lo) % step == 0;
        }
      }
      return table;
    }

    private static boolean all(boolean[] table, int min, int max) {
      for (int v = min; v <= max; v++) {
        if (!table[v]) {
          return false;
        }
      }
      return true;
    }
  }

  /** Random valid-looking expressions, biased to the hours and days where the clocks change. */
  static final class RandomCron {
    static String next(Random r) {
      return field(r, 0, 59, new int[] {0, 15, 30, 45, 59}) + " "
          + field(r, 0, 23, new int[] {0, 1, 2, 3, 23}) + " "
          + field(r, 1, 31, new int[] {1, 3, 10, 27, 31}) + " "
          + (r.nextInt(3) == 0 ? field(r, 1, 12, new int[] {3, 10, 11}) : "*") + " "
          + field(r, 0, 7, new int[] {0, 7, 1, 6});
    }

    private static String field(Random r, int min, int max, int[] favourites) {
      if (r.nextInt(3) == 0) {
        return r.nextBoolean() ? "*" : "*/" + (1 + r.nextInt(Math.min(max - min, 12)));
      }
      StringBuilder out = new StringBuilder();
      int items = 1 + r.nextInt(3);
      for (int i = 0; i < items; i++) {
        if (i > 0) {
          out.append(',');
        }
        int a = r.nextBoolean() ? favourites[r.nextInt(favourites.length)] : min + r.nextInt(max - min + 1);
        switch (r.nextInt(4)) {
          case 0, 1 -> out.append(a);
          case 2 -> out.append(a).append('-').append(a + r.nextInt(max - a + 1));
          default -> out.append(a).append('-').append(a + r.nextInt(max - a + 1))
              .append('/').append(1 + r.nextInt(Math.min(max - min, 6)));
        }
      }
      return out.toString();
    }
  }

  @Test
  void oracleSeesTheClockChanges() {
    Walk ny = WALKS.computeIfAbsent("America/New_York", z -> new Walk(ZoneId.of(z)));
    int secondPasses = 0;
    for (boolean b : ny.secondPass) {
      secondPasses += b ? 1 : 0;
    }
    assertTrue(secondPasses == 120, "two repeated hours in two years, found " + secondPasses + " minutes");
    assertTrue(LocalDate.of(2024, 3, 10).equals(
        LocalDateTime.ofEpochSecond(ny.local[ny.index(Instant.parse("2024-03-10T07:00:00Z"))] * 60, 0,
            ZoneOffset.UTC).toLocalDate()));
  }
}
