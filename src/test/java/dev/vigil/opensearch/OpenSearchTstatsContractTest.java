package dev.vigil.opensearch;

import dev.vigil.ingest.ProcessEvent;
import dev.vigil.query.TstatsBackend;
import dev.vigil.query.TstatsContract;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** The tstats contract over an OpenSearch index of an embedded node, as over the Lucene index. */
@ExtendWith(EmbeddedOpenSearch.class)
@Timeout(120)
class OpenSearchTstatsContractTest extends TstatsContract {
  @Override
  protected TstatsBackend backend(List<ProcessEvent> events) throws IOException {
    OpenSearchEvents index = new OpenSearchEvents(EmbeddedOpenSearch.cluster(), EmbeddedOpenSearch.newIndex("contract"));
    index.create(EmbeddedOpenSearch.shards(), EmbeddedOpenSearch.replicas());
    index.write(events);
    index.refresh();
    return new OpenSearchTstats(EmbeddedOpenSearch.cluster(), index.index());
  }
}
