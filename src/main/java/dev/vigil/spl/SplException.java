package dev.vigil.spl;

import java.util.Optional;

/**
 * A problem in SPL text, with the position of the offending token so that the message can show the text
 * with a caret under it (SEMANTICS §4.7).
 */
public final class SplException extends RuntimeException {
  private final String text;
  private final int position;
  private final String reason;
  private final MacroOrigin insideMacro;

  public SplException(String reason, String text, int position) {
    this(reason, text, position, null);
  }

  /** @param insideMacro where in a macro's definition the problem lies, or null when it is not inside one */
  public SplException(String reason, String text, int position, MacroOrigin insideMacro) {
    super(reason + "\n" + Caret.render(text, position));
    this.text = text;
    this.position = position;
    this.reason = reason;
    this.insideMacro = insideMacro;
  }

  /** The text the position refers to. */
  public String text() {
    return text;
  }

  /** 0-based offset into {@link #text()}. */
  public int position() {
    return position;
  }

  /**
   * Where this error lies in the search as the rule file wrote it, before macro expansion.
   *
   * @param expansion the expansion of that search whose text (or original) this error refers to
   */
  public SearchLocation locate(MacroExpander.Expansion expansion) {
    return SearchLocation.of(expansion, this);
  }

  /** The character of a macro definition the problem lies in, when the text there came from a macro. */
  public Optional<MacroOrigin> insideMacro() {
    return Optional.ofNullable(insideMacro);
  }

  /** The message without the caret display. */
  public String reason() {
    return reason;
  }
}
