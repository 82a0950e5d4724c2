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
  /** Epoch seconds of more digits than this overflow a long of milliseconds. */
  private static final int MAX_SECONDS_DIGITS = 16;
  private static final int MAX_DECIMAL_CHARS = 64;

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
    } catch (ArithmeticException e) {
      throw outOfRange(field, value);
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
      throw outOfRange(field, value);
    }
  }

  /** Splunk's {@code _time}: epoch seconds with optional fraction, or ISO-8601 with offset. */
  static long splunkTime(String field, String value) throws BadEvent {
    if (DECIMAL.matcher(value).matches()) {
      // BigDecimal parses in time quadratic in the digits; a time has a few dozen at most.
      if (value.length() > MAX_DECIMAL_CHARS) {
        throw outOfRange(field, value);
      }
      return epochSeconds(field, new BigDecimal(value));
    }
    try {
      return OffsetDateTime.parse(value).toInstant().toEpochMilli();
    } catch (DateTimeParseException e) {
      throw BadEvent.unparsable(field, value, "a time (expected epoch seconds or ISO-8601 with offset)");
    } catch (ArithmeticException e) {
      throw outOfRange(field, value);
    }
  }

  /**
   * Exact decimal arithmetic: a double would turn {@code 1610667699.938} into ...937 ms. The magnitude is checked
   * on the digits and the exponent before any arithmetic: {@code 1e999999999} has 12 characters, and scaling it
   * would build a number of a billion digits.
   */
  static long epochSeconds(String field, BigDecimal seconds) throws BadEvent {
    if (seconds.signum() == 0) {
      return 0;
    }
    long integerDigits = (long) seconds.precision() - seconds.scale();
    if (integerDigits > MAX_SECONDS_DIGITS) {
      throw outOfRange(field, seconds.toString());
    }
    if (integerDigits < -3) {
      return seconds.signum() < 0 ? -1 : 0; // less than a millisecond either side of the epoch
    }
    try {
      return seconds.setScale(3, RoundingMode.FLOOR).movePointRight(3).longValueExact();
    } catch (ArithmeticException e) {
      throw outOfRange(field, seconds.toString());
    }
  }

  private static BadEvent outOfRange(String field, String value) {
    return BadEvent.unparsable(field, value, "a time (out of range)");
  }
}
