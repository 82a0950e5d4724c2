package dev.vigil.spl;

import dev.vigil.spl.Token.Kind;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits SPL into tokens. Search-like commands ({@code tstats}, {@code search}, {@code rename} …) and
 * expression commands ({@code where}, {@code eval}) have different lexical rules: in a search, {@code *},
 * {@code -} and {@code .} are part of words ({@code Processes.process=*-exportPFX*}); in an expression they
 * are operators.
 */
final class Lexer {
  enum Mode { SEARCH, EXPRESSION }

  private final String text;

  Lexer(String text) {
    this.text = text;
  }

  /** Tokens of {@code text[from, to)}; the list ends with an END token at {@code to}. */
  List<Token> tokenize(int from, int to, Mode mode) {
    List<Token> tokens = new ArrayList<>();
    int i = from;
    while (true) {
      while (i < to && Character.isWhitespace(text.charAt(i))) {
        i++;
      }
      if (i >= to) {
        tokens.add(new Token(Kind.END, "", to, to, false));
        return tokens;
      }
      boolean afterComparison = !tokens.isEmpty() && tokens.get(tokens.size() - 1).is(Kind.OPERATOR);
      Token token = mode == Mode.SEARCH ? searchToken(i, to, afterComparison) : expressionToken(i, to);
      tokens.add(token);
      i = token.end();
    }
  }

  /**
   * @param value whether the word is the value of a comparison, which may hold balanced parentheses as
   *              Splunk reads {@code Processes.process=*GetCurrent()*}
   */
  private Token searchToken(int i, int to, boolean value) {
    char c = text.charAt(i);
    Token punctuation = punctuation(c, i);
    if (punctuation != null) {
      return punctuation;
    }
    Token op = comparison(i, to);
    if (op != null) {
      return op;
    }
    // A word: unquoted characters and quoted pieces glued together, as in `""Processes".*"` after macro
    // substitution of a quoted argument into a quoted definition. A non-empty quoted piece ends the word, as
    // Splunk ends a term at its closing quote: `"* -d *"AND x="y"` is three terms.
    StringBuilder word = new StringBuilder();
    boolean quoted = false;
    int j = i;
    while (j < to) {
      char d = text.charAt(j);
      if (d == '"') {
        quoted = true;
        int before = word.length();
        j = readQuoted(j, to, word);
        if (word.length() > before) {
          break;
        }
      } else if (d == '(' && value && j > i) {
        int close = balancedClose(j, to);
        if (close < 0) {
          break;
        }
        word.append(text, j, close + 1);
        j = close + 1;
      } else if (Character.isWhitespace(d) || isSearchDelimiter(d) || comparison(j, to) != null) {
        break;
      } else if (d == '\\' && j + 1 < to && text.charAt(j + 1) == '\\') {
        word.append('\\');
        j += 2;
      } else {
        word.append(d);
        j++;
      }
    }
    return new Token(Kind.WORD, word.toString(), i, j, quoted);
  }

  /** The offset of the ')' that closes the '(' at {@code open} within one run of non-blank text, or -1. */
  private int balancedClose(int open, int to) {
    int depth = 0;
    for (int j = open; j < to; j++) {
      char d = text.charAt(j);
      if (Character.isWhitespace(d) || d == '"' || d == '|' || d == '[' || d == ']' || d == ',') {
        return -1;
      }
      if (d == '(') {
        depth++;
      } else if (d == ')' && --depth == 0) {
        return j;
      }
    }
    return -1;
  }

  private Token expressionToken(int i, int to) {
    char c = text.charAt(i);
    Token punctuation = punctuation(c, i);
    if (punctuation != null) {
      return punctuation;
    }
    if (c == '"') {
      StringBuilder value = new StringBuilder();
      int end = readQuoted(i, to, value);
      return new Token(Kind.STRING, value.toString(), i, end, true);
    }
    if (c == '\'') {
      int close = text.indexOf('\'', i + 1);
      if (close < 0 || close >= to) {
        throw new SplException("unterminated quoted field name", text, i);
      }
      return new Token(Kind.FIELD_QUOTED, text.substring(i + 1, close), i, close + 1, true);
    }
    if (Character.isDigit(c) || (c == '.' && i + 1 < to && Character.isDigit(text.charAt(i + 1)))) {
      int j = i;
      while (j < to && (Character.isDigit(text.charAt(j)) || text.charAt(j) == '.')) {
        j++;
      }
      return new Token(Kind.NUMBER, text.substring(i, j), i, j, false);
    }
    if (Character.isLetter(c) || c == '_') {
      int j = i;
      while (j < to && isFieldChar(text.charAt(j))) {
        j++;
      }
      return new Token(Kind.WORD, text.substring(i, j), i, j, false);
    }
    Token op = comparison(i, to);
    if (op != null) {
      return op;
    }
    if ("+-*/%.".indexOf(c) >= 0) {
      return new Token(Kind.OPERATOR, String.valueOf(c), i, i + 1, false);
    }
    throw new SplException("unexpected character '" + c + "'", text, i);
  }

  private Token punctuation(char c, int i) {
    Kind kind = switch (c) {
      case '(' -> Kind.LPAREN;
      case ')' -> Kind.RPAREN;
      case '[' -> Kind.LBRACKET;
      case ']' -> Kind.RBRACKET;
      case ',' -> Kind.COMMA;
      case '|' -> Kind.PIPE;
      default -> null;
    };
    return kind == null ? null : new Token(kind, String.valueOf(c), i, i + 1, false);
  }

  private Token comparison(int i, int to) {
    char c = text.charAt(i);
    char next = i + 1 < to ? text.charAt(i + 1) : '\0';
    String op = switch (c) {
      case '=' -> next == '=' ? "==" : "=";
      case '!' -> next == '=' ? "!=" : null;
      case '<' -> next == '=' ? "<=" : "<";
      case '>' -> next == '=' ? ">=" : ">";
      default -> null;
    };
    return op == null ? null : new Token(Kind.OPERATOR, op, i, i + op.length(), false);
  }

  /**
   * Reads a double-quoted string starting at {@code open} into {@code value}; returns the offset after the
   * closing quote. {@code \\} is one backslash and {@code \"} a quote; any other backslash is literal
   * (SEMANTICS §4.3), so {@code "*\sam *"} keeps its backslash.
   */
  private int readQuoted(int open, int to, StringBuilder value) {
    int j = open + 1;
    while (j < to) {
      char d = text.charAt(j);
      if (d == '\\' && j + 1 < to && (text.charAt(j + 1) == '\\' || text.charAt(j + 1) == '"')) {
        value.append(text.charAt(j + 1));
        j += 2;
      } else if (d == '"') {
        return j + 1;
      } else {
        value.append(d);
        j++;
      }
    }
    throw new SplException("unterminated quoted string", text, open);
  }

  private static boolean isSearchDelimiter(char c) {
    return c == '(' || c == ')' || c == '[' || c == ']' || c == ',' || c == '|';
  }

  /**
   * In an expression a name is letters, digits and {@code _ : { } @}; a field whose name holds a {@code .} is
   * written in single quotes ({@code 'Processes.dest'}), so {@code a.b} is the concatenation {@code a . b} (Splunk,
   * eval command: "field names that contain non-alphanumeric characters … need single quotation marks").
   */
  private static boolean isFieldChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == ':' || c == '{' || c == '}' || c == '@';
  }
}
