package dev.vigil.query;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Pattern;

/** The eval functions over multivalue fields that return a list [Splunk, multivalue eval functions]. */
final class MultivalueFunctions {
  private MultivalueFunctions() {}

  /** {@code mvappend(a, b, …)}: every value of every argument in order; null arguments add nothing. */
  static Object append(Object[] values) {
    List<String> all = new ArrayList<>();
    for (Object value : values) {
      if (value != null) {
        all.addAll(ExprEvaluator.multivalue(value));
      }
    }
    return all.isEmpty() ? null : all;
  }

  /** {@code mvdedup}: the first occurrence of each value, in order. */
  static Object dedup(List<String> values) {
    return new ArrayList<>(new LinkedHashSet<>(values));
  }

  /** {@code mvsort}: lexicographic by character code, as Splunk sorts multivalue fields. */
  static Object sort(List<String> values) {
    List<String> sorted = new ArrayList<>(values);
    sorted.sort(null);
    return sorted;
  }

  /** {@code mvfind(mv, regex)}: the 0-based index of the first value the regex finds a match in, else null. */
  static Object find(List<String> values, Pattern regex) {
    for (int i = 0; i < values.size(); i++) {
      if (regex.matcher(values.get(i)).find()) {
        return (double) i;
      }
    }
    return null;
  }
}
