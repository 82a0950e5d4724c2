package dev.vigil.schedule;

import dev.vigil.query.SearchExecutor;
import dev.vigil.spl.SearchLocation;
import dev.vigil.spl.SplException;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;

/**
 * Whether a rule's search loads: macros expand, the SPL parses, every command, function and lookup table is
 * supported. A problem is told as {@code rule-file:line: column N: message} with the search line and a caret
 * under the offending token (SEMANTICS §4.7); the line is the detection file's, the column counts within the
 * search.
 */
public final class RuleCheck {
  private RuleCheck() {}

  /** Empty when the rule loads; else the message to show. */
  public static Optional<String> problem(Rule rule, SearchExecutor executor) {
    try {
      rule.prepare(executor);
      return Optional.empty();
    } catch (SplException e) {
      return Optional.of(SearchLocation.at(e.text(), e.position())
          .format(rule.detection().file().toString(), searchLine(rule), e.reason()));
    }
  }

  /** The 1-based line of the {@code search:} key in the detection file. */
  private static int searchLine(Rule rule) {
    try {
      List<String> lines = Files.readAllLines(rule.detection().file());
      for (int i = 0; i < lines.size(); i++) {
        if (lines.get(i).startsWith("search:")) {
          return i + 1;
        }
      }
    } catch (IOException e) {
      // The file was read a moment ago; without it the line is unknown.
    }
    return 0;
  }
}
