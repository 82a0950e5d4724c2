package dev.vigil.time;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;

/**
 * The time range a run searches: {@code earliest <= _time < latest} (SEMANTICS §1.4). An empty window
 * ({@code earliest == latest}) is allowed; a reversed one is not.
 */
public record Window(Instant earliest, Instant latest) {
  public Window {
    Objects.requireNonNull(earliest, "earliest");
    Objects.requireNonNull(latest, "latest");
    if (latest.isBefore(earliest)) {
      throw new IllegalArgumentException("window latest " + latest + " is before earliest " + earliest);
    }
  }

  /**
   * Resolves both modifiers against the same {@code now} (a run's scheduled time, §2.6).
   *
   * @throws IllegalArgumentException naming both modifiers when latest resolves before earliest (§1.6)
   */
  public static Window of(TimeModifier earliest, TimeModifier latest, Instant now, ZoneId zone) {
    Instant from = earliest.resolve(now, zone);
    Instant to = latest.resolve(now, zone);
    if (to.isBefore(from)) {
      throw new IllegalArgumentException("latest=" + latest + " (" + to + ") is earlier than earliest="
          + earliest + " (" + from + ") at now=" + now + " in " + zone);
    }
    return new Window(from, to);
  }

  /** {@link #of} for texts straight from configuration; parse errors carry a caret. */
  public static Window resolve(String earliest, String latest, Instant now, ZoneId zone) {
    return of(TimeModifier.parse(earliest), TimeModifier.parse(latest), now, zone);
  }

  public boolean contains(Instant t) {
    return !t.isBefore(earliest) && t.isBefore(latest);
  }
}
