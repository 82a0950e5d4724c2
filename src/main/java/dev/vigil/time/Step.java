package dev.vigil.time;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;

/** One term of a relative modifier, applied to the running time in the configured zone (SEMANTICS §1.2). */
sealed interface Step {
  ZonedDateTime apply(ZonedDateTime t);

  /** {@code +N unit} or {@code -N unit}. */
  record Offset(long amount, Unit unit) implements Step {
    @Override
    public ZonedDateTime apply(ZonedDateTime t) {
      // SEMANTICS §1.5: s, m, h are exact durations (ZonedDateTime adds time units on the instant line);
      // d and above are calendar steps that keep the wall-clock time and clamp month ends.
      return switch (unit) {
        case SECOND -> t.plus(amount, ChronoUnit.SECONDS);
        case MINUTE -> t.plus(amount, ChronoUnit.MINUTES);
        case HOUR -> t.plus(amount, ChronoUnit.HOURS);
        case DAY -> t.plusDays(amount);
        case WEEK -> t.plusWeeks(amount);
        case MONTH -> t.plusMonths(amount);
        case QUARTER -> t.plusMonths(Math.multiplyExact(amount, 3L));
        case YEAR -> t.plusYears(amount);
      };
    }
  }

  /**
   * {@code @unit}, rounding down to the start of the unit (SEMANTICS §1.3).
   *
   * @param weekday for {@link Unit#WEEK} the day the week starts on, 0 (and 7) = Sunday; ignored otherwise
   */
  record Snap(Unit unit, int weekday) implements Step {
    @Override
    public ZonedDateTime apply(ZonedDateTime t) {
      LocalDate date = t.toLocalDate();
      return switch (unit) {
        // truncatedTo keeps the current offset inside a repeated hour, so the result never passes t.
        case SECOND -> t.truncatedTo(ChronoUnit.SECONDS);
        case MINUTE -> t.truncatedTo(ChronoUnit.MINUTES);
        case HOUR -> t.truncatedTo(ChronoUnit.HOURS);
        // atStartOfDay picks the first instant of the day, even where midnight is skipped.
        case DAY -> date.atStartOfDay(t.getZone());
        case WEEK -> date.minusDays(daysSince(date.getDayOfWeek(), weekday % 7)).atStartOfDay(t.getZone());
        case MONTH -> date.withDayOfMonth(1).atStartOfDay(t.getZone());
        case QUARTER -> date.withDayOfMonth(1)
            .withMonth((date.getMonthValue() - 1) / 3 * 3 + 1)
            .atStartOfDay(t.getZone());
        case YEAR -> date.withDayOfYear(1).atStartOfDay(t.getZone());
      };
    }

    private static int daysSince(DayOfWeek today, int sundayBasedStart) {
      return (today.getValue() % 7 - sundayBasedStart + 7) % 7;
    }
  }
}
