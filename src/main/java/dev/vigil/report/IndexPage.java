package dev.vigil.report;

import dev.vigil.schedule.AuditLog;
import dev.vigil.schedule.LateData;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** {@code index.html}: the rules and their coverage, risk per object, top notables, rule changes, late data. */
final class IndexPage {
  /** ES's urgencies, most urgent first: top notables are sorted by it, then newest first. */
  private static final List<String> URGENCIES = List.of("critical", "high", "medium", "low", "informational");
  static final int TOP_NOTABLES = 10;

  private final Report report;
  private final List<Report.RuleReport> rules;
  private final List<Map<String, Object>> notables;

  IndexPage(Report report, List<Report.RuleReport> rules, List<Map<String, Object>> notables) {
    this.report = report;
    this.rules = rules;
    this.notables = notables;
  }

  String html() {
    StringBuilder body = new StringBuilder();
    body.append(Pages.header("Vigil report", report, null));
    body.append("<main>\n");
    tiles(body);
    rules(body);
    risk(body);
    topNotables(body);
    changes(body);
    late(body);
    body.append("</main>\n");
    return Html.page("Vigil report", body.toString());
  }

  private void tiles(StringBuilder body) {
    long enabledNow = rules.stream().filter(r -> r.rule().enabled()).count();
    int windows = rules.stream().mapToInt(r -> r.coverage().slots().size()).sum();
    long problems = rules.stream().flatMap(r -> r.coverage().slots().stream())
        .filter(s -> s.state() == WindowState.FAILED || s.state() == WindowState.GAP).count();
    body.append("<div class=\"tiles\">");
    tile(body, "rules-enabled", String.valueOf(enabledNow), "rules enabled now");
    tile(body, "windows", String.valueOf(windows), "scheduled windows");
    tile(body, "problems", String.valueOf(problems), "failed or gaps");
    tile(body, "notables", String.valueOf(notables.size()), "notables");
    tile(body, "late", String.valueOf(late().size()), "late windows");
    body.append("</div>\n");
  }

  private static void tile(StringBuilder body, String id, String value, String label) {
    body.append("<div class=\"tile\" id=\"tile-").append(id).append("\"><b>").append(Html.text(value))
        .append("</b><span>").append(Html.text(label)).append("</span></div>");
  }

  private void rules(StringBuilder body) {
    body.append("<section id=\"rules\"><h2>Rules and their coverage</h2>\n");
    if (rules.isEmpty()) {
      body.append("<p>No rule was enabled in the period, and none ran.</p></section>\n");
      return;
    }
    body.append(Html.legend());
    body.append("<table><tr><th style=\"width:26%\">rule</th><th>cron</th><th>now</th><th>coverage</th></tr>\n");
    for (Report.RuleReport rule : rules) {
      body.append("<tr class=\"rule\" data-rule=\"").append(Html.text(rule.rule().stem())).append("\"><td><a href=\"")
          .append(Html.rulePage(rule.rule().stem())).append("\">").append(Html.text(rule.rule().detection().name()))
          .append("</a><br><span class=\"muted\">").append(Html.text(rule.rule().detection().type())).append("</span></td><td><code>")
          .append(Html.text(rule.rule().deployment().cron())).append("</code></td><td>")
          .append(rule.rule().enabled() ? "enabled" : "disabled").append("</td><td>")
          .append(CoverageChart.strip(rule.coverage(), report.zone(), rule.dst()))
          .append(Pages.counts(rule.coverage())).append("</td></tr>\n");
    }
    body.append("</table></section>\n");
  }

  private void risk(StringBuilder body) {
    RiskSeries series = RiskSeries.of(report.risk(), report.period());
    body.append("<section id=\"risk\"><h2>Risk per object</h2>\n<p class=\"muted\">Risk score summed per ")
        .append(series.bucketName())
        .append(", at each run's scheduled time (SEMANTICS §5.2); the ").append(RiskSeries.MAX_SERIES)
        .append(" objects of the highest total.</p>\n");
    if (series.series().isEmpty()) {
      body.append("<p>No risk events in the period.</p></section>\n");
      return;
    }
    body.append(RiskChart.draw(series, report.period(), report.zone()));
    body.append("<ul class=\"legend\">");
    for (int i = 0; i < series.series().size(); i++) {
      RiskSeries.Series s = series.series().get(i);
      body.append("<li><span class=\"swatch\" style=\"background:").append(RiskChart.PALETTE[i % RiskChart.PALETTE.length])
          .append("\"></span>").append(Html.text(s.object())).append(" <span class=\"muted\">(")
          .append(Html.text(s.objectType())).append(", ").append(Math.round(s.total())).append(")</span></li>");
    }
    body.append("</ul>");
    if (series.leftOut() > 0) {
      body.append("<p class=\"muted\">").append(series.leftOut()).append(" more objects with less risk are not drawn.</p>");
    }
    body.append("</section>\n");
  }

