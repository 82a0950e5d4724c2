package dev.vigil.spl;

/** Renders a line of text with a caret under one character, for error messages a person reads. */
public final class Caret {
  private Caret() {}

  /**
   * Returns the line of {@code text} that holds {@code position} and a second line with a caret under it.
   * Tabs in the prefix are kept so the caret lines up in a terminal.
   */
  public static String render(String text, int position) {
    int at = Math.max(0, Math.min(position, text.length()));
    int lineStart = text.lastIndexOf('\n', at - 1) + 1;
    int lineEnd = text.indexOf('\n', at);
    String line = text.substring(lineStart, lineEnd < 0 ? text.length() : lineEnd);
    StringBuilder pad = new StringBuilder();
    for (int i = lineStart; i < at; i++) {
      pad.append(text.charAt(i) == '\t' ? '\t' : ' ');
    }
    return line + "\n" + pad + '^';
  }

  /** 1-based column of {@code position} on its line. */
  public static int column(String text, int position) {
    int at = Math.max(0, Math.min(position, text.length()));
    return at - (text.lastIndexOf('\n', at - 1) + 1) + 1;
  }
}
