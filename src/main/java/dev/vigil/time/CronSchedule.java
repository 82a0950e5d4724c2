package dev.vigil.time;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.TextStyle;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Locale;
import java.util.Objects;
import java.util.SortedSet;
import java.util.StringJoiner;
import java.util.TreeSet;

/**
 * A Splunk {@code cron_schedule}: five numeric fields, Vixie steps, 0 and 7 = Sunday (SEMANTICS §2.1-2.3).
 * Immutable; the expanded value sets are exposed for {@code vigil explain}.
 *
 * <p><b>Day fields [Vigil].</b> A day field is <i>restricted</i> when its value set is not the whole range.
 * When both are restricted a day matches if either does (§2.3); otherwise the restricted one decides. This
 * differs from Vixie in one corner: Vixie treats any field that starts with {@code *} (e.g. {@code *}{@code /2})
 * as unrestricted and then ANDs; we go by the values, which is what {@code explain} prints and what Quartz
 * can express as a union of two triggers (§2.4).
 *
 * <p><b>Daylight saving [Vigil, §2.5].</b> The fields are matched against the wall clock of the zone. The
 * hour field is <i>periodic</i> when each of its list items is {@code *} or a step: such a schedule means
 * "every so often" and fires on both passes of a repeated hour and not at all in a skipped one. Any other
 * hour field names a time of day: it fires once in a repeated hour (the first pass), and a time that falls in
 * a skipped hour fires at the first instant after the gap.
 */
public final class CronSchedule {
  /** Long enough for February 29 to come round again (2096 to 2104 has no leap day). */
  private static final long SEARCH_YEARS = 10;

  private final String text;
  private final long minutes;
  private final long hours;
  private final long daysOfMonth;
  private final long months;
  private final long daysOfWeek;
  private final boolean hourPeriodic;

  CronSchedule(String text, long minutes, long hours, long daysOfMonth, long months, long daysOfWeek,
      boolean hourPeriodic) {
    this.text = Objects.requireNonNull(text, "text");
    this.minutes = minutes;
    this.hours = hours;
    this.daysOfMonth = daysOfMonth;
    this.months = months;
    this.daysOfWeek = daysOfWeek;
    this.hourPeriodic = hourPeriodic;
  }

  /**
   * Parses a five-field Splunk cron expression.
   *
   * @throws CronException with a caret under the offending character
   */
  public static CronSchedule parse(String text) {
    return new CronParser(Objects.requireNonNull(text, "text")).parse();
  }

  /** Whether the wall-clock minute {@code local} (seconds ignored) is one of the schedule's. */
  public boolean matches(LocalDateTime local) {
    return has(minutes, local.getMinute()) && has(hours, local.getHour()) && matchesDay(local.toLocalDate());
  }

  /** Whether the schedule fires at some time of {@code date}: month, and the day fields per §2.3. */
  public boolean matchesDay(LocalDate date) {
    if (!has(months, date.getMonthValue())) {
      return false;
    }
    boolean dom = has(daysOfMonth, date.getDayOfMonth());
    boolean dow = has(daysOfWeek, date.getDayOfWeek().getValue() % 7);
    return dayOfMonthRestricted() && dayOfWeekRestricted() ? dom || dow : dom && dow;
  }

  /**
   * The first fire time strictly after {@code after}, by the rules of §2.5 in {@code zone}.
   *
   * <p>Walks the zone's offset segments (one per daylight-saving change) and, inside each, jumps from
   * matching day to matching day and to the next set bit of hour and minute: a handful of steps per call.
   */
  public Instant nextFireAfter(Instant after, ZoneId zone) {
    ZoneRules rules = zone.getRules();
    Instant limit = after.atZone(ZoneOffset.UTC).plusYears(SEARCH_YEARS).toInstant();
    Instant t = after;
    boolean inclusive = false;
    ZoneOffsetTransition started = rules.previousTransition(after.plusNanos(1));
    while (t.isBefore(limit)) {
      ZoneOffset offset = rules.getOffset(t);
      ZoneOffsetTransition next = rules.nextTransition(t);
      LocalDateTime from = firstCandidate(LocalDateTime.ofInstant(t, offset), inclusive);
      if (!hourPeriodic && started != null && started.isOverlap() && from.isBefore(started.getDateTimeBefore())) {
        from = started.getDateTimeBefore(); // a time of day fires on the first pass only
      }
      LocalDateTime until = next != null ? next.getDateTimeBefore() : LocalDateTime.ofInstant(limit, offset);
      LocalDateTime hit = nextMatch(from, until);
      if (hit != null) {
        return hit.toInstant(offset);
      }
      if (next == null) {
        break;
      }
      if (next.isGap() && !hourPeriodic && nextMatch(next.getDateTimeBefore(), next.getDateTimeAfter()) != null) {
        return next.getInstant(); // a time of day in the skipped hour fires when the clock resumes
      }
      t = next.getInstant();
      inclusive = true;
      started = next;
    }
    throw new IllegalStateException("cron '" + text + "' does not fire within " + SEARCH_YEARS
        + " years after " + after);
  }

  /**
   * The latest fire time at or before {@code at}, looking back at most {@code lookback}: the scheduled time of
   * the run that is due at {@code at}. Looks back in doubling steps, so a frequent schedule costs little.
   */
  public Optional<Instant> latestFireAtOrBefore(Instant at, Duration lookback, ZoneId zone) {
    Instant end = at.plusNanos(1);
    Instant limit = at.minus(lookback);
    for (Duration step = Duration.ofHours(1); ; step = step.multipliedBy(2)) {
      Instant from = at.minus(step).isBefore(limit) ? limit : at.minus(step);
      List<Instant> fires = fireTimesBetween(from, end, zone);
      if (!fires.isEmpty()) {
        return Optional.of(fires.get(fires.size() - 1));
      }
      if (from.equals(limit)) {
        return Optional.empty();
      }
    }
  }

