package dev.vigil.cli;

import static dev.vigil.cli.Cli.vigil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.store.RiskIndex;
import dev.vigil.TestHomes;
import dev.vigil.Warnings;
import dev.vigil.lookup.LookupTables;
import dev.vigil.opensearch.EmbeddedOpenSearch;
import dev.vigil.opensearch.OpenSearchCluster;
import dev.vigil.opensearch.OpenSearchEvents;
import dev.vigil.opensearch.OpenSearchFileIndex;
import dev.vigil.opensearch.OpenSearchTstats;
import dev.vigil.query.SearchExecutor;
import dev.vigil.risk.RiskStore;
import dev.vigil.schedule.Home;
import dev.vigil.schedule.RuleRunner;
import dev.vigil.schedule.RuleCatalog;
import dev.vigil.schedule.RunLedger;
import dev.vigil.schedule.RunRecord;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commands on an OpenSearch cluster that {@code config/vigil.yml} names (issue 12): ingest, search (tstats and
 * the events themselves), timeline and run give what they give on the Lucene index; a cluster that cannot be reached is an error, and a failed run in the ledger.
 */
@ExtendWith(EmbeddedOpenSearch.class)
@Timeout(180)
class OpenSearchCommandsTest {
  private static final String CERTUTIL = "certutil_exe_certificate_extraction";
  private static final String DATASET = "../shared/content/datasets/certutil_exe_certificate_extraction.raw";
  private static final String AT = "2021-01-07T16:00:00Z";

  @TempDir
  Path temp;
  private final String prefix = EmbeddedOpenSearch.newIndex("cli");

  private Path home(String name, String url) throws Exception {
    Path home = TestHomes.copyShipped(temp.resolve(name));
    Files.createDirectories(home.resolve("config/local"));
    Files.writeString(home.resolve("config/local/vigil.yml"), "store:\n  backend: opensearch\n  opensearch:\n"
        + "    urls: [" + url + "]\n    index_prefix: " + prefix + "\n    shards: " + EmbeddedOpenSearch.shards()
        + "\n    replicas: " + EmbeddedOpenSearch.replicas() + "\n");
    return home;
  }

  private static List<String> times(Cli.Outcome search) throws Exception {
    return search.rows().stream().map(row -> row.path("_time").asText()).toList();
  }

  private static Cli.Outcome in(Path home, Path index, String... args) {
    List<String> all = new java.util.ArrayList<>(List.of(args));
    all.addAll(List.of("--home", home.toString(), "--index", index.toString()));
    return vigil(all.toArray(String[]::new));
  }

