package dev.vigil.report;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.apache.commons.text.StringEscapeUtils;

/**
 * The report's pages: one self-contained HTML document each, the style sheet inlined, no script and nothing
 * fetched, so that the folder opens from disk anywhere. Every value that comes from data goes through {@link #text}.
 */
final class Html {
  private static final DateTimeFormatter SHORT_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

  private Html() {}

  /** Text and attribute values from data (rule names, commands, users), escaped for HTML. */
  static String text(Object value) {
    return StringEscapeUtils.escapeHtml4(String.valueOf(value));
  }

  /** A rule's page, relative to the index. */
  static String rulePage(String stem) {
    return "rules/" + URLEncoder.encode(stem, StandardCharsets.UTF_8).replace("+", "%20") + ".html";
  }

  /** A time as tables show it, {@code 2024-05-15 14:00}, in the report's zone (the header names it). */
  static String time(Instant t, ZoneId zone) {
    return text(SHORT_TIME.format(t.atZone(zone)));
  }

  /** SVG coordinates with one decimal, the same whatever the default locale. */
  static String number(double value) {
    return String.format(Locale.ROOT, "%.1f", value);
  }

  static String page(String title, String body) {
    return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        + "<title>" + text(title) + "</title>\n<style>\n" + STYLE + "</style>\n</head>\n<body>\n" + body
        + "</body>\n</html>\n";
  }

  /** A swatch and label for each state, as the coverage timelines colour them. */
  static String legend() {
    StringBuilder html = new StringBuilder("<ul class=\"legend\">");
    for (WindowState state : WindowState.values()) {
      html.append("<li title=\"").append(text(state.meaning())).append("\"><span class=\"swatch s-")
          .append(state.label()).append("\"></span>").append(state.label()).append("</li>");
    }
    return html.append("<li title=\"from the audit log\"><span class=\"swatch disabled-period\"></span>")
        .append("disabled (audit log)</li><li><span class=\"swatch dst-swatch\"></span>daylight-saving change</li>")
        .append("</ul>\n").toString();
  }

  private static final String STYLE = """
      :root { --ok: #2e9e5b; --caught-up: #7cc7a0; --rerun: #3b7dd8; --failed: #d7301f; --skipped: #f0a030;
        --running: #8e6cc6; --gap: #c51b7d; --disabled: #d5d8dc; --ink: #1f2933; --muted: #66727f; --line: #e3e7eb; }
      * { box-sizing: border-box; }
      body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; color: var(--ink);
        margin: 0; background: #f6f7f9; }
      header { background: #1f2933; color: #fff; padding: 14px 28px; }
      header h1 { margin: 0; font-size: 20px; font-weight: 600; }
      header p { margin: 2px 0 0; color: #c8d0d8; font-size: 13px; }
      header a { color: #9fd3ff; }
      main { padding: 18px 28px 40px; max-width: 1240px; }
      section { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 14px 18px; margin-bottom: 16px; }
      h2 { font-size: 16px; margin: 0 0 10px; }
      h3 { font-size: 14px; margin: 14px 0 6px; }
      .tiles { display: flex; gap: 12px; flex-wrap: wrap; margin-bottom: 16px; }
      .tile { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 10px 16px; min-width: 150px; }
      .tile b { display: block; font-size: 22px; }
      .tile span { color: var(--muted); font-size: 12px; }
      table { border-collapse: collapse; width: 100%; }
      th, td { text-align: left; padding: 5px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
      th { font-size: 12px; color: var(--muted); font-weight: 600; }
      td.num { text-align: right; font-variant-numeric: tabular-nums; }
      code { font: 12px/1.4 ui-monospace, "DejaVu Sans Mono", monospace; background: #f0f2f4; padding: 1px 4px; border-radius: 3px; }
      .muted { color: var(--muted); }
      .legend { list-style: none; padding: 0; margin: 6px 0 10px; display: flex; flex-wrap: wrap; gap: 4px 16px; font-size: 12px; }
      .swatch { display: inline-block; width: 12px; height: 12px; border-radius: 2px; margin-right: 5px; vertical-align: -2px; }
      .s-ok { fill: var(--ok); background: var(--ok); } .s-caught-up { fill: var(--caught-up); background: var(--caught-up); }
      .s-rerun { fill: var(--rerun); background: var(--rerun); } .s-failed { fill: var(--failed); background: var(--failed); }
      .s-skipped { fill: var(--skipped); background: var(--skipped); } .s-running { fill: var(--running); background: var(--running); }
      .s-gap { fill: var(--gap); background: var(--gap); } .s-disabled { fill: var(--disabled); background: var(--disabled); }
      .disabled-period { fill: #7b8794; background: repeating-linear-gradient(45deg, #7b8794 0 3px, #fff 3px 6px); }
      .dst-swatch { background: #0b6bcb; width: 3px; }
      svg { display: block; max-width: 100%; height: auto; }
      svg text { font: 11px system-ui, sans-serif; fill: var(--muted); }
      svg .tick { stroke: var(--line); }
      svg .dst { stroke: #0b6bcb; stroke-width: 1.5; stroke-dasharray: 4 3; }
      svg .frame { fill: none; stroke: var(--line); }
      .counts span { display: inline-block; margin-right: 10px; font-size: 12px; white-space: nowrap; }
      .state { display: inline-block; padding: 0 6px; border-radius: 3px; color: #fff; font-size: 12px; }
      .urgency-critical { color: #a50f15; font-weight: 600; } .urgency-high { color: #d7301f; font-weight: 600; }
      .urgency-medium { color: #b56b00; } .urgency-low, .urgency-informational { color: var(--muted); }
      dl.facts { display: grid; grid-template-columns: 110px 1fr; gap: 4px 12px; margin: 0; }
      dl.facts dt { color: var(--muted); } dl.facts dd { margin: 0; }
      """;
}
