package dev.vigil.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.plan.TstatsPlan;
import dev.vigil.schedule.Rule;
import dev.vigil.schedule.RuleAdministration;
import dev.vigil.schedule.RuleCatalog;
import dev.vigil.schedule.RuleOrigins;
import dev.vigil.time.Window;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "rules", mixinStandardHelpOptions = true,
    header = "Lists, shows, enables and disables rules.",
    description = {"Lists, shows, enables and disables rules. Rules ship disabled; 'vigil start' runs the enabled ones.",
        "",
        "Examples:",
        "  vigil rules list --enabled",
        "  vigil rules list --story \"Living Off The Land\" --format table",
        "  vigil rules enable windows_iis_components_add_new_module",
        "  vigil rules enable --story \"Living Off The Land\" --type TTP"},
    subcommands = {RulesCommand.ListRules.class, RulesCommand.Show.class, RulesCommand.Enable.class,
        RulesCommand.Disable.class})
final class RulesCommand {
  @Command(name = "list", mixinStandardHelpOptions = true,
      header = "Lists the rules, by state, type or analytic story.",
      description = {
          "One row per rule: rule, name, type, enabled, cron, earliest, latest; --enabled, --disabled, "
              + "--type and --story narrow the list."})
  static final class ListRules implements Callable<Integer> {
    @Mixin
    Installation installation;

    @Mixin
    RuleSelection selection;

    @Option(names = "--enabled", description = "Only the rules that are enabled.")
    boolean enabledOnly;

    @Option(names = "--disabled", description = "Only the rules that are disabled.")
    boolean disabledOnly;

    @Mixin
    RowOutput rowOutput;

    @Override
    public Integer call() throws Exception {
      if (enabledOnly && disabledOnly) {
        throw new Errors.UsageException("give --enabled or --disabled, not both");
      }
      RuleCatalog catalog = installation.catalog();
      catalog.problems().forEach(p -> System.err.println("cannot load " + p));
      List<Rule> rules = selection.select(catalog).stream()
          .filter(rule -> !(enabledOnly && !rule.enabled()) && !(disabledOnly && rule.enabled())).toList();
      try (RowOutput.Printer printer = rowOutput.open()) {
        for (Rule rule : rules) {
          printer.print(summary(rule));
        }
      }
      if (rules.isEmpty()) {
        System.err.println("no rule " + (enabledOnly ? "is enabled" : disabledOnly ? "is disabled" : "matches")
            + (selection.given() ? " " + selection.describe() : ""));
      }
      return catalog.problems().isEmpty() ? ExitCodes.OK : ExitCodes.FINDINGS;
    }
  }

  @Command(name = "show", mixinStandardHelpOptions = true,
      header = "Shows a rule's settings and search, its plan, or where each setting comes from.",
      description = {
          "A rule's settings and its search with macros expanded, as one JSON object; with --plan, the "
              + "plan its tstats compiles to instead.",
          "",
          "Examples:",
          "  vigil rules show windows_iis_components_add_new_module",
          "  vigil rules show windows_iis_components_add_new_module --plan"})
  static final class Show implements Callable<Integer> {
    @Mixin
    Installation installation;

    @Parameters(paramLabel = "RULE")
    String reference;

    @Option(names = "--plan", description = {
        "Print the compiled plan as text: the where clause as a tree of term, terms-in-set, wildcard, "
            + "exists, and/or/not nodes (inputlookup subsearches substituted), the by-fields, span, "
            + "fillnull_value and aggregations. Each run adds its window's time range."})
    boolean plan;

    @Option(names = "--debug", description = {
        "Print each setting with the file and line it comes from (the detection, its type's schedule, "
            + "config/local/rules/, a macro file) or (default), as 'splunk btool --debug' does."})
    boolean debug;

    @Override
    public Integer call() throws Exception {
      RuleCatalog catalog = installation.catalog();
      Rule rule = installation.rule(catalog, reference);
      if (plan) {
        return printPlan(rule);
      }
      if (debug) {
        return printOrigins(catalog, rule);
      }
      ObjectNode node = summary(rule);
      node.put("id", rule.detection().id());
      node.put("file", rule.detection().file().toString());
      node.put("search_name", rule.detection().searchName());
      node.put("realtime_schedule", rule.deployment().realtimeSchedule() ? 1 : 0);
      node.put("schedule_window", rule.deployment().scheduleWindow());
      node.put("risk", rule.deployment().riskEnabled());
      rule.enabledSince().ifPresent(t -> node.put("enabled_at", t.toString()));
      node.put("search", rule.detection().search());
      node.put("expanded_search", rule.prepare(installation.checker()).expandedSpl());
      System.out.println(Engine.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node));
      return ExitCodes.OK;
    }

