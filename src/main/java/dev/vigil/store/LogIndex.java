package dev.vigil.store;

import java.io.IOException;

/**
 * A searchable index kept in step with one of Vigil's append-only NDJSON files (the risk events as
 * {@code Risk.All_Risk}, the notables), in the store of the events; the file stays the record. Each object is
 * indexed under its id, so indexing it twice stores it once.
 */
public interface LogIndex extends AutoCloseable {
  /** Brings the index up to date with its file, under the file's lock. */
  void sync() throws IOException;

  /** How many objects the index holds. */
  long count() throws IOException;

  @Override
  void close() throws IOException;
}
