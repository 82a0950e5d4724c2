package dev.vigil.query;

import dev.vigil.spl.Command;
import dev.vigil.spl.SplRegex;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;

/**
 * {@code regex} and {@code rex} over rows [Splunk, regex and rex]. Matching is unanchored ({@code find}), as
 * PCRE's is. On a multivalue field each value is matched in turn [Vigil].
 */
final class RexCommand {
  private RexCommand() {}

  /** {@code regex f="re"}: some value of f matches; {@code f!="re"}: none does, also when f is absent. */
  static boolean matches(Command.Regex regex, Row row) {
    boolean any = row.values(regex.field()).stream().anyMatch(v -> regex.regex().pattern().matcher(v).find());
    return any != regex.negated();
  }

  /**
   * Each named group that took part in a match sets its field, replacing what the field held; a field whose
   * group matched nothing keeps its value, as Splunk leaves fields alone when rex does not match.
   */
  static void extract(Command.Rex rex, Row row) {
    List<String> names = rex.regex().groupFields();
    Map<String, List<String>> extracted = new LinkedHashMap<>();
    int matches = 0;
    for (String value : row.values(rex.field())) {
      Matcher m = rex.regex().pattern().matcher(value);
      while ((rex.maxMatch() == 0 || matches < rex.maxMatch()) && m.find()) {
        matches++;
        for (int g = 0; g < names.size(); g++) {
          String group = m.group(SplRegex.javaGroupName(g));
          if (group != null) {
            extracted.computeIfAbsent(names.get(g), k -> new ArrayList<>()).add(group);
          }
        }
      }
    }
    extracted.forEach(row::putValues);
  }

  /** {@code rex mode=sed}: each value of the field rewritten. */
  static void substitute(Command.RexSed sed, Row row) {
    List<String> values = row.values(sed.field());
    if (!values.isEmpty()) {
      row.putValues(sed.field(), values.stream().map(sed.sed()::apply).toList());
    }
  }
}
