package dev.vigil.report;

import dev.vigil.schedule.Rule;
import dev.vigil.time.ScheduleExplanation;
import java.time.ZoneId;
import java.util.List;

/**
 * {@code rules/STEM.html}: the rule's coverage timeline, its schedule explained with {@code vigil explain}'s
 * facts over the period, the windows that need a look, and its changes.
 */
final class RulePage {
  private final Report report;
  private final Report.RuleReport rule;

  RulePage(Report report, Report.RuleReport rule) {
    this.report = report;
    this.rule = rule;
  }

  String html() {
    Rule r = rule.rule();
    ZoneId zone = report.zone();
    StringBuilder body = new StringBuilder();
    body.append(Pages.header(r.detection().name(), report, "../index.html"));
    body.append("<main>\n<section id=\"coverage\"><h2>Coverage of the scheduled windows</h2>\n")
        .append(Html.legend()).append(CoverageChart.full(rule.coverage(), zone, rule.dst()))
        .append(Pages.counts(rule.coverage())).append("</section>\n");
    schedule(body, zone);
    attention(body, zone);
    body.append("<section id=\"changes\"><h2>Enabled and disabled</h2>\n<p>")
        .append(r.enabled() ? "Enabled now" + r.enabledSince().map(t -> " (since " + Html.time(t, zone) + ")").orElse("")
            : "Disabled now").append(". Disabled in the period: ");
    List<Period> disabled = rule.coverage().disabled();
    body.append(disabled.isEmpty() ? "never" : String.join(", ", disabled.stream()
        .map(p -> Html.time(p.start(), zone) + " .. " + Html.time(p.end(), zone)).toList())).append(".</p>\n");
    body.append(Pages.changes(report.changes().stream()
        .filter(c -> c.rule().equals(r.stem()) && report.period().contains(c.time())).toList(), zone, false));
    body.append("</section>\n</main>\n");
    return Html.page(r.detection().name() + " — Vigil report", body.toString());
  }

  /** The facts {@code vigil explain RULE} prints, over the period's scheduled times. */
  private void schedule(StringBuilder body, ZoneId zone) {
    ScheduleExplanation explanation = rule.explanation();
    var deployment = rule.rule().deployment();
    body.append("<section id=\"schedule\"><h2>Schedule</h2>\n<dl class=\"facts\">")
        .append("<dt>rule</dt><dd><code>").append(Html.text(rule.rule().stem())).append("</code> · ")
        .append(Html.text(rule.rule().detection().type())).append("</dd>")
        .append("<dt>cron</dt><dd><code>").append(Html.text(deployment.cron())).append("</code> = ")
        .append(Html.text(explanation.schedule().describe())).append("</dd>")
        .append("<dt>window</dt><dd>earliest <code>").append(Html.text(deployment.earliest()))
        .append("</code>, latest <code>").append(Html.text(deployment.latest()))
        .append("</code> of each scheduled time; an event is in it when earliest &lt;= _time &lt; latest</dd>")
        .append("<dt>zone</dt><dd>").append(Html.text(zone)).append(" (setting time_zone)</dd><dt>quartz</dt><dd>");
    List<String> quartz = explanation.quartz();
    body.append(quartz.isEmpty() ? "one trigger at a time, at each scheduled time: this zone has daylight saving, where"
        + " Quartz's CronTrigger would skip a repeated hour (SEMANTICS §2.5)"
        : String.join("<br>", quartz.stream().map(q -> "<code>" + Html.text(q) + "</code>").toList()));
    body.append("</dd>");
    if (explanation.bothDayFieldsRestricted()) {
      body.append("<dt>days</dt><dd>[Vigil] both day-of-month and day-of-week are restricted: a day matches when")
          .append(" either matches (SEMANTICS §2.3)</dd>");
    }
    body.append("<dt>windows</dt><dd>").append(rule.runs().isEmpty() ? "no scheduled time in the period"
        : Html.text(ScheduleExplanation.summary(rule.runs(), zone))).append("</dd>");
    body.append("<dt>dst</dt><dd id=\"dst\">");
    body.append(rule.dst().isEmpty() ? "no daylight-saving change in the period" : String.join("<br>",
        rule.dst().stream().map(change -> "<span class=\"dst-change\">" + Html.text(change) + "</span>").toList()));
    body.append("</dd></dl></section>\n");
  }

  /** The scheduled times that did not search their window: failed, skipped, running, gaps. */
  private void attention(StringBuilder body, ZoneId zone) {
    List<RuleCoverage.Slot> slots = rule.coverage().slots().stream()
        .filter(s -> s.state() == WindowState.FAILED || s.state() == WindowState.SKIPPED
            || s.state() == WindowState.RUNNING || s.state() == WindowState.GAP).toList();
    body.append("<section id=\"attention\"><h2>Windows not searched</h2>\n");
    if (slots.isEmpty()) {
      body.append("<p>Every window of an enabled time was searched.</p></section>\n");
      return;
    }
    body.append("<table><tr><th>scheduled</th><th>state</th><th>window</th><th>error</th></tr>\n");
    for (RuleCoverage.Slot slot : slots) {
      body.append("<tr class=\"slot\"><td>").append(Html.time(slot.scheduled(), zone)).append("</td><td><span class=\"state s-")
          .append(slot.state().label()).append("\">").append(slot.state().label()).append("</span></td><td>")
          .append(slot.run().map(r -> Html.time(r.earliest(), zone) + " .. " + Html.time(r.latest(), zone))
              .orElse("<span class=\"muted\">no run recorded</span>"))
          .append("</td><td>").append(Html.text(slot.run().map(r -> r.error() == null ? "" : r.error()).orElse("")))
          .append("</td></tr>\n");
    }
    body.append("</table></section>\n");
  }
}
