package dev.vigil.ingest;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Moves the timestamps inside raw event text by a fixed amount, keeping each one's format, as contentctl's
 * {@code update_timestamp: true} does for replayed attack data: the events then parse to the new time.
 * Covers the time fields that the readers take {@code _time} from.
 */
public final class TimestampShifter {
  private static final Pattern SYSTEM_TIME =
      Pattern.compile("(SystemTime=['\"])(\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d)(\\.\\d+)?(?=Z)");
  private static final Pattern UTC_TIME =
      Pattern.compile("(Name=['\"]UtcTime['\"]>)(\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d)(\\.\\d+)?");
  private static final Pattern EPOCH_MILLIS = Pattern.compile("(\"timestamp\"\\s*:\\s*\"?)(\\d{13})");
  private static final Pattern EPOCH_SECONDS =
      Pattern.compile("(\"(?:ProcessStartTime|_time)\"\\s*:\\s*\"?)(\\d{9,10}(?:\\.\\d+)?)");
  private static final DateTimeFormatter ISO_SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");
  private static final DateTimeFormatter SPACE_SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private final Duration shift;

  public TimestampShifter(Duration shift) {
    this.shift = shift;
  }

  public String shift(String line) {
    String out = shiftDates(line, SYSTEM_TIME, ISO_SECONDS);
    out = shiftDates(out, UTC_TIME, SPACE_SECONDS);
    out = replace(out, EPOCH_MILLIS, m -> Long.toString(Long.parseLong(m.group(2)) + shift.toMillis()));
    return replace(out, EPOCH_SECONDS, m -> new BigDecimal(m.group(2))
        .add(BigDecimal.valueOf(shift.toMillis(), 3)).setScale(new BigDecimal(m.group(2)).scale(), java.math.RoundingMode.FLOOR)
        .toPlainString());
  }

  private String shiftDates(String line, Pattern pattern, DateTimeFormatter format) {
    return replace(line, pattern, m -> {
      String fraction = m.group(3) == null ? "" : m.group(3);
      int digits = Math.max(0, fraction.length() - 1);
      long nanos = digits == 0 ? 0 : Long.parseLong((fraction.substring(1) + "000000000").substring(0, 9));
      Instant original = LocalDateTime.parse(m.group(2), format).toInstant(ZoneOffset.UTC).plusNanos(nanos);
      Instant moved = original.plus(shift);
      String movedFraction = digits == 0 ? ""
          : "." + String.format("%09d", moved.getNano()).substring(0, Math.min(9, digits)) + "0".repeat(Math.max(0, digits - 9));
      return format.format(LocalDateTime.ofInstant(moved, ZoneOffset.UTC)) + movedFraction;
    });
  }

  private static String replace(String line, Pattern pattern, java.util.function.Function<Matcher, String> value) {
    Matcher m = pattern.matcher(line);
    StringBuilder out = new StringBuilder(line.length());
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + value.apply(m)));
    }
    m.appendTail(out);
    return out.toString();
  }
}
