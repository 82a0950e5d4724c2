package dev.vigil.spl;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Expands {@code `macro`} and {@code `macro(a, b)`} calls recursively before parsing (SEMANTICS §4.4).
 * Backticks inside double-quoted strings are text, not macro calls: ESCU's own searches split on {@code "`"}.
 * The result remembers, for every character, where in the original text it came from, so that a parse
 * error inside an expanded macro can point at the macro call the user wrote.
 */
public final class MacroExpander {
  private static final int MAX_DEPTH = 32;

  private final MacroSource macros;

  public MacroExpander(MacroSource macros) {
    this.macros = macros;
  }

  /** Expanded SPL and, for each of its characters, the offset in the original text it stems from. */
  public record Expansion(String original, String text, int[] origins) {
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
  }

  public Expansion expand(String spl) {
    StringBuilder out = new StringBuilder(spl.length() * 2);
    List<Integer> origins = new ArrayList<>(spl.length() * 2);
    expandInto(spl, spl, null, out, origins, 0);
    int[] originArray = new int[origins.size()];
    for (int i = 0; i < originArray.length; i++) {
      originArray[i] = origins.get(i);
    }
    return new Expansion(spl, out.toString(), originArray);
  }

  /**
   * @param callSite where in the original text this piece of text came from, or null when {@code text} is the
   *                 original itself (then every character maps to its own offset)
   */
  private void expandInto(String original, String text, Integer callSite, StringBuilder out, List<Integer> origins, int depth) {
    boolean inQuotes = false;
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '\\' && inQuotes && i + 1 < text.length()) {
        append(out, origins, text.substring(i, i + 2), callSite, i);
        i += 2;
        continue;
      }
      if (c == '"') {
        inQuotes = !inQuotes;
      }
      if (c != '`' || inQuotes) {
        append(out, origins, String.valueOf(c), callSite, i);
        i++;
        continue;
      }
      int close = text.indexOf('`', i + 1);
      int site = callSite != null ? callSite : i;
      if (close < 0) {
        throw error("unterminated macro call: no closing backtick", original, site);
      }
      if (depth >= MAX_DEPTH) {
        throw error("macros nest deeper than " + MAX_DEPTH + " levels: is one of them recursive?", original, site);
      }
      String body = expandMacro(text.substring(i + 1, close).trim(), original, site);
      expandInto(original, body, site, out, origins, depth + 1);
      i = close + 1;
    }
  }

  private String expandMacro(String call, String original, int site) {
    String name = call;
    List<String> args = List.of();
    int open = call.indexOf('(');
    if (open >= 0) {
      if (!call.endsWith(")")) {
        throw error("macro call '" + call + "' lacks its closing parenthesis", original, site);
      }
      name = call.substring(0, open).trim();
      args = splitArguments(call.substring(open + 1, call.length() - 1));
    }
    Optional<Macro> macro = macros.find(name, args.size());
    if (macro.isEmpty()) {
      throw error("unknown macro '" + Macro.key(name, args.size()) + "'", original, site);
    }
    String definition = macro.get().definition();
    List<String> names = macro.get().arguments();
    for (int a = 0; a < names.size(); a++) {
      definition = definition.replace("$" + names.get(a) + "$", args.get(a));
    }
    return definition;
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

  private static void append(StringBuilder out, List<Integer> origins, String piece, Integer callSite, int offset) {
    out.append(piece);
    for (int k = 0; k < piece.length(); k++) {
      origins.add(callSite != null ? callSite : offset + k);
    }
  }

  private static SplException error(String reason, String original, int position) {
    return new SplException(reason, original, position);
  }
}
