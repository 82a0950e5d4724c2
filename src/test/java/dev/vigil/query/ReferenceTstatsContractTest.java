package dev.vigil.query;

import dev.vigil.ingest.ProcessEvent;
import java.util.List;

/** The tstats contract over the reference backend: the contract's cases hold for the simplest reading too. */
class ReferenceTstatsContractTest extends TstatsContract {
  @Override
  protected TstatsBackend backend(List<ProcessEvent> events) {
    return new ReferenceTstats(events);
  }
}
