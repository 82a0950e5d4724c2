package dev.vigil.cli;

import dev.vigil.time.ScheduleExplanation;
import dev.vigil.time.TimeModifier;
import dev.vigil.time.Window;
import java.time.Instant;
import java.time.ZoneId;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Times on the command line and in command output. Output is ISO-8601 with the zone's offset
 * ({@link DateTimeFormatter#ISO_OFFSET_DATE_TIME}: {@code 2024-05-15T14:00:00-04:00}, or {@code ...Z} in UTC),
 * the same in human text and in NDJSON, so that a time read off the screen can be pasted back as an argument.
 */
final class TimeArguments {
  private TimeArguments() {}

  static String iso(Instant t, ZoneId zone) {
    return ScheduleExplanation.iso(t, zone);
  }

  /**
   * An ISO-8601 time ({@code 2024-05-15T14:37:12Z}), or a Splunk time modifier ({@code -24h@h}, {@code now},
   * epoch seconds) resolved against {@code now} in {@code zone} (SEMANTICS §1).
   */
  static Instant parse(String text, Instant now, ZoneId zone) {
    String t = text.trim();
    boolean modifier = t.startsWith("-") || t.startsWith("+") || t.startsWith("@") || t.startsWith("now")
        || t.chars().allMatch(Character::isDigit);
    return modifier ? TimeModifier.parse(t).resolve(now, zone) : parseIso(t);
  }

  /**
   * A search's window from {@code --earliest} and {@code --latest}: each an ISO-8601 time or any time modifier
   * (Splunk's absolute {@code %m/%d/%Y:%H:%M:%S} included), resolved against the same {@code now}.
   */
  static Window window(String earliest, String latest, Instant now, ZoneId zone) {
    Instant from = bound(earliest, now, zone);
    Instant to = bound(latest, now, zone);
    if (to.isBefore(from)) {
      throw new IllegalArgumentException("latest " + latest + " (" + iso(to, zone) + ") is before earliest " + earliest
          + " (" + iso(from, zone) + ")");
    }
    return new Window(from, to);
  }

  private static Instant bound(String text, Instant now, ZoneId zone) {
    String t = text.trim();
    return t.matches("\\d{4}-\\d{2}-\\d{2}T.*") ? parseIso(t) : TimeModifier.parse(t).resolve(now, zone);
  }

  private static Instant parseIso(String text) {
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      throw new Errors.UsageException("'" + text + "' is not an ISO-8601 time such as 2024-05-15T14:00:00Z"
          + " nor a time modifier such as -1d@d");
    }
  }
}
