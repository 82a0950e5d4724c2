package dev.vigil.report;

import dev.vigil.schedule.AuditLog;
import dev.vigil.time.ScheduleExplanation;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/** The parts the index and the rule pages share: the header, a rule's counts by state, a table of rule changes. */
final class Pages {
  private Pages() {}

  /** @param back the link to the index from a rule page; null on the index itself */
  static String header(String title, Report report, String back) {
    ZoneId zone = report.zone();
    return "<header><h1>" + Html.text(title) + "</h1><p>"
        + (back == null ? "" : "<a href=\"" + back + "\">← all rules</a> · ")
        + "period <span id=\"period\">" + Html.text(ScheduleExplanation.iso(report.period().start(), zone)) + " .. "
        + Html.text(ScheduleExplanation.iso(report.period().end(), zone)) + "</span> · times in <b id=\"zone\">"
        + Html.text(zone) + "</b> (the setting time_zone) · generated "
        + Html.text(ScheduleExplanation.iso(report.generated().truncatedTo(java.time.temporal.ChronoUnit.SECONDS), zone)) + "</p></header>\n";
  }

  /** E.g. "■ 12 ok ■ 1 failed ■ 2 gap", in the states' order. */
  static String counts(RuleCoverage coverage) {
    StringBuilder html = new StringBuilder("<div class=\"counts\">");
    for (Map.Entry<WindowState, Integer> count : coverage.counts().entrySet()) {
      html.append("<span data-state=\"").append(count.getKey().label()).append("\"><span class=\"swatch s-")
          .append(count.getKey().label()).append("\"></span>").append(count.getValue()).append(' ')
          .append(count.getKey().label()).append("</span>");
    }
    if (coverage.slots().isEmpty()) {
      html.append("<span>no scheduled time in the period</span>");
    }
    return html.append("</div>").toString();
  }

  /** The audit log's changes as a table; {@code withRule} adds the rule's column. */
  static String changes(List<AuditLog.Change> changes, ZoneId zone, boolean withRule) {
    if (changes.isEmpty()) {
      return "<p>No rule was enabled or disabled in the period.</p>\n";
    }
    StringBuilder html = new StringBuilder("<table><tr><th>time</th>" + (withRule ? "<th>rule</th>" : "")
        + "<th>change</th><th>by</th></tr>\n");
    for (AuditLog.Change change : changes) {
      html.append("<tr class=\"change\"><td>").append(Html.time(change.time(), zone)).append("</td>");
      if (withRule) {
        html.append("<td><a href=\"").append(Html.rulePage(change.rule())).append("\">").append(Html.text(change.rule()))
            .append("</a></td>");
      }
      html.append("<td>").append(change.enabled() ? "enabled" : "disabled").append("</td><td>")
          .append(Html.text(change.user())).append("</td></tr>\n");
    }
    return html.append("</table>\n").toString();
  }
}
