package dev.vigil.query;

import dev.vigil.spl.OutputFields;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Field names as {@code table}, {@code fields} and {@code rename} take them: a name may hold {@code *}, which
 * matches any run of characters, case-sensitively. Compiled once per command, not once per row.
 */
final class FieldPatterns {
  /** A name as written and, when it holds {@code *}, its pattern, each {@code *} a capturing group. */
  private record Name(String name, Pattern pattern) {}

  private final List<Name> names;

  FieldPatterns(List<String> names) {
    this.names = names.stream().map(name -> new Name(name, name.contains("*") ? OutputFields.fieldNamePattern(name) : null)).toList();
  }

  /** The row's field names that the list names, in the list's order, each once. */
  List<String> matching(List<String> fieldNames) {
    Set<String> matched = new LinkedHashSet<>();
    for (Name name : names) {
      if (name.pattern() != null) {
        fieldNames.stream().filter(f -> name.pattern().matcher(f).matches()).forEach(matched::add);
      } else if (fieldNames.contains(name.name())) {
        matched.add(name.name());
      }
    }
    return new ArrayList<>(matched);
  }
}