    private Integer printOrigins(RuleCatalog catalog, Rule rule) throws java.io.IOException {
      List<RuleOrigins.Setting> settings = RuleOrigins.of(catalog, rule);
      int width = settings.stream().mapToInt(setting -> setting.origin().length()).max().orElse(0);
      for (RuleOrigins.Setting setting : settings) {
        System.out.printf("%-" + width + "s  %s = %s%n", setting.origin(), setting.key(), setting.value());
      }
      return ExitCodes.OK;
    }

    private Integer printPlan(Rule rule) throws java.io.IOException {
      Rule.PreparedSearch search = rule.prepare(installation.checker());
      Instant now = installation.clock.instant();
      Window window = Window.resolve(rule.deployment().earliest(), rule.deployment().latest(), now,
          installation.settings().zone());
      Optional<TstatsPlan> compiled;
      try {
        compiled = installation.checker().plan(search.pipeline(), window, now, search.expandedSpl());
      } catch (IllegalStateException e) {
        throw new Errors.UsageException(rule.stem() + ": its plan depends on a subsearch that runs tstats"
            + " over the index; 'vigil rules show --plan' runs nothing");
      }
      if (compiled.isEmpty()) {
        throw new Errors.UsageException(rule.stem() + " opens with inputlookup, not tstats: it has no plan");
      }
      System.out.print(compiled.get().explain());
      return ExitCodes.OK;
    }
  }

  /** What enable and disable share: the rules named or selected, the local file, the audit line. */
  abstract static class SetEnabled implements Callable<Integer> {
    @Mixin
    Installation installation;

    @Parameters(paramLabel = "RULE", arity = "0..*", description = "Rules by file stem, name or id.")
    List<String> references = List.of();

    @Mixin
    RuleSelection selection;

    abstract boolean enable();

    @Override
    public Integer call() throws Exception {
      if (references.isEmpty() == !selection.given()) {
        throw new Errors.UsageException("give the rules by name, or select them with --story and --type; not both");
      }
      RuleCatalog catalog = installation.catalog();
      List<Rule> rules = selection.given() ? selection.select(catalog) : named(catalog);
      if (rules.isEmpty()) {
        throw new Errors.UsageException("no rule " + selection.describe());
      }
      RuleAdministration administration =
          new RuleAdministration(installation.home(), installation.clock, System.getProperty("user.name"));
      String state = enable() ? "enabled" : "disabled";
      int changed = 0;
      for (Rule rule : rules) {
        boolean change = administration.setEnabled(rule, enable(), catalog.localProblem(rule.stem()));
        changed += change ? 1 : 0;
        System.err.println(rule.stem() + (change ? " " + state : " was already " + state));
      }
      if (rules.size() > 1) {
        System.err.printf("%s %d of %d rules%s%n", state, changed, rules.size(),
            selection.given() ? " " + selection.describe() : "");
      }
      return ExitCodes.OK;
    }

    /** Only rules of the catalog: a detection file elsewhere would get an override for a rule that does not load. */
    private List<Rule> named(RuleCatalog catalog) {
      List<Rule> rules = new ArrayList<>();
      for (String reference : references) {
        rules.add(catalog.named(reference).orElseThrow(() -> new Errors.UsageException("no rule '" + reference
            + "' in the catalog" + Installation.didYouMean(catalog, reference) + ": give a file stem, name or id from"
            + " 'vigil rules list' (to add a detection, copy its file into config/local/detections/)")));
      }
      return rules;
    }
  }

  @Command(name = "enable", mixinStandardHelpOptions = true,
      header = "Enables rules, named or by analytic story, each change audited.",
      description = {
          "Enables rules (config/local/rules/RULE.yml) and records each in config/local/audit.log: the "
              + "rules named, or those of an analytic story (--story) and type (--type), as ES admins enable "
              + "content."})
  static final class Enable extends SetEnabled {
    @Override
    boolean enable() {
      return true;
    }
  }

  @Command(name = "disable", mixinStandardHelpOptions = true,
      header = "Disables rules, named or by analytic story, each change audited.",
      description = "Disables rules, named or selected by --story and --type, and records each in config/local/audit.log.")
  static final class Disable extends SetEnabled {
    @Override
    boolean enable() {
      return false;
    }
  }

  private static ObjectNode summary(Rule rule) {
    return Engine.JSON.createObjectNode()
        .put("rule", rule.stem())
        .put("name", rule.detection().name())
        .put("type", rule.detection().type())
        .put("enabled", rule.enabled())
        .put("cron", rule.deployment().cron())
        .put("earliest", rule.deployment().earliest())
        .put("latest", rule.deployment().latest());
  }
}
