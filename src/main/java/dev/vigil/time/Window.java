package dev.vigil.time;

import java.time.Instant;

/** A search window: earliest inclusive, latest exclusive (SEMANTICS §1.4). */
public record Window(Instant earliest, Instant latest) {
  public boolean contains(Instant t) {
    return !t.isBefore(earliest) && t.isBefore(latest);
  }
}
