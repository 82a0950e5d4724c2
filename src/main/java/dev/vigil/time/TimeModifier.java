package dev.vigil.time;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Objects;

/**
 * A Splunk time modifier such as {@code -70m@m}, {@code @w1}, {@code 0} or {@code 11/27/2026:13:50:00}
 * (SEMANTICS §1). Immutable; parse once at load time, resolve once per run against the run's scheduled time.
 *
 * <p>Real-time modifiers ({@code rt}, {@code rt-5m}) are rejected: Vigil only runs historical searches.
 */
public final class TimeModifier {
  private final String text;
  private final Anchor anchor;
  private final List<Step> steps;

  /** Where the steps start from. */
  sealed interface Anchor {
    ZonedDateTime start(Instant now, ZoneId zone);
  }

  record Now() implements Anchor {
    @Override
    public ZonedDateTime start(Instant now, ZoneId zone) {
      return now.atZone(zone);
    }
  }

  record Epoch(long seconds) implements Anchor {
    @Override
    public ZonedDateTime start(Instant now, ZoneId zone) {
      return Instant.ofEpochSecond(seconds).atZone(zone);
    }
  }

  /** An absolute wall-clock time, read in the configured zone like every other calendar value (§1.5). */
  record Absolute(LocalDateTime local) implements Anchor {
    @Override
    public ZonedDateTime start(Instant now, ZoneId zone) {
      return local.atZone(zone);
    }
  }

  TimeModifier(String text, Anchor anchor, List<Step> steps) {
    this.text = Objects.requireNonNull(text, "text");
    this.anchor = Objects.requireNonNull(anchor, "anchor");
    this.steps = List.copyOf(steps);
  }

  /**
   * Parses the whole grammar of SEMANTICS §1.1.
   *
   * @throws TimeModifierException with the column of the offending character
   */
  public static TimeModifier parse(String text) {
    return new TimeModifierParser(Objects.requireNonNull(text, "text")).parse();
  }

  /** Applies the terms strictly left to right (§1.2) in {@code zone}, starting at {@code now}. */
  public Instant resolve(Instant now, ZoneId zone) {
    ZonedDateTime t = anchor.start(Objects.requireNonNull(now, "now"), Objects.requireNonNull(zone, "zone"));
    for (Step step : steps) {
      t = step.apply(t);
    }
    return t.toInstant();
  }

  /** {@code earliest=0}: the window has no lower bound (§1.4). */
  public boolean isAllTime() {
    return anchor instanceof Epoch epoch && epoch.seconds() == 0 && steps.isEmpty();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TimeModifier other && text.equals(other.text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }

  /** The text as written, so that logs and {@code vigil explain} show what the author wrote. */
  @Override
  public String toString() {
    return text;
  }
}
