package dev.vigil.cli;

import dev.vigil.schedule.Rule;
import dev.vigil.schedule.RuleCatalog;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import picocli.CommandLine.Option;

/** Which rules of the catalog a command is about, by detection type and analytic story, as ES's content library filters. */
final class RuleSelection {
  @Option(names = "--type", paramLabel = "TYPE",
      description = "Only rules of this detection type (TTP, Anomaly, Hunting, Correlation; any case).")
  String type;

  @Option(names = "--story", paramLabel = "STORY",
      description = "Only rules of this analytic story (any case), e.g. \"Living Off The Land\".")
  String story;

  boolean given() {
    return type != null || story != null;
  }

  /** The selected rules in catalog order; a type or story that no rule has is a usage error, not an empty list. */
  List<Rule> select(RuleCatalog catalog) {
    List<Rule> rules;
    try {
      rules = story != null ? catalog.ofStory(story) : catalog.rules();
    } catch (IllegalArgumentException e) {
      throw new Errors.UsageException(e.getMessage());
    }
    if (type == null) {
      return rules;
    }
    TreeSet<String> types = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    catalog.rules().forEach(rule -> types.add(rule.detection().type()));
    if (!types.contains(type)) {
      throw new Errors.UsageException("no rule has the type '" + type + "': the catalog's types are "
          + String.join(", ", types));
    }
    return rules.stream().filter(rule -> rule.detection().type().equalsIgnoreCase(type)).toList();
  }

  /** {@code "of type TTP in the story 'X'"}, for messages about the selection. */
  String describe() {
    StringBuilder text = new StringBuilder();
    if (type != null) {
      text.append("of type ").append(type.toUpperCase(Locale.ROOT).equals("TTP") ? "TTP" : type);
    }
    if (story != null) {
      text.append(text.isEmpty() ? "" : " ").append("in the story '").append(story).append('\'');
    }
    return text.toString();
  }
}
