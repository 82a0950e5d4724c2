package dev.vigil.spl;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Expands {@code `macro`} and {@code `macro(a, b)`} calls recursively before parsing (SEMANTICS §4.4).
 * Backticks inside double-quoted strings are text, not macro calls: ESCU's own searches split on {@code "`"}.
 * The result remembers, for every character, where in the original text it came from (the macro call the user
 * wrote) and, for text taken from a macro, the character of the innermost macro's definition it was written
 * as, so that an error inside an expanded macro can point at both.
 */
public final class MacroExpander {
  private static final int MAX_DEPTH = 32;

  private final MacroSource macros;

  public MacroExpander(MacroSource macros) {
    this.macros = macros;
  }

  /**
   * Expanded SPL and, for each of its characters, the offset in the original text it stems from, and the macro
   * and offset in its definition it was written as (null and -1 for the original's own characters).
   */
  public record Expansion(String original, String text, int[] origins, Macro[] macros, int[] definitionOffsets) {
    /**
     * The offset in the original text that the expanded text's character at {@code expandedOffset} stems from:
     * itself, or the opening backtick of the macro call it was expanded from. The end of the expanded text
     * maps to the end of the original when the original ends the expansion, else to the last macro call.
     */
    public int originOf(int expandedOffset) {
      if (origins.length == 0) {
        return Math.min(Math.max(0, expandedOffset), original.length());
      }
      if (expandedOffset >= origins.length) {
        int last = origins[origins.length - 1];
        return last == original.length() - 1 ? original.length() : last;
      }
      return origins[Math.max(0, expandedOffset)];
    }

    /**
     * The character of the innermost macro definition that the expanded text's character at
     * {@code expandedOffset} was written as; empty for the original's own text. The end of the expanded text
     * maps to the end of the definition that ends it.
     */
    public Optional<MacroOrigin> macroOriginOf(int expandedOffset) {
      if (macros.length == 0) {
        return Optional.empty();
      }
      boolean pastEnd = expandedOffset >= macros.length;
      int at = pastEnd ? macros.length - 1 : Math.max(0, expandedOffset);
      if (macros[at] == null) {
        return Optional.empty();
      }
      int offset = definitionOffsets[at] + (pastEnd ? 1 : 0);
      return Optional.of(new MacroOrigin(macros[at], Math.min(offset, macros[at].definition().length())));
    }
  }

  /** Text to expand and, when it is a macro's body, where each of its characters is written in that macro. */
  private record Piece(String text, Macro macro, int[] definitionOffsets) {
    MacroOrigin originAt(int offset) {
      return macro == null ? null : new MacroOrigin(macro, definitionOffsets[offset]);
    }
  }

  /** The expanded text being built, with one origin entry per character. */
  private static final class Output {
    final StringBuilder text = new StringBuilder();
    final List<Integer> origins = new ArrayList<>();
    final List<Macro> macros = new ArrayList<>();
    final List<Integer> definitionOffsets = new ArrayList<>();

    void append(char c, int origin, Piece piece, int offset) {
      text.append(c);
      origins.add(origin);
      macros.add(piece.macro());
      definitionOffsets.add(piece.macro() == null ? -1 : piece.definitionOffsets()[offset]);
    }
  }

  public Expansion expand(String spl) {
    Output out = new Output();
    expandInto(spl, new Piece(spl, null, null), null, out, 0);
    int[] origins = out.origins.stream().mapToInt(Integer::intValue).toArray();
    int[] definitionOffsets = out.definitionOffsets.stream().mapToInt(Integer::intValue).toArray();
    return new Expansion(spl, out.text.toString(), origins, out.macros.toArray(new Macro[0]), definitionOffsets);
  }

