package dev.vigil.time;

/** A time modifier ({@code earliest}, {@code latest}) that is not valid SEMANTICS §1.1 grammar. */
public final class TimeModifierException extends TimeSyntaxException {
  TimeModifierException(String reason, String text, int column) {
    super(reason, text, column);
  }
}
