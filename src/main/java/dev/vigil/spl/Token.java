package dev.vigil.spl;

/**
 * A lexical token of SPL. {@code text} is the value with quotes removed and escapes applied; {@code start} and
 * {@code end} are offsets into the (macro-expanded) SPL text, for error carets.
 */
record Token(Kind kind, String text, int start, int end, boolean quoted) {
  enum Kind {
    WORD, NUMBER, STRING, FIELD_QUOTED, LPAREN, RPAREN, LBRACKET, RBRACKET, COMMA, PIPE, OPERATOR, END
  }

  boolean is(Kind k) {
    return kind == k;
  }

  /** An unquoted word equal to {@code keyword}; SPL's boolean keywords are upper case. */
  boolean isKeyword(String keyword) {
    return kind == Kind.WORD && !quoted && text.equals(keyword);
  }

  boolean isWordIgnoreCase(String word) {
    return kind == Kind.WORD && !quoted && text.equalsIgnoreCase(word);
  }

  boolean isOperator(String op) {
    return kind == Kind.OPERATOR && text.equals(op);
  }
}
