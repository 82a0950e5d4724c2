package dev.vigil.query;

/** How SPL treats text as numbers: compared as numbers when both parse, printed without a trailing ".0". */
final class Values {
  private Values() {}

  static int compare(String a, String b) {
    Double x = parseNumber(a);
    Double y = parseNumber(b);
    if (x != null && y != null) {
      return Double.compare(x, y);
    }
    return a.compareTo(b);
  }

  /** The number the text is, as Java reads a double, surrounding whitespace ignored; null for other text. */
  static Double parseNumber(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    Double integer = plainInteger(value);
    if (integer != null) {
      return integer;
    }
    String trimmed = value.trim();
    if (!mayStartNumber(trimmed.charAt(0))) {
      return null; // spares the exception Double.valueOf throws for most text
    }
    try {
      return Double.valueOf(trimmed);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /**
   * Times, counts and ids are integers of a few digits, read here without the generality of Double.valueOf;
   * null for anything else, {@code -0} included (a negative zero).
   */
  private static Double plainInteger(String value) {
    int start = value.charAt(0) == '-' ? 1 : 0;
    int length = value.length();
    if (length == start || length - start > 15) {
      return null;
    }
    long number = 0;
    for (int i = start; i < length; i++) {
      char c = value.charAt(i);
      if (c < '0' || c > '9') {
        return null;
      }
      number = number * 10 + (c - '0');
    }
    if (start == 1 && number == 0) {
      return null;
    }
    return (double) (start == 1 ? -number : number);
  }

  /** Double.valueOf reads a sign, digits, a point, NaN, Infinity or a hexadecimal 0x…, and nothing else. */
  private static boolean mayStartNumber(char c) {
    return (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'N' || c == 'I';
  }

  static String format(double value) {
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      return Long.toString((long) value);
    }
    return Double.toString(value);
  }
}
