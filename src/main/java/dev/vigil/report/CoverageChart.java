package dev.vigil.report;

import dev.vigil.time.ScheduleExplanation;
import java.time.ZoneId;
import java.util.List;

/**
 * A rule's coverage timeline as inline SVG: one bar of segments coloured by state, under it a band where the
 * audit log has the rule disabled, daylight-saving changes as dashed lines. Each element has a {@code <title>},
 * which browsers show on hover; the segments carry {@code data-state} for tests and scripts alike.
 */
final class CoverageChart {
  private static final double WIDTH = 1180;
  private static final double LEFT = 4;

  private CoverageChart() {}

  /** The full timeline of a rule's page: bar, disabled band, ticks and labels. */
  static String full(RuleCoverage coverage, ZoneId zone, List<ScheduleExplanation.DaylightSavingChange> dst) {
    return draw(coverage, zone, dst, 34, true);
  }

  /** A thin strip for the index's rule table. */
  static String strip(RuleCoverage coverage, ZoneId zone, List<ScheduleExplanation.DaylightSavingChange> dst) {
    return draw(coverage, zone, dst, 14, false);
  }

  private static String draw(RuleCoverage coverage, ZoneId zone, List<ScheduleExplanation.DaylightSavingChange> dst,
                             double barHeight, boolean labelled) {
    TimeAxis axis = new TimeAxis(coverage.period(), zone, LEFT, WIDTH - 2 * LEFT);
    double band = labelled ? 8 : 3;
    double height = barHeight + band + 2 + (labelled ? 18 : 0);
    StringBuilder svg = new StringBuilder();
    svg.append("<svg class=\"coverage").append(labelled ? "" : " strip").append("\" viewBox=\"0 0 ")
        .append(Html.number(WIDTH)).append(' ').append(Html.number(height)).append("\" role=\"img\" aria-label=\"")
        .append(Html.text("coverage of " + coverage.rule())).append("\">\n");
    svg.append("<rect class=\"frame\" x=\"").append(Html.number(LEFT)).append("\" y=\"0\" width=\"")
        .append(Html.number(WIDTH - 2 * LEFT)).append("\" height=\"").append(Html.number(barHeight)).append("\"/>\n");
    if (labelled) {
      for (TimeAxis.Tick tick : axis.ticks()) {
        svg.append("<line class=\"tick\" x1=\"").append(Html.number(tick.x())).append("\" x2=\"")
            .append(Html.number(tick.x())).append("\" y1=\"0\" y2=\"").append(Html.number(barHeight + band + 4))
            .append("\"/><text x=\"").append(Html.number(tick.x() + 2)).append("\" y=\"")
            .append(Html.number(height - 3)).append("\">").append(Html.text(tick.label())).append("</text>\n");
      }
    }
    for (RuleCoverage.Segment segment : coverage.segments()) {
      double x = axis.x(segment.start());
      double w = Math.max(1, axis.x(segment.end()) - x);
      svg.append("<rect class=\"seg s-").append(segment.state().label()).append("\" data-state=\"")
          .append(segment.state().label()).append("\" data-windows=\"").append(segment.windows()).append("\" x=\"")
          .append(Html.number(x)).append("\" y=\"0\" width=\"").append(Html.number(w)).append("\" height=\"")
          .append(Html.number(barHeight)).append("\"><title>").append(Html.text(segment.state().label() + ": "
              + segment.windows() + (segment.windows() == 1 ? " window, " : " windows, ")
              + ScheduleExplanation.iso(segment.start(), zone) + " .. " + ScheduleExplanation.iso(segment.end(), zone)))
          .append("</title></rect>\n");
    }
    for (Period off : coverage.disabled()) {
      double x = axis.x(off.start());
      svg.append("<rect class=\"disabled-period\" x=\"").append(Html.number(x)).append("\" y=\"")
          .append(Html.number(barHeight + 2)).append("\" width=\"").append(Html.number(Math.max(1, axis.x(off.end()) - x)))
          .append("\" height=\"").append(Html.number(band)).append("\"><title>")
          .append(Html.text("disabled " + ScheduleExplanation.iso(off.start(), zone) + " .. "
              + ScheduleExplanation.iso(off.end(), zone) + " (audit log)")).append("</title></rect>\n");
    }
    for (ScheduleExplanation.DaylightSavingChange change : dst) {
      if (coverage.period().contains(change.transition().getInstant())) {
        String x = Html.number(axis.x(change.transition().getInstant()));
        svg.append("<line class=\"dst\" x1=\"").append(x).append("\" x2=\"").append(x)
            .append("\" y1=\"0\" y2=\"").append(Html.number(barHeight + band + 2)).append("\"><title>")
            .append(Html.text("daylight saving: " + change)).append("</title></line>\n");
      }
    }
    return svg.append("</svg>\n").toString();
  }
}
