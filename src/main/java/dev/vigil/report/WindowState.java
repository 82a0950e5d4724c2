package dev.vigil.report;

import dev.vigil.schedule.RunRecord;

/**
 * What became of a scheduled time of a rule in the report: its run's latest state in the ledger, or, with no
 * run, a gap while the rule was enabled and disabled otherwise.
 */
public enum WindowState {
  OK("ok", "searched at its scheduled time"),
  CAUGHT_UP("caught-up", "missed while Vigil was down, searched later with its own window"),
  RERUN("rerun", "searched again for events that arrived late"),
  FAILED("failed", "the run failed: its window was not searched"),
  SKIPPED("skipped", "skipped (skip mode, or the previous run still going)"),
  RUNNING("running", "started and not finished: still running, or it died"),
  GAP("gap", "no run recorded although the rule was enabled"),
  DISABLED("disabled", "the rule was disabled");

  private final String label;
  private final String meaning;

  WindowState(String label, String meaning) {
    this.label = label;
    this.meaning = meaning;
  }

  /** The name people read, also the CSS class suffix of its colour. */
  public String label() {
    return label;
  }

  public String meaning() {
    return meaning;
  }

  /** The state a run's latest ledger record gives its scheduled time. */
  static WindowState of(RunRecord.State state) {
    return switch (state) {
      case OK -> OK;
      case CAUGHT_UP -> CAUGHT_UP;
      case RERUN -> RERUN;
      case FAILED -> FAILED;
      case SKIPPED -> SKIPPED;
      case RUNNING -> RUNNING;
      case MANUAL -> throw new IllegalArgumentException("a run by hand is no scheduled run");
    };
  }
}
