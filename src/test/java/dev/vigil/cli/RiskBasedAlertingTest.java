package dev.vigil.cli;

import static dev.vigil.cli.Cli.vigil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.TestHomes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Risk-based alerting end to end on the bundled attack capture (docs/rba.md): the certutil detection's risk
 * events, priced by the assets' priority, summed by a shipped risk incident rule over {@code Risk.All_Risk},
 * and the notable it raises, with its urgency, reviewed by an analyst.
 */
class RiskBasedAlertingTest {
  private static final Path ATTACK = Path.of("../shared/content/datasets/certutil_exe_certificate_extraction.raw");
  private static final String CERTUTIL = "certutil_exe_certificate_extraction";
  private static final String THRESHOLD = "vigil_risk_threshold_exceeded_for_object";
  private static final String HOST = "win-dc-791937.attackrange.local";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path temp;
  private Path home;
  private Path index;

  @BeforeEach
  void installation() throws Exception {
    home = TestHomes.copyShipped(temp.resolve("home"));
    index = temp.resolve("index");
    Files.createDirectories(home.resolve("config/local"));
    // The domain controller is critical by its short name; ES matches nt_host and dns alike.
    Files.writeString(home.resolve("config/local/assets.csv"), "ip,mac,nt_host,dns,owner,priority,bunit,category\n"
        + "10.0.1.15,,other-host,,it,low,,\n"
        + ",,win-dc-791937,win-dc-791937.attackrange.local,it-ops,critical,infrastructure,domain_controller\n");
    Cli.Outcome ingest = vigil("ingest", "--home", home.toString(), "--index", index.toString(), ATTACK.toString());
    assertEquals(0, ingest.exit(), ingest.err());
  }

