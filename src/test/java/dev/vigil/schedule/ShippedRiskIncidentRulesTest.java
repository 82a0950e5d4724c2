package dev.vigil.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vigil.store.RiskIndex;
import dev.vigil.TestHomes;
import dev.vigil.Warnings;
import dev.vigil.lookup.LookupTables;
import dev.vigil.lucene.LuceneRiskTstats;
import dev.vigil.lucene.LuceneTstats;
import dev.vigil.plan.DataSet;
import dev.vigil.query.DataSetBackends;
import dev.vigil.query.Row;
import dev.vigil.query.SearchExecutor;
import dev.vigil.risk.RiskEvent;
import dev.vigil.risk.RiskStore;
import dev.vigil.store.EventIndex;
import dev.vigil.time.Window;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The risk incident rules Vigil ships, run as the scheduler runs them over written risk events, against what the
 * events add up to by hand (docs/rba.md, "Risk incident rules").
 */
class ShippedRiskIncidentRulesTest {
  private static final Instant SCHEDULED = Instant.parse("2024-05-15T14:00:00Z");
  private static final List<String> SOURCES = List.of("ESCU - Certutil Download - Rule", "ESCU - Net Localgroup - Rule",
      "ESCU - Wmic Remote - Rule", "ESCU - Rundll32 Ordinal - Rule");
  private static final List<String> TECHNIQUES = List.of("T1105", "T1069.001", "T1047", "T1218.011");

  @TempDir
  Path temp;

  @Test
  void theirRowsAreWhatTheRiskEventsOfTheWindowAddUpTo() throws Exception {
    Home home = new Home(TestHomes.copyShipped(temp.resolve("home")));
    Path indexDir = temp.resolve("index");
    RuleCatalog catalog = RuleCatalog.load(home);
    Random random = new Random(31);
    List<RiskEvent> events = new ArrayList<>();
    for (int i = 0; i < 120; i++) {
      int detection = random.nextInt(SOURCES.size());
      String object = "host-" + random.nextInt(6);
      // Risk events of the runs at 12:00, 13:00 (in the 14:00 run's window [12:50, 13:50)) and 14:00.
      Instant time = SCHEDULED.minusSeconds(3600L * random.nextInt(3));
      Map<String, Object> fields = new LinkedHashMap<>();
      fields.put("_time", time.getEpochSecond());
      fields.put("source", SOURCES.get(detection));
      fields.put("risk_object", object);
      fields.put("risk_object_type", "system");
      fields.put("risk_score", 8 + 8 * detection);
      fields.put("calculated_risk_score", 8 + 8 * detection);
      fields.put("annotations.mitre_attack.mitre_technique_id", List.of(TECHNIQUES.get(detection)));
      fields.put("risk_event_id", "r" + i);
      events.add(new RiskEvent("r" + i, fields));
    }
    try (EventIndex index = EventIndex.open(indexDir);
         RiskStore<RiskIndex> risk = RiskStore.open(indexDir, indexDir.resolve("risk/risk-events.ndjson"), Warnings.UNEXPECTED)) {
      risk.append(events);
      SearchExecutor executor = new SearchExecutor(new DataSetBackends(Map.of(DataSet.PROCESSES,
          new LuceneTstats(index), DataSet.RISK, new LuceneRiskTstats(risk.index()))), ZoneOffset.UTC,
          LookupTables.load(List.of(home.lookups())));
      RuleRunner runner = new RuleRunner(executor, index, risk, new RunLedger(indexDir, Warnings.UNEXPECTED),
          ZoneOffset.UTC, Clock.fixed(SCHEDULED, ZoneOffset.UTC), Warnings.UNEXPECTED);

      Map<String, Totals> byHand = new TreeMap<>();
      for (RiskEvent event : events) {
        if (((Number) event.fields().get("_time")).longValue() == SCHEDULED.minusSeconds(3600).getEpochSecond()) {
          byHand.computeIfAbsent((String) event.fields().get("risk_object"), o -> new Totals()).add(event.fields());
        }
      }
      List<String> overThreshold = expected(byHand, t -> t.score >= 100);
      List<String> broad = expected(byHand, t -> t.sources.size() >= 3 && t.techniques.size() >= 2);
      org.junit.jupiter.api.Assertions.assertTrue(!overThreshold.isEmpty() && overThreshold.size() < byHand.size()
          && !broad.isEmpty() && broad.size() < byHand.size(), "some objects pass each rule, some not: " + byHand.keySet()
          + " " + overThreshold + " " + broad);
      assertEquals(expected(byHand, t -> t.score >= 100),
          shown(run(runner, catalog.find("vigil_risk_threshold_exceeded_for_object").orElseThrow())));
      assertEquals(expected(byHand, t -> t.sources.size() >= 3 && t.techniques.size() >= 2),
          shown(run(runner, catalog.find("vigil_multiple_detections_on_object").orElseThrow())));
    }
  }

  private static List<Row> run(RuleRunner runner, Rule rule) throws Exception {
    Window window = runner.windowOf(rule, SCHEDULED);
    assertEquals(new Window(Instant.parse("2024-05-15T12:50:00Z"), Instant.parse("2024-05-15T13:50:00Z")), window);
    return runner.run(rule, window, SCHEDULED, false).rows();
  }

  private static final class Totals {
    long score;
    long count;
    final TreeSet<String> sources = new TreeSet<>();
    final TreeSet<String> techniques = new TreeSet<>();

    @SuppressWarnings("unchecked")
    void add(Map<String, Object> event) {
      score += ((Number) event.get("calculated_risk_score")).longValue();
      count++;
      sources.add((String) event.get("source"));
      techniques.addAll((List<String>) event.get("annotations.mitre_attack.mitre_technique_id"));
    }
  }

  private static List<String> expected(Map<String, Totals> byHand, java.util.function.Predicate<Totals> kept) {
    List<String> rows = new ArrayList<>();
    byHand.forEach((object, t) -> {
      if (kept.test(t)) {
        rows.add(object + " score=" + t.score + " events=" + t.count + " sources=" + t.sources.size() + " techniques="
            + t.techniques);
      }
    });
    return rows;
  }

  private static List<String> shown(List<Row> rows) {
    return rows.stream().map(r -> r.first("risk_object") + " score=" + r.first("risk_score") + " events="
        + r.first("risk_event_count") + " sources=" + r.first("source_count") + " techniques="
        + new TreeSet<>(r.values("annotations.mitre_attack.mitre_technique_id"))).toList();
  }
}
