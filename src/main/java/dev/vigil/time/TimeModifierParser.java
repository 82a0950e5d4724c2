package dev.vigil.time;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

/** Recursive-descent parser for SEMANTICS §1.1; one instance per text, not thread-safe. */
final class TimeModifierParser {
  /** Amounts beyond this are typos, and keep {@code q} (3 months) and week arithmetic far from overflow. */
  private static final long MAX_AMOUNT = 999_999_999L;
  /** 9999-12-31T23:59:59Z, the largest epoch second a {@code %Y} date can name. */
  private static final long MAX_EPOCH = 253_402_300_799L;

  private final String text;
  private int pos;

  TimeModifierParser(String text) {
    this.text = text;
  }

  TimeModifier parse() {
    if (text.isEmpty()) {
      throw error(0, "empty time modifier");
    }
    if (text.equals("now") || text.equals("now()")) {
      return new TimeModifier(text, new TimeModifier.Now(), List.of());
    }
    if (text.startsWith("now")) {
      int end = text.startsWith("now()") ? 5 : 3;
      throw error(end, "'now' stands alone; write relative terms without it, e.g. -1h@h");
    }
    if (text.startsWith("rt")) {
      throw error(0, "real-time modifiers ('rt') are not supported: scheduled searches are historical");
    }
    if (isDigit(text.charAt(0))) {
      return allDigits() ? epoch() : absolute();
    }
    return relative();
  }

  private TimeModifier epoch() {
    if (text.length() > 12 || Long.parseLong(text) > MAX_EPOCH) {
      throw error(0, "epoch seconds " + text + " is after the year 9999");
    }
    return new TimeModifier(text, new TimeModifier.Epoch(Long.parseLong(text)), List.of());
  }

  /** {@code %m/%d/%Y:%H:%M:%S}; strptime accepts one or two digits for all but the year. */
  private TimeModifier absolute() {
    int monthAt = pos;
    int month = number(1, 2, "month");
    expect('/');
    int dayAt = pos;
    int day = number(1, 2, "day");
    expect('/');
    int yearAt = pos;
    int year = number(4, 4, "year");
    expect(':');
    int hourAt = pos;
    int hour = number(1, 2, "hour");
    expect(':');
    int minuteAt = pos;
    int minute = number(1, 2, "minute");
    expect(':');
    int secondAt = pos;
    int second = number(1, 2, "second");
    if (pos < text.length()) {
      throw error(pos, "unexpected '" + text.charAt(pos) + "' after an absolute time (%m/%d/%Y:%H:%M:%S)");
    }
    check(month >= 1 && month <= 12, monthAt, "month " + month + " is out of range 1-12");
    check(year >= 1, yearAt, "year 0 does not exist");
    int length = YearMonth.of(year, month).lengthOfMonth();
    check(day >= 1 && day <= length, dayAt, "day " + day + " is out of range 1-" + length + " for that month");
    check(hour <= 23, hourAt, "hour " + hour + " is out of range 0-23");
    check(minute <= 59, minuteAt, "minute " + minute + " is out of range 0-59");
    check(second <= 59, secondAt, "second " + second + " is out of range 0-59");
    try {
      LocalDateTime local = LocalDateTime.of(year, month, day, hour, minute, second);
      return new TimeModifier(text, new TimeModifier.Absolute(local), List.of());
    } catch (DateTimeException e) {
      throw error(0, "not a valid date: " + e.getMessage());
    }
  }

  private TimeModifier relative() {
    List<Step> steps = new ArrayList<>();
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c == '+' || c == '-') {
        steps.add(offset(c == '-'));
      } else if (c == '@') {
        steps.add(snap());
      } else {
        throw error(pos, "unexpected '" + c + "': a term starts with '+', '-' or '@'");
      }
    }
    return new TimeModifier(text, new TimeModifier.Now(), steps);
  }

  private Step offset(boolean negative) {
    pos++;
    long amount = 1; // "-h" == "-1h" (§1.1)
    if (pos < text.length() && isDigit(text.charAt(pos))) {
      int start = pos;
      while (pos < text.length() && isDigit(text.charAt(pos))) {
        pos++;
      }
      if (pos - start > 9 || Long.parseLong(text.substring(start, pos)) > MAX_AMOUNT) {
        throw error(start, "amount " + text.substring(start, pos) + " is too large");
      }
      amount = Long.parseLong(text.substring(start, pos));
    }
    int unitAt = pos;
    String name = letters();
    if (name.isEmpty()) {
      throw error(unitAt, "expected a time unit (s, m, h, d, w, mon, q, y)");
    }
    Unit unit = Unit.byAlias(name);
    if (unit == null) {
      throw error(unitAt, "unknown time unit '" + name + "'");
    }
    return new Step.Offset(negative ? -amount : amount, unit);
  }

  private Step snap() {
    pos++;
    int unitAt = pos;
    String name = letters();
    if (name.isEmpty()) {
      throw error(unitAt, "expected a unit to snap to after '@'");
    }
    Unit unit = Unit.byAlias(name);
    if (unit == null) {
      throw error(unitAt, "unknown time unit '" + name + "'");
    }
    int weekday = 0; // @w is Sunday (§1.3)
    if (name.equals("w") && pos < text.length() && isDigit(text.charAt(pos))) {
      int dayAt = pos;
      while (pos < text.length() && isDigit(text.charAt(pos))) {
        pos++;
      }
      String digits = text.substring(dayAt, pos);
      if (digits.length() > 1 || digits.charAt(0) > '7') {
        throw error(dayAt, "week day " + digits + " is out of range 0-7 (0 and 7 = Sunday)");
      }
      weekday = digits.charAt(0) - '0';
    }
    return new Step.Snap(unit, weekday);
  }

  private String letters() {
    int start = pos;
    while (pos < text.length() && isAsciiLetter(text.charAt(pos))) {
      pos++;
    }
    return text.substring(start, pos);
  }

  private int number(int minDigits, int maxDigits, String what) {
    int start = pos;
    while (pos < text.length() && isDigit(text.charAt(pos)) && pos - start < maxDigits) {
      pos++;
    }
    if (pos - start < minDigits) {
      throw error(start, "expected " + (minDigits == maxDigits ? minDigits + " digits" : "a number")
          + " for the " + what + " (%m/%d/%Y:%H:%M:%S)");
    }
    return Integer.parseInt(text.substring(start, pos));
  }

  private void expect(char c) {
    if (pos >= text.length() || text.charAt(pos) != c) {
      throw error(pos, "expected '" + c + "' (absolute times are %m/%d/%Y:%H:%M:%S)");
    }
    pos++;
  }

  private void check(boolean ok, int column, String reason) {
    if (!ok) {
      throw error(column, reason);
    }
  }

  private boolean allDigits() {
    return text.chars().allMatch(TimeModifierParser::isDigit);
  }

  private static boolean isDigit(int c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isAsciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private TimeModifierException error(int column, String reason) {
    return new TimeModifierException(reason, text, column);
  }
}
