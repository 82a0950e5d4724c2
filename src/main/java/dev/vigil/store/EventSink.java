package dev.vigil.store;

import dev.vigil.ingest.ProcessEvent;
import java.io.IOException;
import java.util.Map;

/**
 * Events on their way into a store, with commit data (how far their sources were read, for the spool) that becomes
 * durable with them: the Lucene index commits the two at once; a store that cannot keeps the data after the events
 * it covers, since the events' ids make writing them again store nothing.
 */
public interface EventSink {
  /** The data of the last commit. */
  Map<String, String> commitData() throws IOException;

  /** Adds an event; thread-safe. */
  void add(ProcessEvent event);

  /** Makes the events added since the last commit durable and searchable, with {@code data}; returns how many were new. */
  long commit(Map<String, String> data) throws IOException;
}
