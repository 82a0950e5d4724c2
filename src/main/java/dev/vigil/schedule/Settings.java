package dev.vigil.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;

/**
 * Installation settings from {@code config/vigil.yml}, each key overridable in {@code config/local/vigil.yml}.
 *
 * @param index     the index folder when {@code --index} is not given
 * @param zone      the zone of cron schedules, snaps and formatted times (default UTC, SEMANTICS §1.5)
 * @param riskFile  where risk events are written, relative to the index folder
 * @param lookback  how far back catch-up reaches after downtime (SEMANTICS §2.8)
 * @param retries   how failed scheduled runs are tried again
 */
public record Settings(Path index, ZoneId zone, Path riskFile, Duration lookback, Retries retries) {
  public static Settings load(Home home) {
    Settings defaults = new Settings(Path.of("index"), ZoneId.of("UTC"), Path.of("risk", "risk-events.ndjson"),
        Duration.ofHours(24), new Retries(10, Duration.ofMinutes(1)));
    return defaults.overriddenBy(home.settingsFile()).overriddenBy(home.localSettingsFile());
  }

  private Settings overriddenBy(Path file) {
    if (!Files.exists(file)) {
      return this;
    }
    JsonNode root = ContentYaml.read(file);
    Path newIndex = root.hasNonNull("index") ? Path.of(root.get("index").asText()) : index;
    ZoneId newZone = zone;
    if (root.hasNonNull("time_zone")) {
      try {
        newZone = ZoneId.of(root.get("time_zone").asText());
      } catch (DateTimeException e) {
        throw new ContentException(file, 0, "time_zone", "'" + root.get("time_zone").asText() + "' is not an IANA zone");
      }
    }
    Path newRisk = root.path("risk").hasNonNull("output") ? Path.of(root.path("risk").get("output").asText()) : riskFile;
    Duration newLookback = lookback;
    if (root.path("catch_up").hasNonNull("lookback")) {
      newLookback = parseLookback(file, "catch_up.lookback", root.path("catch_up").get("lookback").asText());
    }
    JsonNode retry = root.path("retry");
    Retries newRetries = new Retries(
        retry.hasNonNull("attempts") ? positive(file, "retry.attempts", retry.get("attempts")) : retries.attempts(),
        retry.hasNonNull("backoff")
            ? positive(file, "retry.backoff", parseDuration(file, "retry.backoff", retry.get("backoff").asText()))
            : retries.firstBackoff());
    return new Settings(newIndex, newZone, newRisk, newLookback, newRetries);
  }

  private static int positive(Path file, String field, JsonNode value) {
    if (!value.canConvertToInt() || !value.isIntegralNumber() || value.asInt() < 1) {
      throw new ContentException(file, 0, field, "'" + value.asText() + "' is not a whole number of at least 1");
    }
    return value.asInt();
  }

  private static Duration positive(Path file, String field, Duration duration) {
    if (duration.isNegative() || duration.isZero()) {
      throw new ContentException(file, 0, field, "it must be more than 0");
    }
    return duration;
  }

  /** The longest catch-up: a year of hourly runs is already 8,784 of them. */
  static final Duration MAX_LOOKBACK = Duration.ofDays(366);

  /** A lookback: {@code 90m}, {@code 24h}, {@code 7d} or seconds, more than nothing and at most {@link #MAX_LOOKBACK}. */
  static Duration parseLookback(Path file, String field, String text) {
    Duration lookback = parseDuration(file, field, text);
    if (lookback.isNegative() || lookback.isZero()) {
      throw new ContentException(file, 0, field, "'" + text + "' is not a lookback: it must be more than 0");
    }
    if (lookback.compareTo(MAX_LOOKBACK) > 0) {
      throw new ContentException(file, 0, field, "'" + text + "' is longer than the longest lookback, 366d");
    }
    return lookback;
  }

  /** {@code 90m}, {@code 24h}, {@code 7d} or seconds. */
  private static Duration parseDuration(Path file, String field, String text) {
    String t = text.trim().toLowerCase(java.util.Locale.ROOT);
    try {
      if (t.endsWith("d")) {
        return Duration.ofDays(Long.parseLong(t.substring(0, t.length() - 1)));
      } else if (t.endsWith("h")) {
        return Duration.ofHours(Long.parseLong(t.substring(0, t.length() - 1)));
      } else if (t.endsWith("m")) {
        return Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1)));
      } else if (t.endsWith("s")) {
        return Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1)));
      }
      return Duration.ofSeconds(Long.parseLong(t));
    } catch (NumberFormatException | ArithmeticException e) {
      throw new ContentException(file, 0, field, "'" + text + "' is not a duration such as 90m, 24h or 7d");
    }
  }
}
