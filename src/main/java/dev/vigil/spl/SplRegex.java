package dev.vigil.spl;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A regular expression as {@code regex}, {@code rex}, {@code match} and {@code replace} take it. Splunk uses
 * PCRE; Vigil compiles it with java.util.regex, which reads the same syntax for what ESCU writes
 * ({@code (?i)}, {@code \x{202E}}, look-arounds, lazy quantifiers). PCRE group names may hold {@code _} and
 * Java's may not, so named groups {@code (?<name>…)} and {@code (?P<name>…)} are renamed {@code g1}, {@code g2}
 * … and {@link #groupFields()} keeps the field each one fills.
 *
 * @param source      the expression as written
 * @param groupFields the field name of each named group, in the order the groups open
 */
public record SplRegex(String source, Pattern pattern, List<String> groupFields) {
  public SplRegex {
    groupFields = List.copyOf(groupFields);
  }

  /** @throws PatternSyntaxException when Java cannot read the expression */
  public static SplRegex compile(String source) {
    StringBuilder java = new StringBuilder(source.length());
    List<String> fields = new ArrayList<>();
    Map<String, String> javaNames = new HashMap<>();
    boolean inClass = false;
    for (int i = 0; i < source.length(); i++) {
      char c = source.charAt(i);
      if (c == '\\' && i + 1 < source.length()) {
        if (!inClass && source.startsWith("k<", i + 1)) {
          int close = source.indexOf('>', i + 3);
          String name = close < 0 ? null : javaNames.get(source.substring(i + 3, close));
          if (name != null) {
            java.append("\\k<").append(name).append('>');
            i = close;
            continue;
          }
        }
        java.append(c).append(source.charAt(++i));
      } else if (inClass) {
        inClass = c != ']';
        java.append(c);
      } else if (c == '[') {
        inClass = true;
        java.append(c);
        // A ']' right after '[' or '[^' is a literal member, not the end of the class.
        if (source.startsWith("^]", i + 1)) {
          java.append("^]");
          i += 2;
        } else if (source.startsWith("]", i + 1)) {
          java.append(']');
          i++;
        }
      } else if (c == '(' && namedGroupAt(source, i) > 0) {
        int nameStart = namedGroupAt(source, i);
        int close = source.indexOf('>', nameStart);
        String field = source.substring(nameStart, close);
        String name = javaGroupName(fields.size());
        fields.add(field);
        javaNames.put(field, name);
        java.append("(?<").append(name).append('>');
        i = close;
      } else {
        java.append(c);
      }
    }
    return new SplRegex(source, Pattern.compile(java.toString()), fields);
  }

  /** The Java name of the named group that fills {@code groupFields().get(index)}. */
  public static String javaGroupName(int index) {
    return "g" + (index + 1);
  }

  /** Where the name of a named group opening at {@code open} starts, or 0 when none opens there. */
  private static int namedGroupAt(String source, int open) {
    int nameStart;
    if (source.startsWith("(?<", open)) {
      nameStart = open + 3;
    } else if (source.startsWith("(?P<", open)) {
      nameStart = open + 4;
    } else {
      return 0;
    }
    int close = source.indexOf('>', nameStart);
    if (close <= nameStart) {
      return 0;
    }
    for (int i = nameStart; i < close; i++) {
      char c = source.charAt(i);
      if (!Character.isLetterOrDigit(c) && c != '_') {
        return 0; // (?<= and (?<! are look-behinds
      }
    }
    return nameStart;
  }

  /** Compares by the source text: a Pattern has no value equality. */
  @Override
  public boolean equals(Object o) {
    return o instanceof SplRegex other && source.equals(other.source);
  }

  @Override
  public int hashCode() {
    return source.hashCode();
  }

  @Override
  public String toString() {
    return source;
  }
}
