package dev.vigil.ingest;

import java.util.HashMap;
import java.util.Map;

/** The running counts of one read. */
final class Tally {
  private final Map<String, Long> skipped = new HashMap<>();
  private long events;
  private long errors;

  void event() {
    events++;
  }

  void skipped(String kind) {
    skipped.merge(kind, 1L, Long::sum);
  }

  void error() {
    errors++;
  }

  ReadSummary summary() {
    return new ReadSummary(events, skipped, errors);
  }
}