  /** Every fire time in {@code [fromInclusive, toExclusive)}, oldest first. */
  public List<Instant> fireTimesBetween(Instant fromInclusive, Instant toExclusive, ZoneId zone) {
    List<Instant> fires = new ArrayList<>();
    for (Instant t = nextFireAfter(fromInclusive.minusNanos(1), zone); t.isBefore(toExclusive);
        t = nextFireAfter(t, zone)) {
      fires.add(t);
    }
    return fires;
  }

  public SortedSet<Integer> minutes() {
    return values(minutes);
  }

  public SortedSet<Integer> hours() {
    return values(hours);
  }

  public SortedSet<Integer> daysOfMonth() {
    return values(daysOfMonth);
  }

  public SortedSet<Integer> months() {
    return values(months);
  }

  /** 0 = Sunday … 6 = Saturday; a 7 in the text is reported as 0. */
  public SortedSet<Integer> daysOfWeek() {
    return values(daysOfWeek);
  }

  public boolean dayOfMonthRestricted() {
    return daysOfMonth != CronField.DAY_OF_MONTH.all();
  }

  public boolean dayOfWeekRestricted() {
    return daysOfWeek != CronField.DAY_OF_WEEK.all();
  }

  /** True when the hour field is {@code *} or steps only: fires on both passes of a repeated hour (§2.5). */
  public boolean hourPeriodic() {
    return hourPeriodic;
  }

  /** One line for {@code vigil explain}, e.g. {@code minute 0 | hour 9 | days: day-of-month 1-7 or Mon | month *}. */
  public String describe() {
    String days;
    if (dayOfMonthRestricted() && dayOfWeekRestricted()) {
      days = "day-of-month " + ranges(daysOfMonth, CronField.DAY_OF_MONTH) + " or " + weekdays()
          + " (either matches)";
    } else if (dayOfWeekRestricted()) {
      days = weekdays();
    } else {
      days = "day-of-month " + ranges(daysOfMonth, CronField.DAY_OF_MONTH);
    }
    return "minute " + ranges(minutes, CronField.MINUTE) + " | hour " + ranges(hours, CronField.HOUR)
        + " | days: " + days + " | month " + ranges(months, CronField.MONTH)
        + " | repeated DST hour: " + (hourPeriodic ? "both passes" : "first pass only");
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CronSchedule other && text.equals(other.text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }

  @Override
  public String toString() {
    return text;
  }

  /** First whole minute at or after (inclusive) or strictly after {@code local}. */
  private static LocalDateTime firstCandidate(LocalDateTime local, boolean inclusive) {
    LocalDateTime minute = local.truncatedTo(ChronoUnit.MINUTES);
    return inclusive && minute.equals(local) ? minute : minute.plusMinutes(1);
  }

  /** The first matching wall-clock minute in {@code [from, until)}, or null. */
  private LocalDateTime nextMatch(LocalDateTime from, LocalDateTime until) {
    LocalDate day = from.toLocalDate();
    LocalDate last = until.toLocalDate();
    int hour = from.getHour();
    int minute = from.getMinute();
    while (!day.isAfter(last)) {
      if (!has(months, day.getMonthValue())) {
        day = day.withDayOfMonth(1).plusMonths(1);
      } else {
        if (matchesDay(day)) {
          LocalTime time = firstTimeFrom(hour, minute);
          if (time != null) {
            LocalDateTime hit = day.atTime(time);
            return hit.isBefore(until) ? hit : null;
          }
        }
        day = day.plusDays(1);
      }
      hour = 0;
      minute = 0;
    }
    return null;
  }

  private LocalTime firstTimeFrom(int hour, int minute) {
    for (int h = nextBit(hours, hour); h >= 0; h = nextBit(hours, h + 1)) {
      int m = nextBit(minutes, h == hour ? minute : 0);
      if (m >= 0) {
        return LocalTime.of(h, m);
      }
    }
    return null;
  }

  private String weekdays() {
    StringJoiner names = new StringJoiner(",");
    for (int d : values(daysOfWeek)) {
      names.add(DayOfWeek.of(d == 0 ? 7 : d).getDisplayName(TextStyle.SHORT, Locale.ROOT));
    }
    return "day-of-week " + ranges(daysOfWeek, CronField.DAY_OF_WEEK) + " (" + names + ")";
  }

  /** Compresses a set to {@code *} or runs such as {@code 1-7,15}. */
  static String ranges(long bits, CronField field) {
    if (bits == field.all()) {
      return "*";
    }
    StringJoiner out = new StringJoiner(",");
    for (int start = nextBit(bits, 0); start >= 0; ) {
      int end = start;
      while (has(bits, end + 1)) {
        end++;
      }
      out.add(end == start ? Integer.toString(start) : start + "-" + end);
      start = nextBit(bits, end + 1);
    }
    return out.toString();
  }

  private static SortedSet<Integer> values(long bits) {
    SortedSet<Integer> values = new TreeSet<>();
    for (int v = nextBit(bits, 0); v >= 0; v = nextBit(bits, v + 1)) {
      values.add(v);
    }
    return Collections.unmodifiableSortedSet(values);
  }

  private static boolean has(long bits, int value) {
    return value < 64 && (bits & (1L << value)) != 0;
  }

  private static int nextBit(long bits, int from) {
    if (from >= 64) {
      return -1;
    }
    long rest = bits & (-1L << from);
    return rest == 0 ? -1 : Long.numberOfTrailingZeros(rest);
  }
}
