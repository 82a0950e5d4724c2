package dev.vigil.spl;

/**
 * Where in a detection's {@code search} text (as the rule file holds it, macros unexpanded) a problem lies:
 * the 1-based line and column within the search text, and that line with a caret under the column. The rule
 * loader adds the line on which the search starts in its file (SEMANTICS §4.7).
 *
 * @param line   1-based line within the search text
 * @param column 1-based column on that line
 * @param text   the line and, below it, a caret under the column (no trailing newline)
 */
public record SearchLocation(int line, int column, String text) {

  /** The location of {@code offset} (0-based) in the original search text. */
  public static SearchLocation at(String search, int offset) {
    int at = Math.max(0, Math.min(offset, search.length()));
    int line = 1;
    for (int i = 0; i < at; i++) {
      if (search.charAt(i) == '\n') {
        line++;
      }
    }
    return new SearchLocation(line, Caret.column(search, at), Caret.render(search, at));
  }

  /**
   * The location in the original search of an offset into the expanded text: text that came from a macro maps
   * to the backtick of the macro call the search wrote.
   */
  public static SearchLocation ofExpanded(MacroExpander.Expansion expansion, int expandedOffset) {
    return at(expansion.original(), expansion.originOf(expandedOffset));
  }

  /**
   * The location of an error in the original search, whether it was raised on the original (a macro error)
   * or on the expanded text (a parse or run error).
   */
  public static SearchLocation of(MacroExpander.Expansion expansion, SplException error) {
    if (error.text().equals(expansion.text())) {
      return ofExpanded(expansion, error.position());
    }
    return at(expansion.original(), error.position());
  }

  /**
   * The location of an error that expanding or parsing {@code search} with {@code macros} raised, for a caller
   * that holds only the search and its macros: a macro error refers to the search itself, a later error to its
   * expansion, which is redone here to map the position back.
   */
  public static SearchLocation of(String search, MacroSource macros, SplException error) {
    if (error.text().equals(search)) {
      return at(search, error.position());
    }
    return of(new MacroExpander(macros).expand(search), error);
  }

  /**
   * {@code file:LINE: column N: message} and the caret display, where LINE counts from
   * {@code searchFirstLine}, the line of the file on which the search text starts (1-based).
   */
  public String format(String file, int searchFirstLine, String message) {
    return file + ":" + (searchFirstLine + line - 1) + ": column " + column + ": " + message + "\n" + text;
  }
}
