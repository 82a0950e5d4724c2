package dev.vigil.spl;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;

/**
 * The expression of {@code rex mode=sed} [Splunk, rex]: {@code s/regex/replacement/flags} replaces the first
 * match, the Nth with flag N, or every one with {@code g}; {@code \1}…{@code \9} in the replacement are the
 * groups. {@code y/abc/xyz/} replaces each character of the first list by the one at the same place in the
 * second. {@code \/} is a slash inside a part.
 */
public sealed interface SedExpression {
  String apply(String value);

  /** @param occurrence which match to replace, 1 for the first; 0 for every match */
  record Substitute(SplRegex regex, String replacement, int occurrence) implements SedExpression {
    @Override
    public String apply(String value) {
      Matcher m = regex.pattern().matcher(value);
      StringBuilder out = new StringBuilder();
      int seen = 0;
      while (m.find()) {
        seen++;
        if (occurrence == 0 || seen == occurrence) {
          m.appendReplacement(out, Matcher.quoteReplacement(expand(m)));
          if (occurrence != 0) {
            break;
          }
        }
      }
      m.appendTail(out);
      return out.toString();
    }

    private String expand(Matcher m) {
      StringBuilder out = new StringBuilder();
      for (int i = 0; i < replacement.length(); i++) {
        char c = replacement.charAt(i);
        if (c == '\\' && i + 1 < replacement.length()) {
          char next = replacement.charAt(++i);
          if (Character.isDigit(next) && next - '0' <= m.groupCount()) {
            String group = m.group(next - '0');
            out.append(group == null ? "" : group);
          } else {
            out.append(next);
          }
        } else {
          out.append(c);
        }
      }
      return out.toString();
    }
  }

  record Transliterate(String from, String to) implements SedExpression {
    @Override
    public String apply(String value) {
      StringBuilder out = new StringBuilder(value.length());
      for (char c : value.toCharArray()) {
        int at = from.indexOf(c);
        out.append(at < 0 ? c : to.charAt(at));
      }
      return out.toString();
    }
  }

  /** @throws IllegalArgumentException saying what is wrong with the expression */
  static SedExpression parse(String text) {
    if (text.length() < 2 || (text.charAt(0) != 's' && text.charAt(0) != 'y') || text.charAt(1) != '/') {
      throw new IllegalArgumentException("a sed expression is s/regex/replacement/flags or y/from/to/");
    }
    List<String> parts = new ArrayList<>();
    StringBuilder part = new StringBuilder();
    for (int i = 2; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\' && i + 1 < text.length() && text.charAt(i + 1) == '/') {
        part.append('/');
        i++;
      } else if (c == '/' && parts.size() < 2) {
        parts.add(part.toString());
        part.setLength(0);
      } else {
        part.append(c);
      }
    }
    if (parts.size() < 2) {
      throw new IllegalArgumentException("a sed expression needs three slashes, as in s/a/b/ or y/a/b/");
    }
    String flags = part.toString();
    if (text.charAt(0) == 'y') {
      if (!flags.isEmpty()) {
        throw new IllegalArgumentException("y/from/to/ takes no flags");
      }
      if (parts.get(0).length() != parts.get(1).length()) {
        throw new IllegalArgumentException("y/from/to/ needs as many characters in 'to' as in 'from'");
      }
      return new Transliterate(parts.get(0), parts.get(1));
    }
    int occurrence;
    if (flags.isEmpty()) {
      occurrence = 1;
    } else if (flags.equals("g")) {
      occurrence = 0;
    } else if (flags.matches("[1-9]\\d*")) {
      occurrence = Integer.parseInt(flags);
    } else {
      throw new IllegalArgumentException("unsupported sed flags '" + flags + "': use g or a number");
    }
    return new Substitute(SplRegex.compile(parts.get(0)), parts.get(1), occurrence);
  }
}
