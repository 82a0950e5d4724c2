package dev.vigil.query;

import dev.vigil.spl.Command;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code join} [Splunk, join]: a row matches a subsearch row when both have the join fields with equal values
 * (compared exactly, case included; a multivalue field as its whole list); without named fields, on every
 * field the two rows share. The merged row is the row with the
 * subsearch row's fields written over it (join's default {@code overwrite=true}). Each row joins the first
 * {@code max} matching subsearch rows in their order, every one with {@code max=0}; an inner join drops a row
 * without a match, a left join keeps it as it is. Subsearch rows are not capped (Splunk stops at 50,000).
 */
final class JoinCommand {
  private JoinCommand() {}

  static List<Row> apply(Command.Join join, List<Row> rows, List<Row> subsearch) {
    List<Row> out = new ArrayList<>();
    if (join.fields().isEmpty()) {
      for (Row row : rows) {
        List<Row> matches = new ArrayList<>();
        for (Row candidate : subsearch) {
          Set<String> shared = new LinkedHashSet<>(row.fieldNames());
          shared.retainAll(candidate.fieldNames());
          if (!shared.isEmpty() && key(row, List.copyOf(shared)).equals(key(candidate, List.copyOf(shared)))) {
            matches.add(candidate);
          }
        }
        merge(join, row, matches, out);
      }
      return out;
    }
    Map<List<List<String>>, List<Row>> byKey = new HashMap<>();
    for (Row candidate : subsearch) {
      List<List<String>> key = key(candidate, join.fields());
      if (key != null) {
        byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(candidate);
      }
    }
    for (Row row : rows) {
      List<List<String>> key = key(row, join.fields());
      merge(join, row, key == null ? List.of() : byKey.getOrDefault(key, List.of()), out);
    }
    return out;
  }

  private static void merge(Command.Join join, Row row, List<Row> matches, List<Row> out) {
    if (matches.isEmpty()) {
      if (join.keepUnmatched()) {
        out.add(row);
      }
      return;
    }
    int joined = join.max() == 0 ? matches.size() : Math.min(join.max(), matches.size());
    for (Row match : matches.subList(0, joined)) {
      Row merged = new Row(row);
      match.fieldNames().forEach(field -> merged.putValues(field, match.values(field)));
      out.add(merged);
    }
  }

  /** The row's values of the fields, or null when it lacks one. */
  private static List<List<String>> key(Row row, List<String> fields) {
    List<List<String>> key = new ArrayList<>(fields.size());
    for (String field : fields) {
      List<String> values = row.values(field);
      if (values.isEmpty()) {
        return null;
      }
      key.add(values);
    }
    return key;
  }
}
