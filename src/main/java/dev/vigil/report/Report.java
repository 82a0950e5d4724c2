package dev.vigil.report;

import dev.vigil.schedule.AuditLog;
import dev.vigil.schedule.LateData;
import dev.vigil.schedule.Rule;
import dev.vigil.schedule.RunRecord;
import dev.vigil.store.AtomicFiles;
import dev.vigil.time.CronSchedule;
import dev.vigil.time.ScheduleExplanation;
import dev.vigil.time.TimeModifier;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code vigil report}: a static site of one index page and a page per rule, written into a folder, each file
 * replaced atomically. See docs/report.md for what it shows and the decisions behind it.
 *
 * @param rules     the catalog's rules; those enabled at some time of the period or with runs in it are reported
 * @param ledger    the latest record of each scheduled time, by rule ({@code RunLedger.latestByRule})
 * @param changes   the audit log's changes
 * @param notables  the notables, with their reviews ({@code NotableStore.all})
 * @param risk      the risk events
 * @param late      the windows that received events after their run
 */
public record Report(Period period, ZoneId zone, Instant generated, List<Rule> rules,
                     Map<String, Map<Instant, RunRecord>> ledger, List<AuditLog.Change> changes,
                     List<Map<String, Object>> notables, List<RiskSeries.RiskPoint> risk,
                     List<LateData.LateWindow> late) {

  /** A reported rule with its coverage and the facts of its schedule over the period. */
  record RuleReport(Rule rule, RuleCoverage coverage, ScheduleExplanation explanation,
                    List<ScheduleExplanation.Run> runs, List<ScheduleExplanation.DaylightSavingChange> dst) {}

  /** What was written, for the command's last line. */
  public record Written(Path index, int rules, int windows, int notables) {}

  public Written write(Path out) throws IOException {
    List<RuleReport> reported = reportedRules();
    List<Map<String, Object>> inPeriod = notables.stream()
        .filter(n -> period.contains(Instant.ofEpochSecond(((Number) n.get("_time")).longValue()))).toList();
    Path index = out.resolve("index.html");
    AtomicFiles.write(index, new IndexPage(this, reported, inPeriod).html().getBytes(StandardCharsets.UTF_8));
    for (RuleReport rule : reported) {
      AtomicFiles.write(out.resolve(Html.rulePage(rule.rule().stem())),
          new RulePage(this, rule).html().getBytes(StandardCharsets.UTF_8));
    }
    int windows = reported.stream().mapToInt(r -> r.coverage().slots().size()).sum();
    return new Written(index, reported.size(), windows, inPeriod.size());
  }

  private List<RuleReport> reportedRules() {
    List<RuleReport> reported = new ArrayList<>();
    for (Rule rule : rules) {
      EnabledPeriods enabled = EnabledPeriods.of(rule.stem(), changes, rule.enabled(), rule.enabledSince());
      Map<Instant, RunRecord> runs = ledger.getOrDefault(rule.stem(), Map.of());
      boolean ran = runs.keySet().stream().anyMatch(period::contains);
      boolean everEnabled = enabled.disabledWithin(period).stream().mapToLong(p -> p.length().toMillis()).sum()
          < period.length().toMillis();
      if (!ran && !everEnabled) {
        continue;
      }
      CronSchedule schedule = CronSchedule.parse(rule.deployment().cron());
      ScheduleExplanation explanation = new ScheduleExplanation(schedule,
          TimeModifier.parse(rule.deployment().earliest()), TimeModifier.parse(rule.deployment().latest()), zone);
      List<ScheduleExplanation.Run> scheduled = explanation.runsBetween(period.start(), period.end());
      reported.add(new RuleReport(rule, RuleCoverage.of(rule.stem(), schedule, zone, period, runs, enabled),
          explanation, scheduled, explanation.daylightSaving(scheduled)));
    }
    return reported;
  }
}
