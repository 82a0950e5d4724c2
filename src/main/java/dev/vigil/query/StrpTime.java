package dev.vigil.query;

import java.text.ParsePosition;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.SignStyle;
import java.time.format.TextStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;
import java.util.Optional;

/**
 * Parses time as eval's {@code strptime} does, with the strftime conversions Splunk documents ({@code %Y %y %m
 * %d %e %H %I %M %S %p %j %b %B %T %F %z %s %%}) translated to a java.time formatter. Missing fields default
 * to the start of their unit; without {@code %z} the time is in the configured zone. Text after the parsed
 * part is ignored, as C's strptime stops where the format ends.
 */
final class StrpTime {
  private final DateTimeFormatter formatter;

  private StrpTime(DateTimeFormatter formatter) {
    this.formatter = formatter;
  }

  /** The parser of {@code format}, or empty when the format holds a conversion that is not supported. */
  static Optional<StrpTime> of(String format) {
    DateTimeFormatterBuilder builder = new DateTimeFormatterBuilder().parseCaseInsensitive();
    if (!append(builder, format)) {
      return Optional.empty();
    }
    DateTimeFormatter formatter = builder
        .parseDefaulting(ChronoField.MONTH_OF_YEAR, 1)
        .parseDefaulting(ChronoField.DAY_OF_MONTH, 1)
        .parseDefaulting(ChronoField.HOUR_OF_DAY, 0)
        .parseDefaulting(ChronoField.MINUTE_OF_HOUR, 0)
        .parseDefaulting(ChronoField.SECOND_OF_MINUTE, 0)
        .toFormatter(Locale.ENGLISH);
    return Optional.of(new StrpTime(formatter));
  }

  private static boolean append(DateTimeFormatterBuilder b, String format) {
    for (int i = 0; i < format.length(); i++) {
      char c = format.charAt(i);
      if (c != '%' || i + 1 >= format.length()) {
        b.appendLiteral(c);
        continue;
      }
      switch (format.charAt(++i)) {
        case 'Y' -> b.appendValue(ChronoField.YEAR, 4);
        case 'y' -> b.appendValueReduced(ChronoField.YEAR, 2, 2, 2000);
        case 'm' -> b.appendValue(ChronoField.MONTH_OF_YEAR, 1, 2, SignStyle.NOT_NEGATIVE);
        case 'd', 'e' -> b.appendValue(ChronoField.DAY_OF_MONTH, 1, 2, SignStyle.NOT_NEGATIVE);
        case 'H' -> b.appendValue(ChronoField.HOUR_OF_DAY, 1, 2, SignStyle.NOT_NEGATIVE);
        case 'I' -> b.appendValue(ChronoField.CLOCK_HOUR_OF_AMPM, 1, 2, SignStyle.NOT_NEGATIVE);
        case 'M' -> b.appendValue(ChronoField.MINUTE_OF_HOUR, 1, 2, SignStyle.NOT_NEGATIVE);
        case 'S' -> b.appendValue(ChronoField.SECOND_OF_MINUTE, 1, 2, SignStyle.NOT_NEGATIVE);
        case 'p' -> b.appendText(ChronoField.AMPM_OF_DAY, TextStyle.SHORT);
        case 'j' -> b.appendValue(ChronoField.DAY_OF_YEAR, 1, 3, SignStyle.NOT_NEGATIVE);
        case 'b' -> b.appendText(ChronoField.MONTH_OF_YEAR, TextStyle.SHORT);
        case 'B' -> b.appendText(ChronoField.MONTH_OF_YEAR, TextStyle.FULL);
        case 'T' -> append(b, "%H:%M:%S");
        case 'F' -> append(b, "%Y-%m-%d");
        case 'z' -> b.appendOffset("+HHMM", "+0000");
        case 's' -> b.appendValue(ChronoField.INSTANT_SECONDS);
        case '%' -> b.appendLiteral('%');
        default -> {
          return false;
        }
      }
    }
    return true;
  }

  /** Epoch seconds, or null when the text does not match the format. */
  Double parse(String text, ZoneId zone) {
    try {
      TemporalAccessor parsed = formatter.withZone(zone).parse(text, new ParsePosition(0));
      return (double) Instant.from(parsed).getEpochSecond();
    } catch (DateTimeException e) {
      return null;
    }
  }
}
