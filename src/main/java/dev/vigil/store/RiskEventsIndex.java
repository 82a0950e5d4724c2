package dev.vigil.store;

import java.io.IOException;

/**
 * The risk events of the risk events file as a searchable data set ({@code Risk.All_Risk}), in the store of the
 * events: kept in step with the file, which stays the record. A risk event is indexed under its
 * {@code risk_event_id}, so indexing it twice stores it once.
 */
public interface RiskEventsIndex extends AutoCloseable {
  /** Brings the index up to date with the risk events file, under the file's lock. */
  void sync() throws IOException;

  /** How many risk events the index holds. */
  long count() throws IOException;

  @Override
  void close() throws IOException;
}
