package dev.vigil.opensearch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.plan.DataSet;
import dev.vigil.plan.Filter;
import dev.vigil.plan.GroupCondition;
import dev.vigil.plan.TstatsPlan;
import dev.vigil.spl.Aggregation;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** No silent success: a cluster that cannot be reached, or an index that is not there, is an error, never 0 rows. */
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

  @Test
  void anIndexThatIsNotThereIsAnErrorWithOpenSearchsReason() {
    IOException e = assertThrows(IOException.class,
        () -> new OpenSearchTstats(EmbeddedOpenSearch.cluster(), "no-such-events").tstats(COUNT));
    assertEquals("opensearch refused POST /no-such-events/_search: 404 no such index [no-such-events]", e.getMessage());
  }
}
