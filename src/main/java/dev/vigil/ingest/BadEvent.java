package dev.vigil.ingest;

/**
 * A line that is not a valid event; becomes one {@link IngestProblem}. Thrown once per bad line, so it carries no
 * stack trace: the file and line number say where, the message says what.
 */
final class BadEvent extends Exception {
  private static final int MAX_QUOTED = 80;

  private final String field;

  BadEvent(String field, String message) {
    super(message, null, false, false);
    this.field = field;
  }

  static BadEvent missing(String field) {
    return new BadEvent(field, "missing (required)");
  }

  static BadEvent unparsable(String field, String value, String as) {
    return new BadEvent(field, "cannot parse " + quote(value) + " as " + as);
  }

  /** The field at fault, or null when the whole line is bad. */
  String field() {
    return field;
  }

  /** Quotes a value for a message, shortened so that one bad line cannot flood a report. */
  static String quote(String value) {
    String shown = value.length() <= MAX_QUOTED ? value : value.substring(0, MAX_QUOTED) + "…";
    return "'" + shown + "'";
  }
}
