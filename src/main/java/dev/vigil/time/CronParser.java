package dev.vigil.time;

import java.time.Month;

/** Parses the five fields of SEMANTICS §2.1 into bit sets; one instance per text. */
final class CronParser {
  private final String text;
  private int pos;

  CronParser(String text) {
    this.text = text;
  }

  CronSchedule parse() {
    long[] bits = new long[5];
    int[] starts = new int[5];
    boolean hourPeriodic = false;
    for (CronField field : CronField.values()) {
      skipBlanks();
      if (pos >= text.length()) {
        throw error(pos, "expected 5 fields (minute hour day-of-month month day-of-week), found "
            + field.ordinal() + "; missing the " + field.label);
      }
      starts[field.ordinal()] = pos;
      Field parsed = field(field);
      bits[field.ordinal()] = parsed.bits;
      if (field == CronField.HOUR) {
        hourPeriodic = parsed.periodic;
      }
      if (pos < text.length() && !isBlank(text.charAt(pos))) {
        throw error(pos, "unexpected '" + text.charAt(pos) + "' in the " + field.label + " field");
      }
    }
    skipBlanks();
    if (pos < text.length()) {
      throw error(pos, "expected 5 fields (minute hour day-of-month month day-of-week), found more;"
          + " Splunk cron has no seconds or year field");
    }
    CronSchedule schedule = new CronSchedule(text, bits[0], bits[1], bits[2], bits[3], bits[4], hourPeriodic);
    if (!schedule.dayOfWeekRestricted() && !anyDayExists(bits[2], bits[3])) {
      throw error(starts[2], "the day-of-month never occurs in the selected month(s), so the schedule never fires");
    }
    return schedule;
  }

  private record Field(long bits, boolean periodic) {
  }

  /** A comma list of items; periodic when every item is {@code *} or a step (SEMANTICS §2.5). */
  private Field field(CronField field) {
    long bits = 0;
    boolean periodic = true;
    while (true) {
      boolean star = false;
      boolean ranged = false;
      int low;
      int high;
      if (peek() == '*') {
        pos++;
        star = true;
        low = field.min;
        high = field.max;
      } else {
        low = value(field);
        high = low;
        if (peek() == '-') {
          pos++;
          ranged = true;
          int highAt = pos;
          high = value(field);
          if (high < low) {
            throw error(highAt, "range " + low + "-" + high + " runs backwards; write the smaller value first");
          }
        }
      }
      int step = 1;
      boolean stepped = false;
      if (peek() == '/') {
        if (!star && !ranged) {
          // Vixie reads "5/10" as an error; cronie as 5-max/10. Make the author say which.
          throw error(pos, "a step needs '*' or a range before it, e.g. */10 or " + low + "-" + field.max + "/10");
        }
        pos++;
        stepped = true;
        int stepAt = pos;
        if (!isDigit(peek())) {
          throw error(stepAt, "expected a step number after '/'");
        }
        step = digits();
        int maxStep = field.max - field.min;
        if (step < 1 || step > maxStep) {
          throw error(stepAt, "step " + step + " is out of range 1-" + maxStep + " for the " + field.label);
        }
      }
      periodic &= star || stepped;
      for (int v = low; v <= high; v += step) {
        // Vixie: 7 is Sunday; fold it onto 0 so that sets compare by value (§2.1).
        bits |= 1L << (field == CronField.DAY_OF_WEEK && v == 7 ? 0 : v);
      }
      if (peek() != ',') {
        return new Field(bits, periodic);
      }
      pos++;
    }
  }

  private int value(CronField field) {
    int at = pos;
    char c = peek();
    if (isLetter(c)) {
      while (isLetter(peek())) {
        pos++;
      }
      String hint = field == CronField.MONTH ? "use 1-12"
          : field == CronField.DAY_OF_WEEK ? "use 0-6, 0 = Sunday" : "use numbers";
      throw error(at, "names such as '" + text.substring(at, pos) + "' are not supported by Splunk cron; " + hint);
    }
    if (!isDigit(c)) {
      throw error(at, c == 0 ? "expected a number or '*' in the " + field.label + " field"
          : "unexpected '" + c + "' in the " + field.label + " field; expected a number or '*'");
    }
    int value = digits();
    if (value < field.min || value > field.maxAccepted) {
      throw error(at, field.label + " " + text.substring(at, pos) + " is out of range " + field.range());
    }
    return value;
  }

  /** Saturates instead of overflowing: a long number is simply out of range. */
  private int digits() {
    int value = 0;
    while (isDigit(peek())) {
      value = Math.min(value * 10 + (text.charAt(pos) - '0'), 1_000_000);
      pos++;
    }
    return value;
  }

  private static boolean anyDayExists(long daysOfMonth, long months) {
    for (int m = 1; m <= 12; m++) {
      if ((months & (1L << m)) != 0) {
        int longest = Month.of(m).maxLength(); // February 29 counts: it comes every 4-8 years
        if ((daysOfMonth & CronField.DAY_OF_MONTH.all() & (-1L >>> (63 - longest))) != 0) {
          return true;
        }
      }
    }
    return false;
  }

  private char peek() {
    return pos < text.length() ? text.charAt(pos) : 0;
  }

  private void skipBlanks() {
    while (pos < text.length() && isBlank(text.charAt(pos))) {
      pos++;
    }
  }

  private static boolean isBlank(char c) {
    return c == ' ' || c == '\t';
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private CronException error(int column, String reason) {
    return new CronException(reason, text, column);
  }
}
