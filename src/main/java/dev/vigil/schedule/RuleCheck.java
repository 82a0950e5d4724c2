package dev.vigil.schedule;

import dev.vigil.query.SearchExecutor;
import dev.vigil.spl.MacroExpander;
import dev.vigil.spl.OutputFields;
import dev.vigil.spl.SearchLocation;
import dev.vigil.spl.SplException;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Whether a rule loads and can work: macros expand, the SPL parses, every command, function and lookup table is
 * supported, the data model is the one Vigil stores and names only its fields, the YAML's id, MITRE ids and
 * scores are well formed, and the search's output carries what the risk side needs.
 *
 * <p>A problem in the search is told as {@code rule-file:line: column N: message} with the search line and a
 * caret under the offending token (SEMANTICS §4.7); the line is the detection file's, the column counts within
 * the search. A problem inside a macro's definition is told at the macro file's line, with the column and caret
 * in the definition, and names the call in the detection. A problem of another field is told as
 * {@code rule-file:line: field F: message}.
 *
 * <p>Errors are what makes a rule fail or silently lose risk events: a search that does not load, a data model
 * or field Vigil does not have, a malformed id, MITRE id or score, a risk object the output cannot carry.
 * Warnings are what makes risk events poorer but still written: a threat object or message token the output
 * lacks, a risk object whose presence cannot be known before the search runs.
 */
public final class RuleCheck {
  private RuleCheck() {}

  /** A problem of a rule; an error keeps it from validating, a warning does not. */
  public record Finding(boolean error, String message) {
    static Finding error(String message) {
      return new Finding(true, message);
    }

    static Finding warning(String message) {
      return new Finding(false, message);
    }
  }

  /** Every problem of the rule, errors and warnings, in the order of the checks. */
  public static List<Finding> check(Rule rule, SearchExecutor executor) {
    List<Finding> findings = new ArrayList<>();
    DetectionChecks checks = DetectionChecks.of(rule.detection().file(), findings::add);
    checks.checkFields(rule.detection());
    Rule.PreparedSearch search;
    try {
      search = rule.prepare(executor);
    } catch (SplException e) {
      findings.add(Finding.error(located(rule, e)));
      return findings;
    }
    MacroExpander.Expansion expansion = new MacroExpander(rule.macros()).expand(rule.detection().search());
    List<Finding> modelErrors = new ArrayList<>();
    checks.checkDataModel(search.pipeline(), search.expandedSpl(), (offset, message) -> modelErrors.add(Finding.error(
        located(rule, new SplException(message, rule.detection().search(), expansion.originOf(offset),
            expansion.macroOriginOf(offset).orElse(null))))));
    findings.addAll(modelErrors);
    if (modelErrors.isEmpty()) {
      checks.checkOutput(rule.detection(), OutputFields.of(search.pipeline()));
    }
    return findings;
  }

  /** Empty when the rule has no error; else the first error, for the scheduler to refuse the rule with. */
  public static Optional<String> problem(Rule rule, SearchExecutor executor) {
    try {
      return check(rule, executor).stream().filter(Finding::error).map(Finding::message).findFirst();
    } catch (ContentException e) {
      return Optional.of(e.getMessage());
    }
  }

  private static String located(Rule rule, SplException e) {
    SearchLocation call = SearchLocation.at(e.text(), e.position());
    String file = rule.detection().file().toString();
    int firstLine = searchLine(rule);
    String callSite = file + ":" + (firstLine + call.line() - 1) + ": column " + call.column();
    return e.insideMacro().flatMap(origin -> origin.format(e.reason(), callSite))
        .orElseGet(() -> call.format(file, firstLine, e.reason()));
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
