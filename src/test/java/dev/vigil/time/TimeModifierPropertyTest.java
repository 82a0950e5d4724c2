package dev.vigil.time;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Random modifiers against a deliberately plain reference evaluator: epoch-second arithmetic for s/m/h,
 * hand-rolled year/month/day field arithmetic for the calendar units and snaps (SEMANTICS §1.2-1.5).
 * Replay a failure with {@code -Dvigil.seed=<seed from the message>}.
 */
class TimeModifierPropertyTest {
  private static final long SEED = Long.getLong("vigil.seed", new Random().nextLong());
  private static final int CASES = 20_000;
  private static final String[][] ALIASES = {
      {"s", "sec", "secs", "second", "seconds"},
      {"m", "min", "mins", "minute", "minutes"},
      {"h", "hr", "hrs", "hour", "hours"},
      {"d", "day", "days"},
      {"w", "week", "weeks"},
      {"mon", "month", "months"},
      {"q", "qtr", "qtrs", "quarter", "quarters"},
      {"y", "yr", "yrs", "year", "years"}};
  private static final int[] MAX_AMOUNT = {200_000, 5_000, 500, 400, 60, 30, 12, 5};

  // SEMANTICS §1.2 left to right, §1.3 snaps, §1.5 exact vs calendar units
  @ParameterizedTest
  @ValueSource(strings = {"UTC", "America/New_York"})
  void agreesWithReference(String zoneId) {
    ZoneId zone = ZoneId.of(zoneId);
    Random random = new Random(SEED ^ zoneId.hashCode());
    for (int i = 0; i < CASES; i++) {
      String modifier = randomModifier(random);
      Instant now = randomNow(random);
      Instant expected = reference(modifier, now, zone);
      Instant actual = TimeModifier.parse(modifier).resolve(now, zone);
      assertEquals(expected, actual, () -> "seed " + SEED + ": '" + modifier + "' at " + now + " in " + zone);
    }
  }

  private static String randomModifier(Random random) {
    StringBuilder text = new StringBuilder();
    int terms = 1 + random.nextInt(4);
    for (int t = 0; t < terms; t++) {
      int unit = random.nextInt(ALIASES.length);
      String alias = ALIASES[unit][random.nextInt(ALIASES[unit].length)];
      if (random.nextInt(5) < 3) {
        text.append(random.nextBoolean() ? '-' : '+');
        if (random.nextInt(4) > 0) {
          text.append(random.nextInt(MAX_AMOUNT[unit] + 1));
        }
        text.append(alias);
      } else if (unit == 4 && random.nextBoolean()) {
        text.append("@w").append(random.nextInt(8));
      } else {
        text.append('@').append(alias);
      }
    }
    return text.toString();
  }

  /** Mostly 2000-2040, a third of the cases within three days of a New York clock change. */
  private static Instant randomNow(Random random) {
    if (random.nextInt(3) == 0) {
      int year = 2000 + random.nextInt(40);
      Instant change = ZoneId.of("America/New_York").getRules()
          .nextTransition(LocalDate.of(year, random.nextBoolean() ? 1 : 7, 1).atStartOfDay().toInstant(ZoneOffset.UTC))
          .getInstant();
      return change.plusSeconds(random.nextInt(6 * 86_400) - 3 * 86_400).plusMillis(random.nextInt(2) * 500);
    }
    return Instant.ofEpochSecond(946_684_800L + (long) (random.nextDouble() * 40 * 365 * 86_400),
        random.nextInt(3) == 0 ? random.nextInt(1_000_000_000) : 0);
  }

  // ---- the reference: a tiny scanner and field arithmetic, no ZonedDateTime.plus*/truncatedTo ----

  static Instant reference(String text, Instant now, ZoneId zone) {
    Instant t = now;
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i++);
      int start = i;
      while (i < text.length() && Character.isDigit(text.charAt(i))) {
        i++;
      }
      long amount = i > start ? Long.parseLong(text.substring(start, i)) : 1;
      int unitStart = i;
      while (i < text.length() && Character.isLetter(text.charAt(i))) {
        i++;
      }
      int unit = unitIndex(text.substring(unitStart, i));
      if (c == '@') {
        int weekday = 0;
        if (unit == 4 && i < text.length() && Character.isDigit(text.charAt(i))) {
          weekday = text.charAt(i++) - '0';
        }
        t = snap(t, unit, weekday % 7, zone);
      } else {
        t = add(t, c == '-' ? -amount : amount, unit, zone);
      }
    }
    return t;
  }

  private static int unitIndex(String alias) {
    for (int u = 0; u < ALIASES.length; u++) {
      for (String a : ALIASES[u]) {
        if (a.equals(alias)) {
          return u;
        }
      }
    }
    throw new AssertionError("alias " + alias);
  }

  private static Instant add(Instant t, long n, int unit, ZoneId zone) {
    long[] seconds = {1, 60, 3600};
    if (unit <= 2) {
      return Instant.ofEpochSecond(t.getEpochSecond() + n * seconds[unit], t.getNano());
    }
    LocalDateTime local = LocalDateTime.ofInstant(t, zone);
    LocalDate date = local.toLocalDate();
    LocalDate moved;
    if (unit == 3 || unit == 4) {
      moved = LocalDate.ofEpochDay(date.toEpochDay() + n * (unit == 3 ? 1 : 7));
    } else {
      long months = date.getYear() * 12L + date.getMonthValue() - 1 + n * (unit == 5 ? 1 : unit == 6 ? 3 : 12);
      YearMonth ym = YearMonth.of((int) Math.floorDiv(months, 12), Math.floorMod(months, 12) + 1);
      moved = ym.atDay(Math.min(date.getDayOfMonth(), ym.lengthOfMonth()));
    }
    return toInstant(LocalDateTime.of(moved, local.toLocalTime()), zone, t);
  }

  private static Instant snap(Instant t, int unit, int weekday, ZoneId zone) {
    LocalDateTime l = LocalDateTime.ofInstant(t, zone);
    int y = l.getYear();
    int mo = l.getMonthValue();
    int d = l.getDayOfMonth();
    LocalDateTime floor = switch (unit) {
      case 0 -> LocalDateTime.of(y, mo, d, l.getHour(), l.getMinute(), l.getSecond());
      case 1 -> LocalDateTime.of(y, mo, d, l.getHour(), l.getMinute());
      case 2 -> LocalDateTime.of(y, mo, d, l.getHour(), 0);
      case 3 -> LocalDateTime.of(y, mo, d, 0, 0);
      case 4 -> {
        // 1970-01-04 was a Sunday: count days since a Sunday instead of asking for DayOfWeek
        long epochDay = l.toLocalDate().toEpochDay();
        long sundayBased = Math.floorMod(epochDay - 3, 7);
        yield LocalDate.ofEpochDay(epochDay - Math.floorMod(sundayBased - weekday, 7)).atStartOfDay();
      }
      case 5 -> LocalDateTime.of(y, mo, 1, 0, 0);
      case 6 -> LocalDateTime.of(y, mo - (mo - 1) % 3, 1, 0, 0);
      default -> LocalDateTime.of(y, 1, 1, 0, 0);
    };
    return toInstant(floor, zone, t);
  }

  /** In a repeated hour keep the offset in force at {@code before} when it is valid (java.time's rule, §1.5). */
  private static Instant toInstant(LocalDateTime local, ZoneId zone, Instant before) {
    return ZonedDateTime.ofLocal(local, zone, zone.getRules().getOffset(before)).toInstant();
  }
}
