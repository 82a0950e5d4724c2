package dev.vigil.report;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The horizontal scale the report's charts share: a period mapped onto {@code [left, left + width]} pixels. */
final class TimeAxis {
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MMM d", Locale.ROOT);
  private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);

  private final Period period;
  private final ZoneId zone;
  private final double left;
  private final double width;

  /** A labelled tick at a round local time: midnights, or hours in a short period. */
  record Tick(double x, String label) {}

  TimeAxis(Period period, ZoneId zone, double left, double width) {
    this.period = period;
    this.zone = zone;
    this.left = left;
    this.width = width;
  }

  /** The x of {@code t}, held inside the axis. */
  double x(Instant t) {
    double span = period.length().toMillis();
    double offset = Duration.between(period.start(), t).toMillis();
    return left + width * Math.max(0, Math.min(1, span == 0 ? 0 : offset / span));
  }

  /** Ticks at local round times, few enough to label: every 3 hours in a day, 12 in four, else days or weeks. */
  List<Tick> ticks() {
    Duration length = period.length();
    int hours = length.compareTo(Duration.ofHours(26)) <= 0 ? 3 : length.compareTo(Duration.ofDays(4)) <= 0 ? 12 : 0;
    int days = length.compareTo(Duration.ofDays(16)) <= 0 ? 1 : 7;
    List<Tick> ticks = new ArrayList<>();
    ZonedDateTime t = period.start().atZone(zone).truncatedTo(ChronoUnit.DAYS);
    while (!t.toInstant().isAfter(period.end())) {
      if (!t.toInstant().isBefore(period.start())) {
        boolean midnight = t.getHour() == 0 && t.getMinute() == 0;
        ticks.add(new Tick(x(t.toInstant()), (midnight ? DAY : HOUR).format(t)));
      }
      t = hours > 0 ? t.plusHours(hours) : t.plusDays(days);
    }
    return ticks;
  }
}
