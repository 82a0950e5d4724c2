package dev.vigil.ingest;

import java.util.Map;
import java.util.TreeMap;

/**
 * What one read produced.
 *
 * @param events  process events handed to the sink
 * @param skipped events of other kinds (e.g. {@code Sysmon EventID 3}, {@code text}) by kind, in name order
 * @param errors  lines reported as {@link IngestProblem}s
 */
public record ReadSummary(long events, Map<String, Long> skipped, long errors) {
  public ReadSummary {
    skipped = Map.copyOf(skipped);
  }

  public long skippedTotal() {
    return skipped.values().stream().mapToLong(Long::longValue).sum();
  }

  @Override
  public String toString() {
    return events + " events, skipped " + new TreeMap<>(skipped) + ", " + errors + " errors";
  }
}
