package dev.vigil.time;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The facts {@code vigil explain} states about a schedule, and that {@code vigil report} shows beside a rule's
 * coverage: the scheduled times and their windows, how consecutive windows meet, the Quartz expressions, the
 * daylight-saving changes (SEMANTICS §2.5) and the day-field decision (§2.3). Times in the text are ISO-8601 with
 * the zone's offset.
 */
public record ScheduleExplanation(CronSchedule schedule, TimeModifier earliest, TimeModifier latest, ZoneId zone) {
  /** One run: its scheduled time and the window it searches. */
  public record Run(Instant scheduled, Window window) {}

  /** How a window relates to the next one; {@code amount} is zero when they touch. */
  public record Relation(Kind kind, Duration amount) {
    public enum Kind { TOUCH, GAP, OVERLAP }

    public static Relation between(Window current, Window next) {
      if (next.earliest().equals(current.latest())) {
        return new Relation(Kind.TOUCH, Duration.ZERO);
      }
      if (next.earliest().isAfter(current.latest())) {
        return new Relation(Kind.GAP, Duration.between(current.latest(), next.earliest()));
      }
      Instant start = max(current.earliest(), next.earliest());
      Instant end = min(current.latest(), next.latest());
      return new Relation(Kind.OVERLAP, end.isAfter(start) ? Duration.between(start, end) : Duration.ZERO);
    }

    @Override
    public String toString() {
      return switch (kind) {
        case TOUCH -> "touches the next";
        case GAP -> "gap of " + ScheduleExplanation.amount(amount) + " before the next";
        case OVERLAP -> "overlaps the next by " + ScheduleExplanation.amount(amount);
      };
    }
  }

  /**
   * A daylight-saving change of the zone and what §2.5 makes of it for this schedule.
   *
   * @param meaning e.g. "the hour repeats; a time of day fires on the first pass only (SEMANTICS §2.5)"
   */
  public record DaylightSavingChange(ZoneOffsetTransition transition, String meaning) {
    /** E.g. "2024-03-10T02:00 -05:00 -> 2024-03-10T03:00 -04:00: the hour is skipped; …". */
    @Override
    public String toString() {
      return transition.getDateTimeBefore() + " " + transition.getOffsetBefore() + " -> "
          + transition.getDateTimeAfter() + " " + transition.getOffsetAfter() + ": " + meaning;
    }
  }

  /** The first {@code count} runs scheduled at or after {@code start}. */
  public List<Run> runsFrom(Instant start, int count) {
    List<Run> runs = new ArrayList<>(count);
    Instant t = schedule.nextFireAfter(start.minusNanos(1), zone);
    for (int i = 0; i < count; i++, t = schedule.nextFireAfter(t, zone)) {
      runs.add(run(t));
    }
    return runs;
  }

  /** Every run scheduled in {@code [fromInclusive, toExclusive)}, oldest first. */
  public List<Run> runsBetween(Instant fromInclusive, Instant toExclusive) {
    return schedule.fireTimesBetween(fromInclusive, toExclusive, zone).stream().map(this::run).toList();
  }

  private Run run(Instant scheduled) {
    return new Run(scheduled, Window.of(earliest, latest, scheduled, zone));
  }

  /**
   * How Vigil hands the schedule to Quartz: the expressions whose union is the schedule in a fixed-offset zone
   * (SEMANTICS §2.4), or empty in a zone with daylight saving, where it sets one trigger at a time.
   */
  public List<String> quartz() {
    return zone.getRules().isFixedOffset() ? QuartzCron.toQuartz(schedule) : List.of();
  }

  /** The daylight-saving changes from the first run's window to the last run's scheduled time. */
  public List<DaylightSavingChange> daylightSaving(List<Run> runs) {
    if (runs.isEmpty()) {
      return List.of();
    }
    Instant first = runs.get(0).window().earliest();
    Instant last = runs.get(runs.size() - 1).scheduled();
    List<DaylightSavingChange> changes = new ArrayList<>();
    for (ZoneOffsetTransition tr = zone.getRules().nextTransition(first); tr != null && !tr.getInstant().isAfter(last);
        tr = zone.getRules().nextTransition(tr.getInstant())) {
      changes.add(new DaylightSavingChange(tr, (tr.isGap()
          ? "the hour is skipped; " + (schedule.hourPeriodic() ? "an hourly or stepped hour field does not fire in it"
              : "a time of day in it fires when the clock resumes")
          : "the hour repeats; " + (schedule.hourPeriodic() ? "an hourly or stepped hour field fires on both passes"
              : "a time of day fires on the first pass only"))
          + " (SEMANTICS §2.5)"));
    }
    return changes;
  }

