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

  static Double parseNumber(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Double.valueOf(value.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  static String format(double value) {
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      return Long.toString((long) value);
    }
    return Double.toString(value);
  }
}
