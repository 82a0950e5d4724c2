package dev.vigil.time;

import dev.vigil.spl.Caret;

/**
 * A time modifier or cron expression that does not parse. The message shows the text with a caret under the
 * offending character, so a configuration loader can print it under the file name and line as is:
 *
 * <pre>
 * unknown time unit 'x'
 * -5x@m
 *   ^
 * </pre>
 *
 * <p>Sealed so that a caller can catch one type for every schedule problem and still tell which kind it was.
 */
public abstract sealed class TimeSyntaxException extends IllegalArgumentException
    permits TimeModifierException, CronException {
  private final String text;
  private final int column;
  private final String reason;

  TimeSyntaxException(String reason, String text, int column) {
    super(render(reason, text, column));
    this.text = text;
    this.column = column;
    this.reason = reason;
  }

  /** The text that failed to parse, exactly as given. */
  public String text() {
    return text;
  }

  /** 0-based column of the offending character; {@code text().length()} when something is missing at the end. */
  public int column() {
    return column;
  }

  /** The one-line reason, without the text and caret. */
  public String reason() {
    return reason;
  }

  static String render(String reason, String text, int column) {
    return reason + "\n" + Caret.render(text, column);
  }
}
