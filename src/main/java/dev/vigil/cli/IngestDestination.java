package dev.vigil.cli;

import dev.vigil.ingest.ProcessEvent;
import dev.vigil.opensearch.OpenSearchEvents;
import dev.vigil.store.EventWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.UnaryOperator;

/**
 * Where {@code vigil ingest} stores what it reads, the Lucene index's writer or an OpenSearch cluster; at the end
 * of each file it commits and says how many events were new. {@link #add} is called from the reader's threads.
 */
interface IngestDestination extends AutoCloseable {
  void add(ProcessEvent event);

  /** Makes what was added durable and searchable; returns how many events since the last commit were new. */
  long commit() throws IOException;

  @Override
  void close() throws IOException;

  static IngestDestination of(EventWriter writer) {
    LongAdder stored = new LongAdder();
    return new IngestDestination() {
      @Override
      public void add(ProcessEvent event) {
        if (writer.add(event)) {
          stored.increment();
        }
      }

      @Override
      public long commit() throws IOException {
        writer.commit();
        return stored.sumThenReset();
      }

      @Override
      public void close() throws IOException {
        writer.close();
      }
    };
  }

  /** Batches for {@code _bulk}; the enrichment is applied here, as the Lucene writer applies it. */
  static IngestDestination of(OpenSearchEvents events, UnaryOperator<ProcessEvent> enrichment) {
    int batch = 5_000;
    return new IngestDestination() {
      private final List<ProcessEvent> pending = new ArrayList<>(batch);
      private long created;

      @Override
      public synchronized void add(ProcessEvent event) {
        pending.add(enrichment.apply(event));
        if (pending.size() >= batch) {
          try {
            flush();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
      }

      private void flush() throws IOException {
        created += events.write(pending);
        pending.clear();
      }

      @Override
      public synchronized long commit() throws IOException {
        flush();
        events.refresh();
        long done = created;
        created = 0;
        return done;
      }

      @Override
      public void close() throws IOException {
        events.cluster().close();
      }
    };
  }
}
