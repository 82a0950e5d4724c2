package dev.vigil.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vigil.query.Row;
import dev.vigil.risk.RiskEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The breakdowns after {@code run} and {@code test}: largest first, ties by name, six and more shortened. */
class RunSummaryTest {
  @Test
  void riskIsSummedPerObjectAndTypeLargestFirst() {
    List<RiskEvent> events = List.of(risk("web-1", "system", 56), risk("alice", "user", 80),
        risk("web-1", "system", 56), risk("web-1", "user", 10), risk("bob", "user", 62.5));
    assertEquals(List.of("risk by object: web-1 (system) 112 in 2 events, alice (user) 80 in 1 event, "
        + "bob (user) 62.50 in 1 event, web-1 (user) 10 in 1 event"), RunSummary.riskByObject("risk by object", events));
    assertEquals(List.of(), RunSummary.riskByObject("risk by object", List.of()));
  }

  @Test
  void hostsBeyondFiveAreCountedNotListed() {
    List<Row> rows = new ArrayList<>();
    for (int host = 1; host <= 7; host++) {
      for (int row = 0; row < host; row++) {
        rows.add(new Row().put("dest", "host-" + host));
      }
    }
    rows.add(new Row().put("user", "alice"));
    assertEquals(List.of("rows by host: host-7 7, host-6 6, host-5 5, host-4 4, host-3 3 and 2 more"),
        RunSummary.rowsByHost(rows));
    assertEquals(List.of(), RunSummary.rowsByHost(List.of(new Row().put("user", "alice"))));
  }

  private static RiskEvent risk(String object, String type, double score) {
    return new RiskEvent(object + score, Map.of("risk_object", object, "risk_object_type", type,
        "calculated_risk_score", score));
  }
}
