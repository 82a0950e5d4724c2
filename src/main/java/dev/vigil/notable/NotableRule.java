package dev.vigil.notable;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What a rule says about its notables (docs/rba.md, "Notables"): its names and texts, the score its severity
 * comes from, and the fields that identify a row and that the notable is drilled down on.
 *
 * @param ruleTitle       {@code rule_title}, {@code %name%} and {@code $field$} tokens unfilled
 * @param ruleDescription {@code rule_description}, likewise
 * @param groupFields     the result fields that identify a row within a window (the tstats by-fields), so that a
 *                        window run again gives the same notable ids
 * @param search          the rule's search as it ran, macros expanded, for the drilldown
 * @param throttle        {@code alert.suppress.period}; empty when the rule is not throttled
 * @param throttleFields  {@code alert.suppress.fields} of a throttled rule (empty: all its notables are one)
 */
public record NotableRule(String ruleId, String stem, String searchName, String name, String description,
                          String securityDomain, int score, String ruleTitle, String ruleDescription,
                          List<String> nesFields, List<String> groupFields, String search,
                          Optional<Duration> throttle, List<String> throttleFields) {
  public NotableRule {
    nesFields = List.copyOf(nesFields);
    groupFields = List.copyOf(groupFields);
    throttleFields = List.copyOf(throttleFields);
  }
}
