package dev.vigil.content;

/**
 * A line of a {@code .conf} file that is neither a stanza header, a setting, a comment nor blank: the message
 * names file, line and column and shows the line with a caret under the problem.
 */
public final class ConfSyntaxException extends RuntimeException {
  ConfSyntaxException(String source, int line, int column, String lineText, String reason) {
    super(source + ":" + line + ": column " + column + ": " + reason + System.lineSeparator()
        + "  " + lineText + System.lineSeparator()
        + "  " + " ".repeat(Math.max(0, column - 1)) + "^");
  }
}
