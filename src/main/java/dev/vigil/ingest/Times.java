package dev.vigil.ingest;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.util.regex.Pattern;

/** Parses the time formats of the sources into epoch milliseconds; finer precision is truncated (SEMANTICS §3.3). */
final class Times {
  /** Sysmon's {@code UtcTime}: {@code 2021-01-14 23:41:39.938}, always UTC. */
  private static final DateTimeFormatter SYSMON_UTC = new DateTimeFormatterBuilder()
      .appendPattern("uuuu-MM-dd HH:mm:ss")
      .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true).optionalEnd()
      .toFormatter()
      .withResolverStyle(ResolverStyle.STRICT);

  private static final Pattern DECIMAL = Pattern.compile("-?\\d+(\\.\\d+)?");
  private static final Pattern DIGITS = Pattern.compile("-?\\d+");

  private Times() {}

  static long sysmonUtc(String field, String value) throws BadEvent {
    try {
      return LocalDateTime.parse(value, SYSMON_UTC).toInstant(ZoneOffset.UTC).toEpochMilli();
    } catch (DateTimeParseException e) {
      throw BadEvent.unparsable(field, value, "a time (expected yyyy-MM-dd HH:mm:ss.SSS, UTC)");
    }
  }

  /** ISO-8601 with an offset or {@code Z}, e.g. {@code TimeCreated/@SystemTime} {@code 2021-01-14T23:41:39.938175300Z}. */
  static long isoOffset(String field, String value) throws BadEvent {
    try {
      return OffsetDateTime.parse(value).toInstant().toEpochMilli();
    } catch (DateTimeParseException e) {
      throw BadEvent.unparsable(field, value, "a time (expected ISO-8601 with offset, e.g. 2021-01-14T23:41:39.938Z)");
    }
  }

  /** Whole epoch milliseconds, as CrowdStrike's {@code timestamp}. */
  static long epochMillis(String field, String value) throws BadEvent {
    if (!DIGITS.matcher(value).matches()) {
      throw BadEvent.unparsable(field, value, "a time (expected epoch milliseconds)");
    }
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw BadEvent.unparsable(field, value, "a time (epoch milliseconds out of range)");
    }
  }

  /** Splunk's {@code _time}: epoch seconds with optional fraction, or ISO-8601 with offset. */
  static long splunkTime(String field, String value) throws BadEvent {
    if (DECIMAL.matcher(value).matches()) {
      return epochSeconds(field, new BigDecimal(value));
    }
    try {
      return OffsetDateTime.parse(value).toInstant().toEpochMilli();
    } catch (DateTimeParseException e) {
      throw BadEvent.unparsable(field, value, "a time (expected epoch seconds or ISO-8601 with offset)");
    }
  }

  /** Exact decimal arithmetic: a double would turn {@code 1610667699.938} into ...937 ms. */
  static long epochSeconds(String field, BigDecimal seconds) throws BadEvent {
    try {
      return seconds.setScale(3, RoundingMode.FLOOR).movePointRight(3).longValueExact();
    } catch (ArithmeticException e) {
      throw BadEvent.unparsable(field, seconds.toPlainString(), "a time (epoch seconds out of range)");
    }
  }
}
