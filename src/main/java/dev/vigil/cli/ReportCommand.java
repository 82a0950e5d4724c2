package dev.vigil.cli;

import dev.vigil.notable.NotableStore;
import dev.vigil.report.Period;
import dev.vigil.report.Report;
import dev.vigil.report.RiskSeries;
import dev.vigil.schedule.AuditLog;
import dev.vigil.schedule.LateData;
import dev.vigil.schedule.Rule;
import dev.vigil.schedule.RuleCatalog;
import dev.vigil.schedule.RunLedger;
import dev.vigil.schedule.RunRecord;
import dev.vigil.schedule.Settings;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "report", mixinStandardHelpOptions = true, sortOptions = false,
    header = "Writes a static HTML report: coverage per rule, risk per object, top notables, rule changes.",
    description = {
        "Writes a static HTML site into DIR: index.html and rules/RULE.html. Nothing is fetched and no "
            + "server is needed: the style is inlined and the charts are SVG, so the folder opens from disk in "
            + "any browser and can be mailed or archived as it is.",
        "",
        "The index shows the rules enabled in the period with a coverage strip each, risk per object "
            + "over time (from the risk events), the top notables, the rule changes of config/local/audit.log "
            + "and the late windows ('vigil late'). Each rule's page draws its scheduled windows coloured by "
            + "state: ok, caught-up, rerun, failed, skipped, running (from the run ledger), gap (a scheduled "
            + "time with no run while the audit log has the rule enabled) and disabled; and explains its "
            + "schedule as 'vigil explain' does, daylight-saving changes marked. See docs/report.md.",
        "",
        "stderr gets one final line:",
        "  report: N rules, M windows, K notables -> DIR/index.html",
        "",
        "Examples:",
        "  vigil report --out report",
        "  vigil report --out last-week --since -7d@d --until @d"})
final class ReportCommand implements Callable<Integer> {
  @Mixin
  Installation installation;

  @Option(names = "--out", paramLabel = "DIR", required = true,
      description = "The folder to write the site into (made if missing; the report's files in it are replaced).")
  Path out;

  @Option(names = "--since", paramLabel = "TIME", defaultValue = "-7d",
      description = "The period's start, ISO-8601 (2024-05-15T00:00:00Z) or a time modifier resolved against now"
          + " (default: ${DEFAULT-VALUE}).")
  String since;

  @Option(names = "--until", paramLabel = "TIME", defaultValue = "now",
      description = "The period's end, exclusive, ISO-8601 or a time modifier (default: ${DEFAULT-VALUE}).")
  String until;

  @Override
  public Integer call() throws Exception {
    Settings settings = installation.settings();
    ZoneId zone = settings.zone();
    Instant now = installation.clock.instant();
    Instant start = TimeArguments.parse(since, now, zone);
    Instant end = TimeArguments.parse(until, now, zone);
    if (!end.isAfter(start)) {
      throw new Errors.UsageException("--until (" + TimeArguments.iso(end, zone) + ") must be after --since ("
          + TimeArguments.iso(start, zone) + ")");
    }
    Report.Written written = write(installation, new Period(start, end), out);
    System.err.println("report: " + plural(written.rules(), "rule") + ", " + plural(written.windows(), "window") + ", "
        + plural(written.notables(), "notable") + " → " + written.index());
    return ExitCodes.OK;
  }

  /** Writes the report of {@code period} over the installation's index into {@code out}. */
  static Report.Written write(Installation installation, Period period, Path out) throws IOException {
    Settings settings = installation.settings();
    Path indexDir = installation.existingIndexDir();
    RunLedger ledger = new RunLedger(indexDir, Errors::warn);
    RuleCatalog catalog = installation.catalog();
    Map<String, Map<Instant, RunRecord>> runs = ledger.latestByRule();
    Set<String> known = catalog.rules().stream().map(Rule::stem).collect(Collectors.toSet());
    runs.forEach((stem, byTime) -> {
      if (!known.contains(stem) && byTime.keySet().stream().anyMatch(period::contains)) {
        Errors.warn(stem + " ran in the period but is no rule of the catalog now (removed, or renamed?): the report"
            + " leaves it out; 'vigil runs " + stem + "' lists its runs");
      }
    });
    try (EventStore store = EventStore.open(installation)) {
      return new Report(period, settings.zone(), installation.clock.instant(), catalog.rules(), runs,
          AuditLog.read(installation.home().auditLog(), Errors::warn), NotableStore.open(indexDir, Errors::warn).all(),
          RiskSeries.read(indexDir.resolve(settings.riskFile()), Errors::warn),
          new LateData(ledger, store.indexTimes()).find(Optional.empty(), period.start())).write(out);
    }
  }

  private static String plural(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }
}