  @Test
  void ingestSearchAndRunGiveWhatTheLuceneIndexGives() throws Exception {
    Path home = home("home", EmbeddedOpenSearch.url());
    Path index = temp.resolve("index");
    Cli.Outcome ingest = in(home, index, "ingest", DATASET);
    assertEquals(0, ingest.exit(), ingest.err());
    assertTrue(ingest.err().contains(": 40 events, 40 new, 0 already stored"), ingest.err());
    assertTrue(in(home, index, "ingest", DATASET).err().contains(": 40 events, 0 new, 40 already stored"));
    assertTrue(!Files.exists(index.resolve("events")), "no Lucene index is made");
    Cli.Outcome runs = in(home, index, "runs");
    assertEquals(0, runs.exit(), "an index folder beside a cluster has no ledger yet, and that is no error: " + runs.err());
    Cli.Outcome once = in(home, index, "start", "--once");
    assertEquals(0, once.exit(), once.err());

    Path luceneHome = TestHomes.copyShipped(temp.resolve("lucene"));
    Path luceneIndex = temp.resolve("lucene-index");
    assertEquals(0, in(luceneHome, luceneIndex, "ingest", DATASET).exit());

    String tstats = "| tstats count from datamodel=Endpoint.Processes by Processes.dest Processes.process_name";
    Cli.Outcome search = in(home, index, "search", tstats);
    assertEquals(0, search.exit(), search.err());
    assertEquals(in(luceneHome, luceneIndex, "search", tstats).out(), search.out());

    Cli.Outcome run = in(home, index, "run", CERTUTIL, "--at", AT);
    assertEquals(0, run.exit(), run.err());
    assertEquals(22, run.rows().size());
    assertTrue(run.err().contains("22 rows, 44 risk events written to "), run.err());
    assertEquals(in(luceneHome, luceneIndex, "run", CERTUTIL, "--at", AT).out(), run.out(), "the same rows");

    // The risk events are Risk.All_Risk in the cluster, once each however often the run is made.
    assertEquals(0, in(home, index, "run", CERTUTIL, "--at", AT).exit());
    assertEquals(44, new OpenSearchFileIndex(EmbeddedOpenSearch.cluster(), prefix + "-risk",
        index.resolve("risk/risk-events.ndjson"), "risk events file", "risk_event_id", Warnings.UNEXPECTED).count());
    assertTrue(!Files.exists(index.resolve("risk-index")), "no Lucene risk index is made");
    Path notablesFile = index.resolve("notables/notables.ndjson");
    long notables = Files.readAllLines(notablesFile).size();
    assertTrue(notables >= 1, "the run writes notables");
    assertEquals(notables, new OpenSearchFileIndex(EmbeddedOpenSearch.cluster(), prefix + "-notables", notablesFile,
        "notables file", "event_id", Warnings.UNEXPECTED).count(), "the cluster's notables index follows the file");
    String risk = "| tstats sum(All_Risk.calculated_risk_score) as score count values(All_Risk.threat_object) as"
        + " threats from datamodel=Risk.All_Risk by All_Risk.risk_object All_Risk.risk_object_type";
    Cli.Outcome riskSearch = in(home, index, "search", risk);
    assertEquals(0, riskSearch.exit(), riskSearch.err());
    assertEquals(in(luceneHome, luceneIndex, "search", risk).out(), riskSearch.out());
    assertTrue(riskSearch.rows().size() >= 2, riskSearch.out());

    // The events themselves: the same rows, newest first, and the same timeline. Events of the same millisecond come
    // in each store's own order (Lucene's by document, the cluster's by id), as Splunk promises no order among them.
    for (String overEvents : List.of("process_name=certutil.exe | table _time dest user process _raw",
        "certutil pfx | stats count by dest", "* | stats count by sourcetype source")) {
      Cli.Outcome events = in(home, index, "search", overEvents);
      assertEquals(0, events.exit(), events.err());
      assertTrue(!events.rows().isEmpty(), overEvents);
      assertEquals(in(luceneHome, luceneIndex, "search", overEvents).out().lines().sorted().toList(),
          events.out().lines().sorted().toList(), overEvents);
      assertEquals(times(in(luceneHome, luceneIndex, "search", overEvents)), times(events), "newest first");
    }
    // A fixed end of the window: its end is in the message, and the wall clock must not be.
    String end = "2030-01-01T00:00:00Z";
    Cli.Outcome cut = in(home, index, "search", "* | stats count", "--max-events", "7", "--latest", end);
    assertEquals(in(luceneHome, luceneIndex, "search", "* | stats count", "--max-events", "7", "--latest", end).err(),
        cut.err());
    assertEquals("1 row; read the newest 7 of 40 matching events (--max-events), window [1970-01-01T00:00:00Z, " + end
        + ")\n", cut.err());
    Cli.Outcome timeline = in(home, index, "timeline", "--dest", "win-dc-791937.attackrange.local");
    assertEquals(0, timeline.exit(), timeline.err());
    Cli.Outcome luceneTimeline = in(luceneHome, luceneIndex, "timeline", "--dest", "win-dc-791937.attackrange.local");
    assertEquals(luceneTimeline.out().lines().sorted().toList(), timeline.out().lines().sorted().toList());
    assertEquals(luceneTimeline.rows().stream().map(row -> row.path("time").asText()).toList(),
        timeline.rows().stream().map(row -> row.path("time").asText()).toList());
    Cli.Outcome status = in(home, index, "status");
    assertEquals(0, status.exit(), status.err());
    com.fasterxml.jackson.databind.JsonNode indexLine = status.rows().get(0);
    assertEquals("opensearch", indexLine.path("store").asText());
    assertEquals(prefix + "-events", indexLine.path("events_index").asText());
    assertEquals(40, indexLine.path("events").asInt());
    assertEquals("green", indexLine.path("cluster_status").asText());
    assertEquals("spool", status.rows().get(1).path("kind").asText());
    int nodes = EmbeddedOpenSearch.cluster().health().nodes();
    assertTrue(status.err().startsWith("index " + index + ": 40 events in " + prefix + "-events on a green cluster of "
        + nodes + (nodes == 1 ? " node" : " nodes") + ", last commit "), status.err());
    // A shard that no node may hold makes the cluster red: status says so and fails.
    String red = EmbeddedOpenSearch.newIndex("red");
    java.net.http.HttpResponse<String> made = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest
        .newBuilder(java.net.URI.create(EmbeddedOpenSearch.url() + "/" + red + "?wait_for_active_shards=0")).header("Content-Type", "application/json")
        .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{\"settings\":{\"index.routing.allocation.require._name\":"
            + "\"no-such-node\",\"number_of_replicas\":0}}")).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
    assertEquals(200, made.statusCode(), made.body());
    try {
      Cli.Outcome redStatus = in(home, index, "status");
      assertEquals(1, redStatus.exit(), redStatus.err());
      assertTrue(redStatus.err().contains("the cluster is red: some of its shards have no copy, and runs fail until"
          + " they do\n"), redStatus.err());
    } finally {
      EmbeddedOpenSearch.cluster().deleteIndices(List.of(red));
    }

