package dev.vigil.query;

import dev.vigil.spl.Command;
import dev.vigil.spl.OutputFields;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code rename}, with {@code *} wildcards: each {@code *} of the new name takes what the old one's matched;
 * renamings apply in order, and one onto an existing field replaces it (SEMANTICS §4.5). The renamings are
 * worked out on the row's field names, once for each set of names, and then applied to the row in one go.
 */
final class RenameCommand {
  /** A renaming and, when its old name holds {@code *}, that name's pattern. */
  private record Renaming(String from, Pattern pattern, String to) {}

  /** The fields that stay, by their old names, and their new names, in the row's new order. */
  private record Renamed(List<String> from, List<String> to) {}

  private final List<Renaming> renamings;
  private final LastFieldNames<Renamed> renamed = new LastFieldNames<>(this::renamed);

  RenameCommand(Command.Rename rename) {
    renamings = rename.renamings().stream().map(r -> new Renaming(r.from(),
        r.from().contains("*") ? OutputFields.fieldNamePattern(r.from()) : null, r.to())).toList();
  }

  void apply(Row row) {
    Renamed fields = renamed.of(row);
    row.keepRenamed(fields.from(), fields.to());
  }

  private Renamed renamed(List<String> names) {
    List<String> from = new ArrayList<>(names);
    List<String> to = new ArrayList<>(names);
    for (Renaming renaming : renamings) {
      if (renaming.pattern() == null) {
        rename(from, to, renaming.from(), renaming.to());
        continue;
      }
      for (String field : List.copyOf(to)) {
        Matcher m = renaming.pattern().matcher(field);
        if (m.matches()) {
          rename(from, to, field, substituted(renaming.to(), m));
        }
      }
    }
    return new Renamed(from, to);
  }

  /** The field now named {@code name} takes the name {@code as}; a field already named so goes. */
  private static void rename(List<String> from, List<String> to, String name, String as) {
    int at = to.indexOf(name);
    if (at < 0 || name.equals(as)) {
      return;
    }
    int replaced = to.indexOf(as);
    if (replaced >= 0) {
      from.remove(replaced);
      to.remove(replaced);
      at = replaced < at ? at - 1 : at;
    }
    to.set(at, as);
  }

  private static String substituted(String target, Matcher m) {
    StringBuilder name = new StringBuilder();
    int group = 1;
    for (char c : target.toCharArray()) {
      if (c == '*' && group <= m.groupCount()) {
        name.append(m.group(group++));
      } else {
        name.append(c);
      }
    }
    return name.toString();
  }
}
