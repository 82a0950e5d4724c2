package dev.vigil.schedule;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * When and over what window a detection runs (SEMANTICS §2): the ESCU default for its type, with an
 * administrator's overrides applied.
 *
 * @param realtimeSchedule false for continuous scheduling (ESCU's choice: missed runs are caught up), true
 *                         for skip mode (SEMANTICS §2.8)
 * @param riskEnabled      whether runs write risk events ({@code alert_action.rba.enabled})
 * @param lookback         how far back this rule catches up; empty means the installation's setting
 * @param notable          {@code alert_action.notable}: each result row is a notable; empty for none
 * @param suppression      {@code alert.suppress}: throttling of notables; empty for none
 */
public record Deployment(String cron, String earliest, String latest, String scheduleWindow,
                         boolean realtimeSchedule, boolean riskEnabled, Optional<Duration> lookback,
                         Optional<Notable> notable, Optional<Suppression> suppression) {
  /**
   * Splunk's throttling ({@code alert.suppress.period}, {@code alert.suppress.fields}): after a notable, the
   * rule's notables with the same values of {@code fields} are suppressed for {@code period} (docs/rba.md,
   * "Throttling"); without fields, all of the rule's.
   */
  public record Suppression(Duration period, List<String> fields) {
    public Suppression {
      fields = List.copyOf(fields);
    }
  }

  /**
   * What a notable of the rule says: {@code rule_title} and {@code rule_description}, where {@code %name%} and
   * {@code %description%} stand for the detection's and {@code $field$} for the row's values, and the
   * {@code nes_fields} the notable is drilled down on.
   */
  public record Notable(String ruleTitle, String ruleDescription, List<String> nesFields) {
    public Notable {
      nesFields = List.copyOf(nesFields);
    }
  }
}
