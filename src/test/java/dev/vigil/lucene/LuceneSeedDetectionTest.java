package dev.vigil.lucene;

import dev.vigil.ingest.ProcessEvent;
import dev.vigil.query.SeedDetectionContract;
import dev.vigil.query.TstatsBackend;
import java.util.List;

/** The seed detection's cases over a Lucene event index. */
class LuceneSeedDetectionTest extends SeedDetectionContract {
  @Override
  protected TstatsBackend backend(List<ProcessEvent> events) {
    return LuceneIndexes.backend(events);
  }
}
