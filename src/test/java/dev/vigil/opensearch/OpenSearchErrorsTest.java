package dev.vigil.opensearch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.plan.DataSet;
import dev.vigil.plan.Filter;
import dev.vigil.plan.GroupCondition;
import dev.vigil.plan.TstatsPlan;
import dev.vigil.spl.Aggregation;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * No silent success: a cluster that cannot be reached, an index that is not there, or an answer from only some of
 * the shards is an error, never 0 rows.
 */
@ExtendWith(EmbeddedOpenSearch.class)
@Timeout(60)
class OpenSearchErrorsTest {
  private static final TstatsPlan COUNT = new TstatsPlan(DataSet.PROCESSES, new Filter.MatchAll(), List.of(),
      List.of(new Aggregation(Aggregation.Function.COUNT, Optional.empty(), "count")), Optional.empty(),
      Optional.empty(), GroupCondition.ALL);

  @Test
  void aClusterThatCannotBeReachedIsAnErrorNamingTheRequest() throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    try (OpenSearchCluster down = OpenSearchCluster.of(List.of("http://127.0.0.1:" + port))) {
      IOException e = assertThrows(IOException.class, () -> new OpenSearchTstats(down, "events").tstats(COUNT));
      assertTrue(e.getMessage().startsWith("opensearch cannot be reached for POST /events/_search: "), e.getMessage());
    }
  }

  /**
   * What a cluster answers while a node leaves or rejoins (found by scripts/opensearch-failover, where such runs
   * had quietly found nothing): status 200 with the hits of the shards it reached. A stand-in server gives exactly
   * that answer, since a real node cannot be made to fail one shard on demand.
   */
  @ParameterizedTest
  @ValueSource(strings = {"processes", "risk", "count"})
  void anAnswerFromSomeShardsIsAnError(String search) throws Exception {
    List<String> queries = new java.util.concurrent.CopyOnWriteArrayList<>();
    HttpServer server = standIn(200, "{\"timed_out\":false,\"_shards\":{\"total\":4,\"successful\":3,\"skipped\":0,"
        + "\"failed\":1,\"failures\":[{\"shard\":2,\"index\":\"events\",\"reason\":{\"type\":"
        + "\"node_closed_exception\",\"reason\":\"node closed {node-2}\"}}]},\"count\":7,"
        + "\"hits\":{\"total\":{\"value\":0},\"hits\":[]},\"aggregations\":{\"groups\":{\"buckets\":[]}}}", queries);
    try (OpenSearchCluster partly = OpenSearchCluster.of(List.of("http://127.0.0.1:" + server.getAddress().getPort()))) {
      TstatsPlan byDest = new TstatsPlan(search.equals("risk") ? DataSet.RISK : DataSet.PROCESSES,
          new Filter.MatchAll(), List.of(new TstatsPlan.GroupField("dest", "dest")), COUNT.aggregations(),
          Optional.empty(), Optional.empty(), GroupCondition.ALL);
      IOException e = assertThrows(IOException.class, () -> {
        switch (search) {
          case "processes" -> new OpenSearchTstats(partly, "events").tstats(byDest);
          case "risk" -> new OpenSearchRiskTstats(partly, "events", "risk_event_id").tstats(byDest);
          default -> new OpenSearchFileIndex(partly, "events", java.nio.file.Path.of("unused.ndjson"), "risk events file",
              "risk_event_id", w -> { }).count();
        }
      });
      String endpoint = search.equals("count") ? "GET /events/_count" : "POST /events/_search";
      assertEquals("opensearch answered " + endpoint + " from 3 of 4 shards: node closed {node-2}", e.getMessage());
      if (!search.equals("count")) {
        assertEquals(List.of("allow_partial_search_results=false"), queries, "partial results are refused up front");
      }
    } finally {
      server.stop(0);
    }
  }

  /** A refused search whose reason is only in its cause, as a cluster without a shard's copies answers. */
  @Test
  void aRefusalSaysTheReasonOfItsCause() throws Exception {
    HttpServer server = standIn(503, "{\"error\":{\"root_cause\":[],\"type\":\"search_phase_execution_exception\","
        + "\"reason\":\"\",\"phase\":\"query\",\"caused_by\":{\"type\":\"search_phase_execution_exception\","
        + "\"reason\":\"Search rejected due to missing shards [[events][0]].\"}},\"status\":503}",
        new java.util.concurrent.CopyOnWriteArrayList<>());
    try (OpenSearchCluster unavailable = OpenSearchCluster.of(List.of("http://127.0.0.1:"
        + server.getAddress().getPort()))) {
      IOException e = assertThrows(IOException.class, () -> new OpenSearchTstats(unavailable, "events").tstats(COUNT));
      assertEquals("opensearch refused POST /events/_search: 503 Search rejected due to missing shards [[events][0]].",
          e.getMessage());
    } finally {
      server.stop(0);
    }
  }

  /**
   * A server on loopback that answers every request with {@code status} and {@code body}, adding each query to
   * {@code queries}.
   */
  private static HttpServer standIn(int status, String body, List<String> queries) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      queries.add(exchange.getRequestURI().getQuery());
      byte[] answer = body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(status, answer.length);
      exchange.getResponseBody().write(answer);
      exchange.close();
    });
    server.start();
    return server;
  }

  @Test
  void anIndexThatIsNotThereIsAnErrorWithOpenSearchsReason() {
    IOException e = assertThrows(IOException.class,
        () -> new OpenSearchTstats(EmbeddedOpenSearch.cluster(), "no-such-events").tstats(COUNT));
    assertEquals("opensearch refused POST /no-such-events/_search: 404 no such index [no-such-events]", e.getMessage());
  }
}
