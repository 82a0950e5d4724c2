package dev.vigil.lucene;

import dev.vigil.ingest.ProcessEvent;
import dev.vigil.query.TstatsBackend;
import dev.vigil.query.TstatsContract;
import java.util.List;

/** The tstats contract over a Lucene event index. */
class LuceneTstatsContractTest extends TstatsContract {
  @Override
  protected TstatsBackend backend(List<ProcessEvent> events) {
    return LuceneIndexes.backend(events);
  }
}
