package dev.vigil.report;

import java.time.Duration;
import java.time.Instant;

/** A stretch of time {@code [start, end)}; {@link Instant#MIN} and {@link Instant#MAX} stand for no bound. */
public record Period(Instant start, Instant end) {
  public Period {
    if (end.isBefore(start)) {
      throw new IllegalArgumentException("a period cannot end (" + end + ") before it starts (" + start + ")");
    }
  }

  public boolean contains(Instant t) {
    return !t.isBefore(start) && t.isBefore(end);
  }

  /** The part of this period inside {@code other}, which is empty (start = end) when they do not meet. */
  public Period within(Period other) {
    Instant from = start.isAfter(other.start) ? start : other.start;
    Instant to = end.isBefore(other.end) ? end : other.end;
    return to.isAfter(from) ? new Period(from, to) : new Period(from, from);
  }

  public boolean isEmpty() {
    return start.equals(end);
  }

  public Duration length() {
    return Duration.between(start, end);
  }
}
