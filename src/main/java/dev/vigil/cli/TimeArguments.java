package dev.vigil.cli;

import dev.vigil.time.ScheduleExplanation;
import dev.vigil.time.TimeModifier;
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

  private static Instant parseIso(String text) {
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      throw new Errors.UsageException("'" + text + "' is not an ISO-8601 time such as 2024-05-15T14:00:00Z"
          + " nor a time modifier such as -1d@d");
    }
  }
}
