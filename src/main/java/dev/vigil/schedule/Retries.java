package dev.vigil.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * How a failed scheduled run is tried again: after {@code firstBackoff}, then twice as long each time up to an
 * hour, until {@code attempts} runs of the window have failed. Until one succeeds the window stays a gap.
 */
public record Retries(int attempts, Duration firstBackoff) {
  static final Duration LONGEST_BACKOFF = Duration.ofHours(1);

  public Retries {
    if (attempts < 1) {
      throw new IllegalArgumentException("retry attempts must be at least 1, not " + attempts);
    }
  }

  /** When the window may run again after {@code failures} failed runs, the last at {@code lastFailure}; empty when no more. */
  public Optional<Instant> nextAttempt(long failures, Instant lastFailure) {
    if (failures >= attempts) {
      return Optional.empty();
    }
    Duration wait = firstBackoff;
    for (long i = 1; i < failures && wait.compareTo(LONGEST_BACKOFF) < 0; i++) {
      wait = wait.multipliedBy(2);
    }
    return Optional.of(lastFailure.plus(wait.compareTo(LONGEST_BACKOFF) < 0 ? wait : LONGEST_BACKOFF));
  }
}
