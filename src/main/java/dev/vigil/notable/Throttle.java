package dev.vigil.notable;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.store.NdjsonLog;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * Splunk's throttling of a rule's notables (docs/rba.md, "Throttling"): a notable is suppressed when the rule
 * raised one with the same {@link #KEY} (the values of its {@code alert.suppress.fields}) at a scheduled time
 * {@code t'} with {@code t' <= t < t' + period}. The times come from the notables file, read as it grows, so
 * throttling holds across restarts and between processes.
 */
final class Throttle implements NdjsonLog.Lines {
  /** The field of a throttled rule's notables that holds the values it is throttled on. */
  static final String KEY = "throttle_key";

  private final Map<String, TreeSet<Long>> raised = new HashMap<>();

  @Override
  public void line(long number, JsonNode notable) {
    if (notable.hasNonNull(KEY)) {
      times(notable.path("rule_id").asText(), notable.get(KEY).asText()).add(notable.path("_time").asLong());
    }
  }

  @Override
  public void restart() {
    raised.clear();
  }

  /** Whether {@code notable} goes through; one that does counts for the notables after it. */
  boolean admits(Notable notable, Duration period) {
    Object key = notable.fields().get(KEY);
    if (key == null) {
      return true;
    }
    long time = ((Number) notable.fields().get("_time")).longValue();
    TreeSet<Long> times = times(String.valueOf(notable.fields().get("rule_id")), key.toString());
    Long before = times.floor(time);
    if (before != null && time < before + period.toSeconds()) {
      return false;
    }
    times.add(time);
    return true;
  }

  private TreeSet<Long> times(String rule, String key) {
    return raised.computeIfAbsent(rule + "\u0000" + key, k -> new TreeSet<>());
  }
}
