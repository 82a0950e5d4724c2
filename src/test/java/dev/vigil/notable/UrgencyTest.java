package dev.vigil.notable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** ES's default urgency table and contentctl's severity bands (docs/rba.md, "Notables"). */
class UrgencyTest {
  @ParameterizedTest(name = "{0} × {1} → {2}")
  @CsvSource({
      // What ES's documentation states in words.
      "informational, critical, informational", "informational, unknown, informational",
      "low, unknown, low", "medium, unknown, low", "low, low, low", "medium, low, low",
      "high, unknown, medium", "high, low, medium",
      // The rest of ES's default table.
      "critical, unknown, high", "critical, low, high",
      "low, medium, low", "medium, medium, medium", "high, medium, high", "critical, medium, critical",
      "low, high, medium", "medium, high, high", "high, high, high", "critical, high, critical",
      "low, critical, medium", "medium, critical, high", "high, critical, critical", "critical, critical, critical"})
  void severityTimesPriority(String severity, String priority, String urgency) {
    assertEquals(urgency, Urgency.of(severity, priority));
  }

  @Test
  void urgencyNeverFallsAsPriorityRises() {
    List<String> priorities = List.of("unknown", "low", "medium", "high", "critical");
    for (String severity : Urgency.SEVERITIES) {
      for (int p = 1; p < priorities.size(); p++) {
        int before = Urgency.SEVERITIES.indexOf(Urgency.of(severity, priorities.get(p - 1)));
        int after = Urgency.SEVERITIES.indexOf(Urgency.of(severity, priorities.get(p)));
        assertEquals(true, after >= before, severity + " at " + priorities.get(p));
      }
    }
  }

  @Test
  void anUnknownSeverityIsAnError() {
    assertThrows(IllegalArgumentException.class, () -> Urgency.of("severe", "high"));
  }

  @ParameterizedTest(name = "score {0} → {1}")
  @CsvSource({"1, informational", "20, informational", "21, low", "40, low", "41, medium", "56, medium", "60, medium",
      "61, high", "63, high", "80, high", "81, critical", "100, critical"})
  void severityFromTheRiskScoreInContentctlsBands(int score, String severity) {
    assertEquals(severity, Urgency.severityOf(score));
  }
}
