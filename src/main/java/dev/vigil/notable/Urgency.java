package dev.vigil.notable;

import java.util.List;
import java.util.Map;

/**
 * ES's urgency of a notable from the rule's severity and the highest priority of the assets and identities it
 * names (docs/rba.md, "Urgency"): informational stays informational; an unknown or low priority lowers the
 * urgency a step below the severity (low, medium and high severities give low, low and medium), a medium one
 * keeps it, high and critical raise it.
 */
public final class Urgency {
  /** Severities in rank order, as ES names them. */
  public static final List<String> SEVERITIES = List.of("informational", "low", "medium", "high", "critical");

  /** priority → the urgency of each severity, in {@link #SEVERITIES} order. */
  private static final Map<String, List<String>> MATRIX = Map.of(
      "unknown", List.of("informational", "low", "low", "medium", "high"),
      "informational", List.of("informational", "low", "low", "medium", "high"),
      "low", List.of("informational", "low", "low", "medium", "high"),
      "medium", List.of("informational", "low", "medium", "high", "critical"),
      "high", List.of("informational", "medium", "high", "high", "critical"),
      "critical", List.of("informational", "medium", "high", "critical", "critical"));

  private Urgency() {}

  public static String of(String severity, String priority) {
    int column = SEVERITIES.indexOf(severity);
    if (column < 0) {
      throw new IllegalArgumentException("unknown severity '" + severity + "' (one of " + SEVERITIES + ")");
    }
    return MATRIX.getOrDefault(priority, MATRIX.get("unknown")).get(column);
  }

  /**
   * The severity of a rule whose risk score is {@code score}, in contentctl's bands: up to 20 informational, to
   * 40 low, to 60 medium, to 80 high, above critical.
   */
  public static String severityOf(int score) {
    if (score <= 20) {
      return "informational";
    } else if (score <= 40) {
      return "low";
    } else if (score <= 60) {
      return "medium";
    } else if (score <= 80) {
      return "high";
    }
    return "critical";
  }
}