  private void topNotables(StringBuilder body) {
    body.append("<section id=\"notables\"><h2>Top notables</h2>\n");
    if (notables.isEmpty()) {
      body.append("<p>No notables in the period.</p></section>\n");
      return;
    }
    List<Map<String, Object>> top = notables.stream().sorted(Comparator
        .comparingInt((Map<String, Object> n) -> urgencyRank(n.get("urgency")))
        .thenComparing(n -> -((Number) n.get("_time")).longValue())).limit(TOP_NOTABLES).toList();
    body.append("<p class=\"muted\">").append(top.size()).append(" of ").append(notables.size())
        .append(", most urgent first, then newest.</p>\n");
    body.append("<table><tr><th>time</th><th>urgency</th><th>title</th><th>object</th><th>status</th><th>owner</th></tr>\n");
    for (Map<String, Object> n : top) {
      String urgency = String.valueOf(n.get("urgency"));
      body.append("<tr class=\"notable\"><td>")
          .append(Html.time(Instant.ofEpochSecond(((Number) n.get("_time")).longValue()), report.zone()))
          .append("</td><td class=\"urgency-").append(Html.text(urgency)).append("\">").append(Html.text(urgency))
          .append("</td><td class=\"title\">").append(Html.text(n.get("rule_title"))).append("</td><td>")
          .append(Html.text(object(n))).append("</td><td>").append(Html.text(n.get("status"))).append("</td><td>")
          .append(Html.text(n.get("owner"))).append("</td></tr>\n");
    }
    body.append("</table></section>\n");
  }

  private static int urgencyRank(Object urgency) {
    int rank = URGENCIES.indexOf(String.valueOf(urgency));
    return rank < 0 ? URGENCIES.size() : rank;
  }

  /** What the notable is about: its risk object, else its host, else its user. */
  private static String object(Map<String, Object> notable) {
    for (String field : List.of("risk_object", "dest", "user")) {
      Object value = notable.get(field);
      if (value != null && !String.valueOf(value).isEmpty()) {
        return String.valueOf(value);
      }
    }
    return "";
  }

  private void changes(StringBuilder body) {
    List<AuditLog.Change> inPeriod = report.changes().stream().filter(c -> report.period().contains(c.time())).toList();
    body.append("<section id=\"changes\"><h2>Rule changes</h2>\n<p class=\"muted\">From config/local/audit.log.</p>\n");
    body.append(Pages.changes(inPeriod, report.zone(), true));
    body.append("</section>\n");
  }

  private List<LateData.LateWindow> late() {
    return report.late().stream().filter(w -> report.period().contains(w.run().scheduled())).toList();
  }

  private void late(StringBuilder body) {
    List<LateData.LateWindow> late = late();
    body.append("<section id=\"late\"><h2>Late data</h2>\n<p class=\"muted\">Windows that received events indexed after")
        .append(" their run searched them ('vigil late'); known for runs that recorded the index time they saw.</p>\n");
    if (late.isEmpty()) {
      body.append("<p>No late windows in the period.</p></section>\n");
      return;
    }
    body.append("<table><tr><th>rule</th><th>scheduled</th><th>window</th><th>late events</th><th>last indexed</th></tr>\n");
    for (LateData.LateWindow w : late) {
      body.append("<tr class=\"late\"><td>").append(Html.text(w.run().rule())).append("</td><td>")
          .append(Html.time(w.run().scheduled(), report.zone())).append("</td><td>")
          .append(Html.time(w.run().earliest(), report.zone())).append(" .. ")
          .append(Html.time(w.run().latest(), report.zone())).append("</td><td class=\"num\">").append(w.lateEvents())
          .append("</td><td>").append(Html.time(w.lastIndexed(), report.zone())).append("</td></tr>\n");
    }
    body.append("</table></section>\n");
  }
}
