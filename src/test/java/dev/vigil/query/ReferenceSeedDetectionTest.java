package dev.vigil.query;

import dev.vigil.ingest.ProcessEvent;
import java.util.List;

/** The seed detection's cases over the reference backend. */
class ReferenceSeedDetectionTest extends SeedDetectionContract {
  @Override
  protected TstatsBackend backend(List<ProcessEvent> events) {
    return new ReferenceTstats(events);
  }
}
