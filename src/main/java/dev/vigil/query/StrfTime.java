package dev.vigil.query;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.Locale;

/**
 * Formats time with Splunk's strftime-style {@code timeformat} ({@code %Y-%m-%dT%H:%M:%S}), in the
 * configured zone (SEMANTICS §4.5). Unknown conversions are kept as written, as Splunk does.
 */
public final class StrfTime {
  private final String format;

  public StrfTime(String format) {
    this.format = format;
  }

  public String format(Instant instant, ZoneId zone) {
    ZonedDateTime t = instant.atZone(zone);
    StringBuilder out = new StringBuilder(format.length() + 8);
    for (int i = 0; i < format.length(); i++) {
      char c = format.charAt(i);
      if (c != '%' || i + 1 >= format.length()) {
        out.append(c);
        continue;
      }
      char conversion = format.charAt(++i);
      switch (conversion) {
        case 'Y' -> out.append(t.getYear());
        case 'y' -> pad(out, t.getYear() % 100, 2);
        case 'm' -> pad(out, t.getMonthValue(), 2);
        case 'd' -> pad(out, t.getDayOfMonth(), 2);
        case 'e' -> out.append(t.getDayOfMonth() < 10 ? " " : "").append(t.getDayOfMonth());
        case 'H' -> pad(out, t.getHour(), 2);
        case 'I' -> pad(out, t.getHour() % 12 == 0 ? 12 : t.getHour() % 12, 2);
        case 'M' -> pad(out, t.getMinute(), 2);
        case 'S' -> pad(out, t.getSecond(), 2);
        case 'p' -> out.append(t.getHour() < 12 ? "AM" : "PM");
        case 'j' -> pad(out, t.getDayOfYear(), 3);
        case 'a' -> out.append(t.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH));
        case 'A' -> out.append(t.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH));
        case 'b' -> out.append(t.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH));
        case 'B' -> out.append(t.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH));
        case 'Z' -> out.append(t.getZone().getDisplayName(TextStyle.SHORT, Locale.ENGLISH));
        case 'z' -> out.append(t.getOffset().getId().equals("Z") ? "+0000" : t.getOffset().getId().replace(":", ""));
        case 's' -> out.append(instant.getEpochSecond());
        case 'T' -> out.append(new StrfTime("%H:%M:%S").format(instant, zone));
        case 'F' -> out.append(new StrfTime("%Y-%m-%d").format(instant, zone));
        case 'D' -> out.append(new StrfTime("%m/%d/%y").format(instant, zone));
        case 'N' -> pad(out, t.getNano() / 1_000_000, 3);
        case '%' -> out.append('%');
        default -> {
          if (Character.isDigit(conversion) && i + 1 < format.length() && format.charAt(i + 1) == 'N') {
            int digits = conversion - '0';
            String nanos = String.format(Locale.ROOT, "%09d", t.getNano());
            out.append(nanos, 0, Math.min(9, Math.max(1, digits)));
            i++;
          } else {
            out.append('%').append(conversion);
          }
        }
      }
    }
    return out.toString();
  }

  private static void pad(StringBuilder out, int value, int width) {
    String digits = Integer.toString(value);
    for (int k = digits.length(); k < width; k++) {
      out.append('0');
    }
    out.append(digits);
  }

  @Override
  public String toString() {
    return format;
  }
}
