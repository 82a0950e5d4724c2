package dev.vigil.cli;

import dev.vigil.schedule.Rule;
import dev.vigil.schedule.RuleCatalog;
import dev.vigil.schedule.RuleCheck;
import dev.vigil.schedule.RuleRunner;
import dev.vigil.time.CronSchedule;
import dev.vigil.time.Window;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "run", mixinStandardHelpOptions = true,
    header = "Runs one rule once, for a scheduled window or an ad hoc one.",
    description = {
        "Runs one rule once, for the window of one scheduled time, prints its result rows as NDJSON on "
            + "stdout and writes its risk events (a window already run yields no new ones). Works on any rule, "
            + "enabled or not. RULE is a rule's file stem, name or id, or the path of a detection YAML file. "
            + "An ad hoc window (--earliest/--latest without --at) and a detection given by path are searches, "
            + "not the rule's runs: they write risk events only with --risk. A run that writes risk events is "
            + "recorded in the run ledger as 'manual', so that every risk event traces back to a run.",
        "",
        "Examples:",
        "  vigil run windows_iis_components_add_new_module",
        "  vigil run certutil_exe_certificate_extraction --earliest 0 --latest now --no-risk",
        "  vigil run windows_iis_components_add_new_module --at 2024-05-15T14:00:00Z"})
final class RunCommand implements Callable<Integer> {
  @Mixin
  Installation installation;

  @Mixin
  RowOutput rowOutput;

  @Parameters(paramLabel = "RULE", description = "The rule to run.")
  String reference;

  @Option(names = "--at", paramLabel = "TIME",
      description = "Scheduled time of the run, ISO-8601 (default: the rule's latest scheduled time that has passed;"
          + " with --earliest or --latest, the present).")
  String at;

  @Option(names = "--earliest", paramLabel = "MODIFIER", description = "Window start instead of the rule's, e.g. -24h@h or 0.")
  String earliest;

  @Option(names = "--latest", paramLabel = "MODIFIER", description = "Window end instead of the rule's, e.g. now.")
  String latest;

  @Option(names = "--no-risk", description = "Print the rows only; write no risk events.")
  boolean noRisk;

  @Option(names = "--risk",
      description = "Write risk events also for an ad hoc window or a detection given by path.")
  boolean risk;

  @Override
  public Integer call() throws Exception {
    if (risk && noRisk) {
      throw new Errors.UsageException("--risk and --no-risk contradict each other: give one");
    }
    RuleCatalog catalog = installation.catalog();
    Rule rule = installation.rule(catalog, reference);
    // A rule with an error (e.g. a data model Vigil does not store) is refused as 'vigil validate' tells it.
    RuleCheck.problem(rule, installation.checker()).ifPresent(problem -> {
      throw new Errors.UsageException(rule.stem() + ": " + problem);
    });
    ZoneId zone = installation.settings().zone();
    Instant now = installation.clock.instant();
    // A run by hand with its own window is an ad hoc search: its "now" is the present, as in Splunk's search bar.
    boolean adHoc = at == null && (earliest != null || latest != null);
    boolean byPath = !catalog.rules().contains(rule);
    boolean writeRisk = adHoc || byPath ? risk : !noRisk;
    Instant scheduled = at != null ? TimeArguments.parse(at, now, zone) : adHoc ? now : latestScheduled(rule, now, zone);
    try (Engine engine = Engine.open(installation)) {
      Window window = earliest == null && latest == null
          ? engine.runner.windowOf(rule, scheduled)
          : Window.resolve(earliest != null ? earliest : rule.deployment().earliest(),
              latest != null ? latest : rule.deployment().latest(), scheduled, zone);
      RuleRunner.Result result = engine.runner.runByHand(rule, window, scheduled, writeRisk);
      Engine.printRows(result.rows(), rowOutput);
      System.err.printf("%s: window [%s, %s) scheduled %s: %d rows, %s%s%n", rule.stem(), window.earliest(),
          window.latest(), scheduled, result.rows().size(), riskSummary(rule, writeRisk, adHoc, byPath, result, engine),
          notableSummary(rule, writeRisk, result));
      RunSummary.rowsByHost(result.rows()).forEach(line -> System.err.println("  " + line));
      RunSummary.riskByObject("risk by object", result.riskEventsWritten())
          .forEach(line -> System.err.println("  " + line));
      if (!result.notablesWritten().isEmpty()) {
        // What cannot be sent now waits in the notables file for vigil start.
        Alerts.deliverOnce(Alerts.delivery(installation, Errors::warn), System.err::println);
      }
    }
    return ExitCodes.OK;
  }

  private static String riskSummary(Rule rule, boolean writeRisk, boolean adHoc, boolean byPath,
                                    RuleRunner.Result result, Engine engine) {
    if (!rule.deployment().riskEnabled()) {
      return "no risk events (risk-based alerting is off for type " + rule.detection().type() + ")";
    }
    if (!writeRisk) {
      return "no risk events written" + (noRiskReason(adHoc, byPath));
    }
    return result.riskEventsWritten().size() + " risk events written to " + engine.risk.store().file()
        + ", run recorded in " + engine.runner.ledger().file();
  }

  /** Empty for a rule without notables or a run that writes nothing. */
  private static String notableSummary(Rule rule, boolean writeRisk, RuleRunner.Result result) {
    if (rule.deployment().notable().isEmpty() || !writeRisk) {
      return "";
    }
    return "; " + result.notablesWritten().size() + " notables raised"
        + (result.notablesSuppressed() > 0 ? ", " + result.notablesSuppressed() + " suppressed by throttling" : "");
  }

  private static String noRiskReason(boolean adHoc, boolean byPath) {
    if (adHoc) {
      return " (an ad hoc window: give --risk to write them)";
    }
    return byPath ? " (a detection given by path: give --risk to write them)" : " (--no-risk)";
  }

  private static Instant latestScheduled(Rule rule, Instant now, ZoneId zone) {
    return CronSchedule.parse(rule.deployment().cron()).latestFireAtOrBefore(now, Duration.ofDays(400), zone)
        .orElseThrow(() -> new Errors.UsageException(rule.stem() + " has not been scheduled in the last 400 days:"
            + " give --at TIME"));
  }
}