  @Test
  void detectionsRiskEventsARiskIncidentRuleAndItsNotable() throws Exception {
    // The detection's run at midnight writes its risk events at midnight (SEMANTICS §5.2) ...
    Cli.Outcome detection = run(CERTUTIL, "2021-01-15T00:00:00Z", "--earliest", "0", "--latest", "now");
    assertEquals(0, detection.exit(), detection.err());
    List<JsonNode> risk = lines(index.resolve("risk/risk-events.ndjson"));
    assertEquals(44, risk.size(), "22 rows, each a risk event for its dest and one for its user");
    for (JsonNode event : risk) {
      boolean criticalHost = event.get("risk_object").asText().equals(HOST);
      assertEquals(criticalHost ? 94.5 : 63.0, event.get("calculated_risk_score").asDouble(),
          "63, × 1.5 on the critical host: " + event);
      assertEquals(criticalHost ? "critical" : null, text(event, "risk_object_priority"));
      assertEquals("ESCU - Certutil exe certificate extraction - Rule", event.get("source").asText());
    }

    // ... which the risk incident rule's run at 01:00 sees, in its window [23:50, 00:50).
    Cli.Outcome correlation = run(THRESHOLD, "2021-01-15T01:00:00Z");
    assertEquals(0, correlation.exit(), correlation.err());
    Map<String, Double> byHand = new TreeMap<>();
    for (JsonNode event : risk) {
      byHand.merge(event.get("risk_object").asText(), event.get("calculated_risk_score").asDouble(), Double::sum);
    }
    Map<String, Double> rows = correlation.rows().stream().collect(Collectors.toMap(
        row -> row.get("risk_object").asText(), row -> row.get("risk_score").asDouble(), (a, b) -> a, TreeMap::new));
    assertEquals(byHand, rows, "each object's row is the sum of its calculated risk scores");
    assertEquals(Map.of(HOST, 2079.0, "ATTACKRANGE\\Administrator", 693.0, "administrator", 693.0), rows);
    // The other shipped risk incident rule wants three detections on an object: one detection wrote them all.
    Cli.Outcome breadth = run("vigil_multiple_detections_on_object", "2021-01-15T01:00:00Z");
    assertEquals(0, breadth.exit(), breadth.err());
    assertEquals(0, breadth.rows().size());
    assertTrue(risk.stream().map(e -> e.get("source").asText()).distinct().count() < 3, "by hand: one source");

    Cli.Outcome notables = vigil("notables", "--home", home.toString(), "--index", index.toString(), "--since",
        "2021-01-15T01:00:00Z");
    assertEquals(0, notables.exit(), notables.err());
    List<JsonNode> raised = notables.rows();
    assertEquals(3, raised.size(), "one notable per row of the risk incident rule: " + notables.out());
    JsonNode onHost = raised.stream().filter(n -> n.get("risk_object").asText().equals(HOST)).findFirst().orElseThrow();
    assertEquals("Vigil Risk Threshold Exceeded For Object", onHost.get("rule_title").asText());
    assertEquals("medium", onHost.get("severity").asText(), "risk score 56");
    assertEquals("critical", onHost.get("priority").asText());
    assertEquals("high", onHost.get("urgency").asText(), "medium severity on a critical asset");
    assertEquals("new", onHost.get("status").asText());
    assertEquals("unassigned", onHost.get("owner").asText());
    assertEquals("vigil:" + THRESHOLD + ":" + Instant.parse("2021-01-15T01:00:00Z").getEpochSecond(),
        onHost.get("orig_sid").asText());
    assertTrue(onHost.get("drilldown_search").asText().endsWith("| search risk_object=\"" + HOST
        + "\" | search risk_object_type=\"system\""), onHost.get("drilldown_search").asText());
    JsonNode onUser = raised.stream().filter(n -> n.get("risk_object").asText().equals("administrator")).findFirst()
        .orElseThrow();
    assertEquals("unknown", onUser.get("priority").asText());
    assertEquals("low", onUser.get("urgency").asText(), "medium severity on an unknown object");

    // The same window run again raises nothing new: notables are idempotent like risk events.
    assertEquals(0, run(THRESHOLD, "2021-01-15T01:00:00Z").exit());
    assertEquals(3, vigil("notables", "--home", home.toString(), "--index", index.toString(), "--since",
        "2021-01-15T01:00:00Z").rows().size());

    // An analyst takes the notable; the review is kept with who made it.
    String id = onHost.get("event_id").asText();
    Cli.Outcome update = vigil("notables", "update", id, "--status", "in progress", "--owner", "alice", "--comment",
        "checking the DC", "--home", home.toString(), "--index", index.toString());
    assertEquals(0, update.exit(), update.err());
    List<JsonNode> inProgress = vigil("notables", "--status", "in progress", "--home", home.toString(), "--index",
        index.toString()).rows();
    assertEquals(1, inProgress.size());
    assertEquals("alice", inProgress.get(0).get("owner").asText());
    assertEquals("checking the DC", inProgress.get(0).get("comment").asText());
    assertEquals(1, lines(index.resolve("notables/reviews.ndjson")).size());
    Cli.Outcome unknown = vigil("notables", "update", "0000", "--status", "closed", "--home", home.toString(),
        "--index", index.toString());
    assertEquals(2, unknown.exit());
    assertEquals("vigil: no notable has the id 0000\n", unknown.err());
  }