  /** Whether both day fields are restricted, so that the [Vigil] decision of §2.3 (either matches) applies. */
  public boolean bothDayFieldsRestricted() {
    return schedule.dayOfMonthRestricted() && schedule.dayOfWeekRestricted();
  }

  /** A day the schedule fires on and which day field made it match. */
  public record MatchingDay(LocalDate date, boolean byDayOfMonth, boolean byDayOfWeek) {
    /** E.g. "2024-05-06 Mon (day-of-week)". */
    @Override
    public String toString() {
      return date + " " + date.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ROOT) + " ("
          + (byDayOfMonth && byDayOfWeek ? "both" : byDayOfMonth ? "day-of-month" : "day-of-week") + ")";
    }
  }

  /** Up to {@code count} days from {@code from} on that the schedule fires on, looking two years ahead. */
  public List<MatchingDay> matchingDays(LocalDate from, int count) {
    List<MatchingDay> days = new ArrayList<>();
    for (LocalDate d = from; days.size() < count && d.isBefore(from.plusYears(2)); d = d.plusDays(1)) {
      if (schedule.matchesDay(d)) {
        days.add(new MatchingDay(d, schedule.daysOfMonth().contains(d.getDayOfMonth()),
            schedule.daysOfWeek().contains(d.getDayOfWeek().getValue() % 7)));
      }
    }
    return days;
  }

  /** E.g. "48 windows cover 2024-03-08T22:50:00-05:00 .. 2024-03-10T23:50:00-04:00 with no gap and no overlap". */
  public static String summary(List<Run> runs, ZoneId zone) {
    int gaps = 0;
    int overlaps = 0;
    Duration uncovered = Duration.ZERO;
    Duration overlapping = Duration.ZERO;
    for (int i = 0; i + 1 < runs.size(); i++) {
      Relation r = Relation.between(runs.get(i).window(), runs.get(i + 1).window());
      if (r.kind() == Relation.Kind.GAP) {
        gaps++;
        uncovered = uncovered.plus(r.amount());
      } else if (r.kind() == Relation.Kind.OVERLAP) {
        overlaps++;
        overlapping = overlapping.plus(r.amount());
      }
    }
    Instant first = runs.stream().map(r -> r.window().earliest()).min(Instant::compareTo).orElseThrow();
    Instant last = runs.stream().map(r -> r.window().latest()).max(Instant::compareTo).orElseThrow();
    String n = runs.size() == 1 ? "1 window" : runs.size() + " windows";
    String verb = gaps == 0 ? (runs.size() == 1 ? " covers " : " cover ") : (runs.size() == 1 ? " spans " : " span ");
    return n + verb + iso(first, zone) + " .. " + iso(last, zone) + " with "
        + (gaps == 0 ? "no gap" : plural(gaps, "gap") + " (" + amount(uncovered) + " uncovered)") + " and "
        + (overlaps == 0 ? "no overlap" : plural(overlaps, "overlap") + " (" + amount(overlapping)
            + " searched more than once)");
  }

  /** Whole minutes as "40 minutes"; anything finer in seconds. */
  public static String amount(Duration d) {
    if (d.toSecondsPart() == 0 && d.toNanosPart() == 0) {
      return plural(d.toMinutes(), "minute");
    }
    return plural(d.getSeconds(), "second");
  }

  /** ISO-8601 with the zone's offset ({@code 2024-05-15T14:00:00-04:00}, or {@code …Z} in UTC), as Vigil prints times. */
  public static String iso(Instant t, ZoneId zone) {
    return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t.atZone(zone));
  }

  private static String plural(long n, String unit) {
    return n + " " + unit + (n == 1 ? "" : "s");
  }

  private static Instant max(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }
}
