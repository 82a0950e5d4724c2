package dev.vigil.schedule;

import java.time.Instant;

/**
 * One line of the run ledger (SEMANTICS §2.12). A run appends {@code running} when it starts and its final
 * state when it ends; a {@code running} line with no final line after it is a run that died.
 *
 * @param indexedThrough for a run that searched: the latest index time of the events it could see (every event
 *                       indexed later was not searched, {@link dev.vigil.store.IndexTimes}); null otherwise
 * @param notables       the notables the run raised
 * @param suppressed     the new notables that throttling suppressed
 */
public record RunRecord(String rule, Instant scheduled, Instant earliest, Instant latest, State state, long rows,
                        long riskEvents, long durationMillis, String error, Instant recorded, Instant indexedThrough,
                        long notables, long suppressed) {
  /** A record of a run that did not search, or from before index times were recorded. */
  public RunRecord(String rule, Instant scheduled, Instant earliest, Instant latest, State state, long rows,
                   long riskEvents, long durationMillis, String error, Instant recorded) {
    this(rule, scheduled, earliest, latest, state, rows, riskEvents, durationMillis, error, recorded, null);
  }

  /** A record of a run that raised no notables. */
  public RunRecord(String rule, Instant scheduled, Instant earliest, Instant latest, State state, long rows,
                   long riskEvents, long durationMillis, String error, Instant recorded, Instant indexedThrough) {
    this(rule, scheduled, earliest, latest, state, rows, riskEvents, durationMillis, error, recorded, indexedThrough,
        0, 0);
  }

  public enum State {
    RUNNING("running"), OK("ok"), CAUGHT_UP("caught-up"), FAILED("failed"), SKIPPED("skipped"),
    /**
     * A window searched again because events arrived in it after it ran ({@code vigil late --rerun}, or the
     * daemon's {@code late.rerun}); its risk events keep their ids, so only the new ones are written.
     */
    RERUN("rerun"),
    /**
     * A run by hand ({@code vigil run}) that wrote risk events: recorded so that every risk event traces back to a
     * run, but never taken as the scheduled run of its time, as a saved search run by hand in Splunk leaves
     * the scheduler alone.
     */
    MANUAL("manual");

    private final String label;

    State(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }

    public static State of(String label) {
      for (State s : values()) {
        if (s.label.equals(label)) {
          return s;
        }
      }
      throw new IllegalArgumentException("unknown run state '" + label + "'");
    }

    /** A window that finished (well or not) is never run again by the scheduler. */
    public boolean finished() {
      return this != RUNNING;
    }

    /** A window searched to its end: it counts towards coverage. */
    public boolean searched() {
      return this == OK || this == CAUGHT_UP || this == RERUN;
    }

    /** Whether the scheduler wrote this state, as opposed to a run by hand. */
    public boolean scheduled() {
      return this != MANUAL;
    }
  }
}