  @Test
  void throttlingSuppressesTheSameObjectsNotablesWithinThePeriodAcrossRuns() throws Exception {
    Files.createDirectories(home.resolve("config/local/rules"));
    Files.writeString(home.resolve("config/local/rules/" + THRESHOLD + ".yml"),
        "alert.suppress: 1\nalert.suppress.period: 2h\nalert.suppress.fields: risk_object\n");
    // Each hour the detection writes risk events (its window grows, so they are new), and the hour after the
    // risk incident rule sums them: at 01:00 the three objects are raised, at 02:00 suppressed (within 2h of
    // 01:00), at 03:00 raised again (01:00 + 2h is no longer within). Every run is its own process.
    List<String> raised = new java.util.ArrayList<>();
    for (int hour = 0; hour < 3; hour++) {
      assertEquals(0, run(CERTUTIL, "2021-01-15T0" + hour + ":00:00Z", "--earliest", "0", "--latest", "now").exit());
      Cli.Outcome correlation = run(THRESHOLD, "2021-01-15T0" + (hour + 1) + ":00:00Z");
      assertEquals(0, correlation.exit(), correlation.err());
      assertEquals(3, correlation.rows().size());
      raised.add(correlation.err().replaceAll("(?s).*rows, ", "").strip());
    }
    assertEquals(List.of(
        "no risk events (risk-based alerting is off for type Correlation); 3 notables raised",
        "no risk events (risk-based alerting is off for type Correlation); 0 notables raised, 3 suppressed by throttling",
        "no risk events (risk-based alerting is off for type Correlation); 3 notables raised"), raised);
    List<JsonNode> notables = vigil("notables", "--home", home.toString(), "--index", index.toString(), "--since",
        "2021-01-15T01:00:00Z").rows().stream()
        .filter(n -> n.get("rule_title").asText().equals("Vigil Risk Threshold Exceeded For Object")).toList();
    assertEquals(6, notables.size());
    assertEquals(List.of("2021-01-15T01:00:00Z", "2021-01-15T03:00:00Z"), notables.stream()
        .map(n -> Instant.ofEpochSecond(n.get("_time").asLong()).toString()).distinct().toList());
    assertEquals("risk_object=" + HOST, notables.stream().filter(n -> n.get("risk_object").asText().equals(HOST))
        .findFirst().orElseThrow().get("throttle_key").asText());
    // The ledger counts what each run raised and suppressed.
    List<String> counts = lines(index.resolve("ledger/runs.ndjson")).stream()
        .filter(r -> r.get("rule").asText().equals(THRESHOLD))
        .map(r -> r.get("scheduled").asText() + " " + r.path("notables").asLong() + "/" + r.path("suppressed").asLong())
        .toList();
    assertEquals(List.of("2021-01-15T01:00:00Z 3/0", "2021-01-15T02:00:00Z 0/3", "2021-01-15T03:00:00Z 3/0"), counts);
  }

  @Test
  void throttlingWithoutAPeriodIsAnErrorOfTheRulesFile() throws Exception {
    Files.createDirectories(home.resolve("config/local/rules"));
    Path local = Files.writeString(home.resolve("config/local/rules/" + THRESHOLD + ".yml"), "alert.suppress: yes\n");
    Cli.Outcome validate = vigil("validate", "--config", "--home", home.toString());
    assertEquals(1, validate.exit(), validate.out());
    assertTrue(validate.out().contains(local + ": field alert.suppress.period: missing: alert.suppress needs the"
        + " period notables are suppressed for"), validate.out());
    Files.writeString(local, "alert.suppress: sometimes\nalert.suppress.period: 1h\n");
    validate = vigil("validate", "--config", "--home", home.toString());
    assertTrue(validate.out().contains("field alert.suppress: 'sometimes' is not a boolean (1 or 0, true or false)"),
        validate.out());
  }

