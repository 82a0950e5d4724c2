package dev.vigil.cli;

import dev.vigil.query.Row;
import dev.vigil.risk.RiskEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The lines a person reads after {@code vigil run} or {@code vigil test}: which hosts the rows are about, and which
 * risk objects gained how much risk, the largest first, as ES's risk analysis dashboard ranks them.
 */
final class RunSummary {
  static final int SHOWN = 5;

  private RunSummary() {}

  /** {@code "rows by host: web-1 3, web-2 1"}; empty when no row names a host ({@code dest}). */
  static List<String> rowsByHost(List<Row> rows) {
    Map<String, Long> byHost = new LinkedHashMap<>();
    for (Row row : rows) {
      row.values("dest").stream().filter(host -> !host.isEmpty()).distinct()
          .forEach(host -> byHost.merge(host, 1L, Long::sum));
    }
    if (byHost.isEmpty()) {
      return List.of();
    }
    List<String> parts = byHost.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
        .map(entry -> entry.getKey() + " " + entry.getValue()).toList();
    return List.of("rows by host: " + shortened(parts));
  }

  /**
   * {@code "risk by object: web-1 (system) 120 in 3 events, alice (user) 40 in 1 event"}, scored as ES does
   * ({@code calculated_risk_score}); empty without risk events.
   *
   * @param lead what the risk events are, e.g. {@code "risk by object"} or {@code "risk it would write"}
   */
  static List<String> riskByObject(String lead, List<RiskEvent> events) {
    record Total(String object, String type, double score, long events) {}
    Map<String, Total> totals = new LinkedHashMap<>();
    for (RiskEvent event : events) {
      String object = String.valueOf(event.fields().get("risk_object"));
      String type = String.valueOf(event.fields().get("risk_object_type"));
      double score = ((Number) event.fields().get("calculated_risk_score")).doubleValue();
      totals.merge(type + "\u0000" + object, new Total(object, type, score, 1),
          (a, b) -> new Total(a.object(), a.type(), a.score() + b.score(), a.events() + b.events()));
    }
    if (totals.isEmpty()) {
      return List.of();
    }
    List<String> parts = new ArrayList<>();
    totals.values().stream()
        .sorted(Comparator.comparingDouble(Total::score).reversed().thenComparing(Total::object))
        .forEach(t -> parts.add(String.format(Locale.ROOT, "%s (%s) %s in %d event%s", t.object(), t.type(),
            score(t.score()), t.events(), t.events() == 1 ? "" : "s")));
    return List.of(lead + ": " + shortened(parts));
  }

  private static String score(double score) {
    return score == Math.rint(score) ? String.valueOf((long) score) : String.format(Locale.ROOT, "%.2f", score);
  }

  private static String shortened(List<String> parts) {
    String shown = String.join(", ", parts.subList(0, Math.min(SHOWN, parts.size())));
    return parts.size() > SHOWN ? shown + " and " + (parts.size() - SHOWN) + " more" : shown;
  }
}
