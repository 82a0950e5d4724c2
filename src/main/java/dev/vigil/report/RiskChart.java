package dev.vigil.report;

import java.time.ZoneId;

/**
 * Risk per object over time as an inline SVG line chart: a {@code g.series} per object with a line and a
 * point per bucket, colours from a fixed palette that the legend beside it repeats.
 */
final class RiskChart {
  static final String[] PALETTE = {"#3b7dd8", "#d7301f", "#2e9e5b", "#f0a030", "#8e6cc6", "#17becf", "#c51b7d",
      "#7f7f7f"};
  private static final double WIDTH = 1180;
  private static final double HEIGHT = 210;
  private static final double LEFT = 52;
  private static final double TOP = 10;
  private static final double BOTTOM = 24;

  private RiskChart() {}

  static String draw(RiskSeries risk, Period period, ZoneId zone) {
    TimeAxis axis = new TimeAxis(period, zone, LEFT, WIDTH - LEFT - 10);
    double plot = HEIGHT - TOP - BOTTOM;
    double max = Math.max(1, risk.maxScore());
    StringBuilder svg = new StringBuilder("<svg class=\"risk\" viewBox=\"0 0 " + Html.number(WIDTH) + " "
        + Html.number(HEIGHT) + "\" role=\"img\" aria-label=\"risk score per object\">\n");
    for (int i = 0; i <= 4; i++) {
      double y = TOP + plot - plot * i / 4;
      svg.append("<line class=\"tick\" x1=\"").append(Html.number(LEFT)).append("\" x2=\"")
          .append(Html.number(WIDTH - 10)).append("\" y1=\"").append(Html.number(y)).append("\" y2=\"")
          .append(Html.number(y)).append("\"/><text x=\"").append(Html.number(LEFT - 6)).append("\" y=\"")
          .append(Html.number(y + 4)).append("\" text-anchor=\"end\">").append(Math.round(max * i / 4))
          .append("</text>\n");
    }
    for (TimeAxis.Tick tick : axis.ticks()) {
      svg.append("<text x=\"").append(Html.number(tick.x())).append("\" y=\"").append(Html.number(HEIGHT - 6))
          .append("\" text-anchor=\"middle\">").append(Html.text(tick.label())).append("</text>\n");
    }
    double half = risk.bucket().toMillis() / 2.0;
    for (int s = 0; s < risk.series().size(); s++) {
      RiskSeries.Series series = risk.series().get(s);
      String colour = PALETTE[s % PALETTE.length];
      StringBuilder points = new StringBuilder();
      StringBuilder dots = new StringBuilder();
      for (int b = 0; b < risk.buckets().size(); b++) {
        double score = series.scores().get(b);
        String x = Html.number(axis.x(risk.buckets().get(b).plusMillis((long) half)));
        String y = Html.number(TOP + plot - plot * score / max);
        points.append(b == 0 ? "" : " ").append(x).append(',').append(y);
        dots.append("<circle class=\"point\" cx=\"").append(x).append("\" cy=\"").append(y).append("\" r=\"")
            .append(score > 0 ? "3.5" : "1.5").append("\"><title>").append(Html.text(series.object() + ": "
                + Math.round(score) + " at " + dev.vigil.time.ScheduleExplanation.iso(risk.buckets().get(b), zone)))
            .append("</title></circle>");
      }
      svg.append("<g class=\"series\" data-object=\"").append(Html.text(series.object())).append("\" stroke=\"")
          .append(colour).append("\" fill=\"").append(colour).append("\">\n<polyline fill=\"none\" stroke-width=\"2\"")
          .append(" points=\"").append(points).append("\"/>\n").append(dots).append("\n</g>\n");
    }
    return svg.append("</svg>\n").toString();
  }
}
