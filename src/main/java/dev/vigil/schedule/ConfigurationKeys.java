package dev.vigil.schedule;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.commons.text.similarity.LevenshteinDistance;

/**
 * The keys each kind of configuration file may hold: a key Vigil does not know is an error, with the nearest
 * known key offered, so that a misspelt setting is never silently ignored.
 */
final class ConfigurationKeys {
  /** {@code config/vigil.yml} and {@code config/local/vigil.yml}. */
  static final Set<String> SETTINGS = Set.of("store", "store.backend", "store.opensearch", "store.opensearch.urls",
      "store.opensearch.index_prefix", "store.opensearch.username", "store.opensearch.password",
      "store.opensearch.shards", "store.opensearch.replicas", "store.opensearch.ca_file", "index", "time_zone", "risk",
      "risk.output", "catch_up",
      "catch_up.lookback", "retry", "retry.attempts", "retry.backoff", "ingest", "ingest.max_line_bytes",
      "spool", "spool.folder", "spool.every", "spool.settle", "spool.finished", "late", "late.rerun", "late.every",
      "late.within", "alerts", "alerts.hec", "alerts.hec.url", "alerts.hec.token", "alerts.hec.batch", "alerts.webhook",
      "alerts.webhook.url", "alerts.syslog", "alerts.syslog.host", "alerts.syslog.port", "alerts.syslog.transport",
      "alerts.every", "alerts.backoff", "alerts.max_backoff", "alerts.timeout");
  /** {@code config/local/rules/RULE.yml}. */
  static final Set<String> RULE_OVERRIDES = Set.of("enabled", "enabled_at", "cron_schedule", "earliest_time",
      "latest_time", "realtime_schedule", "lookback", "alert.suppress", "alert.suppress.period", "alert.suppress.fields");

  private static final LevenshteinDistance DISTANCE = LevenshteinDistance.getDefaultInstance();

  private ConfigurationKeys() {}

  /** One problem per unknown key of {@code text}, in file order: {@code file:line: unknown key 'k' (did you mean 'x'?)}. */
  static List<String> unknown(Path file, String text, Set<String> known) {
    YamlLines lines = YamlLines.of(text);
    List<String> problems = new ArrayList<>();
    for (String key : lines.paths()) {
      String parent = parent(key);
      // A list's elements are values, not keys: store.opensearch.urls[0] is a value of store.opensearch.urls.
      if (!known.contains(key) && !key.endsWith("]") && (parent.isEmpty() || known.contains(parent))) {
        problems.add(ContentException.format(file, lines.line(key), null, "unknown key '" + key + "'"
            + suggestion(key, known).map(s -> " (did you mean '" + s + "'?)").orElse("")));
      }
    }
    return problems;
  }

  /** Keys under an unknown key are not reported again: the unknown one says it all. */
  private static String parent(String key) {
    int dot = key.lastIndexOf('.');
    int bracket = key.lastIndexOf('[');
    int cut = Math.max(dot, bracket);
    return cut < 0 ? "" : key.substring(0, cut);
  }

  /** The known key nearest {@code key}, if it is near enough to be what was meant. */
  static Optional<String> suggestion(String key, Set<String> known) {
    return known.stream()
        .filter(candidate -> DISTANCE.apply(key, candidate) <= Math.max(2, key.length() / 3))
        .min(Comparator.comparingInt((String candidate) -> DISTANCE.apply(key, candidate))
            .thenComparing(Comparator.naturalOrder()));
  }
}
