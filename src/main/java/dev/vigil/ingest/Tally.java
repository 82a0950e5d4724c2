package dev.vigil.ingest;

import java.util.HashMap;
import java.util.Map;

/** The running counts of one read, or of one part of it. */
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

  /** Adds the counts of another part of the same read. */
  void add(Tally other) {
    events += other.events;
    errors += other.errors;
    other.skipped.forEach((kind, count) -> skipped.merge(kind, count, Long::sum));
  }

  long events() {
    return events;
  }

  ReadSummary summary() {
    return new ReadSummary(events, skipped, errors);
  }
}
