package dev.vigil.spl;

import java.util.Optional;

/**
 * A character of a macro's definition: where text that an expansion took from a macro was written, so that an
 * error inside a macro points into the macro file rather than only at the call (SEMANTICS §4.7).
 *
 * @param offset 0-based offset into {@code macro.definition()}; text substituted for {@code $arg$} maps to its
 *               {@code $}, the expansion's end to the end of the definition
 */
public record MacroOrigin(Macro macro, int offset) {

  /**
   * {@code macro-file:LINE: column N: reason (in macro 'key', called at CALL)} and the definition's line with a
   * caret under the character; LINE is the macro file's, the column counts within the definition, as a search's
   * column counts within the search. Empty when the macro was not read from a file.
   */
  public Optional<String> format(String reason, String callSite) {
    return macro.source().map(source -> source.file() + ":" + source.lineOf(macro.definition(), offset)
        + ": column " + Caret.column(macro.definition(), offset) + ": " + reason
        + " (in macro '" + macro.key() + "', called at " + callSite + ")\n"
        + Caret.render(macro.definition(), offset));
  }
}