  @Test
  void aRunByHandSendsItsNotablesToTheConfiguredWebhookAndTheRestWaitsForTheReceiver() throws Exception {
    List<String> received = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    com.sun.net.httpserver.HttpServer receiver = com.sun.net.httpserver.HttpServer.create(
        new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
    receiver.createContext("/hook", exchange -> {
      received.add(JSON.readTree(exchange.getRequestBody()).get("result").get("event_id").asText());
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
    });
    receiver.start();
    try {
      Files.writeString(home.resolve("config/local/vigil.yml"), "alerts:\n  webhook:\n    url: http://127.0.0.1:"
          + receiver.getAddress().getPort() + "/hook\n");
      Cli.Outcome detection = run(CERTUTIL, "2021-01-15T00:00:00Z", "--earliest", "0", "--latest", "now");
      assertEquals(0, detection.exit(), detection.err());
      assertTrue(detection.err().contains("alerts: 22 notables sent to webhook"), detection.err());
      Cli.Outcome correlation = run(THRESHOLD, "2021-01-15T01:00:00Z");
      assertTrue(correlation.err().contains("alerts: 3 notables sent to webhook"), correlation.err());
    } finally {
      receiver.stop(0);
    }
    List<String> ids = vigil("notables", "--home", home.toString(), "--index", index.toString()).rows().stream()
        .map(n -> n.get("event_id").asText()).toList();
    assertEquals(25, ids.size());
    assertEquals(ids, received, "each notable once, in order");

    // The receiver is gone: the run still succeeds, and says what waits.
    Cli.Outcome down = run(CERTUTIL, "2021-01-15T01:00:00Z", "--earliest", "0", "--latest", "now");
    assertEquals(0, down.exit(), down.err());
    assertTrue(down.err().contains("warning: webhook http://127.0.0.1:"), down.err());
    assertTrue(down.err().contains("22 notables wait in " + index.resolve("notables/notables.ndjson")), down.err());
  }

  @Test
  void badAlertSettingsAreConfigurationErrorsWithTheirLine() throws Exception {
    Files.writeString(home.resolve("config/local/vigil.yml"), "alerts:\n  hec:\n    url: ftp://splunk:8088/\n"
        + "  syslog:\n    host: 127.0.0.1\n    transport: sctp\n");
    Cli.Outcome validate = vigil("validate", "--config", "--home", home.toString());
    assertEquals(1, validate.exit(), validate.out());
    Path local = home.resolve("config/local/vigil.yml");
    assertTrue(validate.out().contains(local + ":3: field alerts.hec.url: 'ftp://splunk:8088/' is not an http:// or"
        + " https:// URL"), validate.out());
    assertTrue(validate.out().contains(local + ":6: field alerts.syslog.transport: 'sctp' is none of udp, tcp, tls"),
        validate.out());
    Files.writeString(local, "alerts:\n  hec:\n    url: https://splunk:8088/services/collector/event\n");
    validate = vigil("validate", "--config", "--home", home.toString());
    assertTrue(validate.out().contains("field alerts.hec.token: missing: alerts.hec.url needs the collector's token"),
        validate.out());
  }

  @Test
  void notablesUsageAndABadAssetsFileAreUsageErrors() throws Exception {
    Cli.Outcome status = vigil("notables", "--status", "open", "--home", home.toString(), "--index", index.toString());
    assertEquals(2, status.exit());
    assertEquals("vigil: --status: unknown status 'open' (one of new, in progress, pending, resolved, closed)\n",
        status.err());
    Cli.Outcome nothing = vigil("notables", "update", "abc", "--home", home.toString(), "--index", index.toString());
    assertEquals(2, nothing.exit());
    assertEquals("vigil: say what changes: --status, --owner or --comment\n", nothing.err());

    Path assets = home.resolve("config/local/assets.csv");
    Files.writeString(assets, "owner,priority\nit,high\n");
    Cli.Outcome bad = run(CERTUTIL, "2021-01-15T00:00:00Z");
    assertEquals(2, bad.exit());
    assertEquals("vigil: cannot load " + assets + ":1: the header names none of the key columns ip, mac, nt_host,"
        + " dns (it has owner, priority)\n", bad.err());
  }

  private Cli.Outcome run(String rule, String at, String... window) {
    List<String> args = new java.util.ArrayList<>(List.of("run", rule, "--home", home.toString(), "--index",
        index.toString(), "--at", at));
    args.addAll(List.of(window));
    return vigil(args.toArray(String[]::new));
  }

  private static String text(JsonNode event, String field) {
    return event.has(field) ? event.get(field).asText() : null;
  }

  private static List<JsonNode> lines(Path file) throws Exception {
    List<JsonNode> nodes = new java.util.ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      nodes.add(JSON.readTree(line));
    }
    return nodes;
  }
}