    // The commands of the index folder (ledger, notables, report) work beside a cluster.
    assertEquals(0, in(home, index, "notables").exit());
    Cli.Outcome report = in(home, index, "report", "--out", temp.resolve("report").toString(), "--since",
        "2021-01-07T10:00:00Z", "--until", "2021-01-07T22:00:00Z");
    assertEquals(0, report.exit(), report.err());
    assertTrue(Files.exists(temp.resolve("report/index.html")));
  }

  /** The ingestion job of {@code vigil start}: each line of a growing spool file reaches the cluster once. */
  @Test
  void theSpoolOfStartFeedsTheClusterEachEventOnce() throws Exception {
    Path home = home("spool-home", EmbeddedOpenSearch.url());
    Path index = temp.resolve("spool-index");
    Path file = index.resolve("spool/endpoint.ndjson");
    Files.createDirectories(file.getParent());
    Files.writeString(file, cim(0, 3));
    String count = "| tstats count from datamodel=Endpoint.Processes";
    for (int round = 0; round < 2; round++) {
      Cli.Outcome once = in(home, index, "start", "--once");
      assertEquals(0, once.exit(), once.err());
      assertEquals("3", in(home, index, "search", count).rows().get(0).path("count").asText(), "round " + round);
    }
    Files.writeString(file, cim(3, 5), java.nio.file.StandardOpenOption.APPEND);
    assertEquals(0, in(home, index, "start", "--once").exit());
    assertEquals("5", in(home, index, "search", count).rows().get(0).path("count").asText());
    assertTrue(Files.exists(index.resolve(StartCommand.SPOOL_PROGRESS)), "the spool's progress is kept beside");
    assertTrue(!Files.exists(index.resolve("events")), "no Lucene index is made");
  }

  private static String cim(int from, int to) {
    StringBuilder lines = new StringBuilder();
    for (int n = from; n < to; n++) {
      lines.append("{\"_time\": ").append(1764000000 + n).append(", \"dest\": \"host").append(n)
          .append("\", \"process_name\": \"cmd.exe\", \"process\": \"cmd.exe /c ").append(n).append("\"}\n");
    }
    return lines.toString();
  }

  @Test
  void theDemoRunsOnTheClusterAndEachRunReplacesItsIndices() throws Exception {
    Path home = TestHomes.copyShipped(temp.resolve("demo-home"));
    for (int round = 0; round < 2; round++) {
      Cli.Outcome demo = vigil("demo", "--home", home.toString(), "--backend", "opensearch", "--url",
          EmbeddedOpenSearch.url());
      assertEquals(0, demo.exit(), demo.err());
      List<com.fasterxml.jackson.databind.JsonNode> risk = demo.rows();
      assertTrue(risk.size() >= 2, demo.out());
      assertTrue(risk.stream().allMatch(e -> e.get("search_name").asText()
          .equals("ESCU - Windows IIS Components Add New Module - Rule")), demo.out());
      assertEquals(3, demo.err().lines().filter(l -> l.startsWith("  scheduled ")).count(), demo.err());
      assertEquals(risk.size(), new OpenSearchFileIndex(EmbeddedOpenSearch.cluster(), "vigil-demo-risk",
          home.resolve("demo/index/risk/risk-events.ndjson"), "risk events file", "risk_event_id",
          Warnings.UNEXPECTED).count(), "round " + round + ": the cluster holds this run's risk events only");
      assertTrue(!Files.exists(home.resolve("demo/index/events")), "no Lucene index is made");
    }
    Cli.Outcome noUrl = vigil("demo", "--home", home.toString(), "--backend", "opensearch");
    assertEquals(2, noUrl.exit());
    assertTrue(noUrl.err().startsWith("--backend opensearch needs --url URL"), noUrl.err());
  }

  @Test
  void theBenchGivesItsTableForTheClusterAndDeletesItsIndices() throws Exception {
    Cli.Outcome bench = vigil("bench", "--events", "1500", "--hours", "4", "--threads", "2", "--backend", "opensearch",
        "--url", EmbeddedOpenSearch.url(), "--work", temp.resolve("bench").toString());
    assertEquals(0, bench.exit(), bench.err());
    List<String> figures = bench.rows().stream()
        .map(f -> f.get("section").asText() + " " + f.get("subject").asText() + " " + f.get("metric").asText()).toList();
    for (String expected : List.of("ingest cim events_per_s", "ingest sysmon events_per_s",
        "index cim primaries (1 shards)", "index sysmon total with 0 replica(s)",
        "query windows_iis_components_add_new_module 4 windows median")) {
      assertTrue(figures.contains(expected), expected + " in " + figures);
    }
    assertTrue(figures.stream().anyMatch(f -> f.matches("rules all \\d+ rules one scheduled hour")), figures.toString());
    assertTrue(!EmbeddedOpenSearch.cluster().exists("/vigil-bench-cim-events"), "the bench's indices are deleted");
    Cli.Outcome noUrl = vigil("bench", "--backend", "opensearch", "--work", temp.resolve("b2").toString());
    assertEquals(2, noUrl.exit());
    assertTrue(noUrl.err().startsWith("--backend opensearch needs --url URL"), noUrl.err());
  }

  @Test
  void aClusterThatCannotBeReachedIsAnErrorAndAScheduledRunFailsInTheLedger() throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    Path home = home("down", "http://127.0.0.1:" + port);
    Path index = temp.resolve("index");
    Cli.Outcome ingest = in(home, index, "ingest", DATASET);
    assertEquals(2, ingest.exit());
    assertTrue(ingest.err().startsWith("vigil: opensearch cannot be reached for HEAD /"), ingest.err());

    // A cluster that goes away while the scheduler runs: the run fails, is recorded with why, and is retried as
    // any failed run is (RunLedger.failures).
    try (OpenSearchCluster gone = OpenSearchCluster.of(List.of("http://127.0.0.1:" + port));
         RiskStore<RiskIndex> risk = RiskStore.open(index, index.resolve("risk/risk-events.ndjson"), Warnings.UNEXPECTED)) {
      OpenSearchEvents events = new OpenSearchEvents(gone, "vigil-events");
      RunLedger ledger = new RunLedger(index, Warnings.UNEXPECTED);
      RuleRunner runner = new RuleRunner(new SearchExecutor(new OpenSearchTstats(gone, events.index()),
          ZoneOffset.UTC, LookupTables.load(home.resolve("config/lookups"))), events, risk, ledger, ZoneOffset.UTC,
          Clock.fixed(Instant.parse("2021-01-07T16:00:05Z"), ZoneOffset.UTC), Warnings.UNEXPECTED);
      RunRecord failed = runner.runScheduled(RuleCatalog.load(new Home(home)).find(CERTUTIL).orElseThrow(),
          Instant.parse(AT), RunRecord.State.OK);
      assertEquals(RunRecord.State.FAILED, failed.state());
      assertTrue(failed.error().startsWith("opensearch cannot be reached for POST /vigil-events/_search"),
          failed.error());
      assertEquals(java.util.Map.of(Instant.parse(AT), 1L), ledger.failures(CERTUTIL));
    }
  }
}