  /**
   * @param callSite where in the original text this piece came from, or null when the piece is the original
   *                 itself (then every character maps to its own offset)
   */
  private void expandInto(String original, Piece piece, Integer callSite, Output out, int depth) {
    String text = piece.text();
    boolean inQuotes = false;
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '\\' && inQuotes && i + 1 < text.length()) {
        out.append(c, callSite != null ? callSite : i, piece, i);
        out.append(text.charAt(i + 1), callSite != null ? callSite : i + 1, piece, i + 1);
        i += 2;
        continue;
      }
      if (c == '"') {
        inQuotes = !inQuotes;
      }
      if (c != '`' || inQuotes) {
        out.append(c, callSite != null ? callSite : i, piece, i);
        i++;
        continue;
      }
      int close = text.indexOf('`', i + 1);
      int site = callSite != null ? callSite : i;
      MacroOrigin here = piece.originAt(i);
      if (close < 0) {
        throw new SplException("unterminated macro call: no closing backtick", original, site, here);
      }
      if (depth >= MAX_DEPTH) {
        throw new SplException("macros nest deeper than " + MAX_DEPTH + " levels: is one of them recursive?",
            original, site, here);
      }
      Piece body = expandMacro(text.substring(i + 1, close).trim(), original, site, here);
      expandInto(original, body, site, out, depth + 1);
      i = close + 1;
    }
  }

  private Piece expandMacro(String call, String original, int site, MacroOrigin here) {
    String name = call;
    List<String> args = List.of();
    int open = call.indexOf('(');
    if (open >= 0) {
      if (!call.endsWith(")")) {
        throw new SplException("macro call '" + call + "' lacks its closing parenthesis", original, site, here);
      }
      name = call.substring(0, open).trim();
      args = splitArguments(call.substring(open + 1, call.length() - 1));
    }
    Optional<Macro> found = macros.find(name, args.size());
    if (found.isEmpty()) {
      throw new SplException("unknown macro '" + Macro.key(name, args.size()) + "'", original, site, here);
    }
    return substitute(found.get(), args);
  }

  /** The definition with each {@code $arg$} replaced; substituted text is placed at its placeholder's {@code $}. */
  private static Piece substitute(Macro macro, List<String> args) {
    String definition = macro.definition();
    StringBuilder body = new StringBuilder(definition.length());
    List<Integer> offsets = new ArrayList<>(definition.length());
    int i = 0;
    while (i < definition.length()) {
      int placeholderEnd = placeholderEnd(definition, i, macro.arguments());
      if (placeholderEnd > 0) {
        String value = args.get(macro.arguments().indexOf(definition.substring(i + 1, placeholderEnd - 1)));
        body.append(value);
        for (int k = 0; k < value.length(); k++) {
          offsets.add(i);
        }
        i = placeholderEnd;
      } else {
        body.append(definition.charAt(i));
        offsets.add(i);
        i++;
      }
    }
    return new Piece(body.toString(), macro, offsets.stream().mapToInt(Integer::intValue).toArray());
  }

  /** The end of the {@code $name$} of one of {@code names} that starts at {@code i}, or -1. */
  private static int placeholderEnd(String definition, int i, List<String> names) {
    if (definition.charAt(i) != '$') {
      return -1;
    }
    for (String name : names) {
      String placeholder = "$" + name + "$";
      if (definition.startsWith(placeholder, i)) {
        return i + placeholder.length();
      }
    }
    return -1;
  }

  /** Splits at commas outside quotes and parentheses; an empty argument list has no arguments. */
  static List<String> splitArguments(String argumentText) {
    List<String> args = new ArrayList<>();
    if (argumentText.isBlank()) {
      return args;
    }
    int depth = 0;
    boolean inQuotes = false;
    int start = 0;
    for (int i = 0; i < argumentText.length(); i++) {
      char c = argumentText.charAt(i);
      if (c == '\\' && inQuotes) {
        i++;
      } else if (c == '"') {
        inQuotes = !inQuotes;
      } else if (!inQuotes && c == '(') {
        depth++;
      } else if (!inQuotes && c == ')') {
        depth--;
      } else if (!inQuotes && depth == 0 && c == ',') {
        args.add(argumentText.substring(start, i).trim());
        start = i + 1;
      }
    }
    args.add(argumentText.substring(start).trim());
    return args;
  }
}
