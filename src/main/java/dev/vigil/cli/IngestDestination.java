package dev.vigil.cli;

import dev.vigil.ingest.AssetFields;
import dev.vigil.ingest.ProcessEvent;
import dev.vigil.opensearch.OpenSearchBulk;
import dev.vigil.opensearch.OpenSearchEvents;
import dev.vigil.store.EventWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
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

  /**
   * The store {@code config/vigil.yml} names: the index folder's Lucene index, waiting up to {@code wait} for
   * another writer, or an OpenSearch cluster; events get their asset fields either way.
   */
  static IngestDestination open(Installation installation, Duration wait) throws IOException, InterruptedException {
    AssetFields assets = new AssetFields(installation.enrichment().assets());
    if (installation.settings().store().openSearch().isPresent()) {
      Files.createDirectories(installation.indexDir());
      return of(EventStore.openSearchEvents(installation), assets);
    }
    EventWriter writer = EventWriter.openWhenFree(installation.indexDir(), installation.clock, wait,
        () -> System.err.println("vigil: another process is writing to the index " + installation.indexDir()
            + "; waiting up to " + wait.toSeconds() + " s for it"));
    writer.enrichedBy(assets);
    return of(writer);
  }

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
    OpenSearchBulk bulk = new OpenSearchBulk(events);
    return new IngestDestination() {
      @Override
      public void add(ProcessEvent event) {
        bulk.add(enrichment.apply(event));
      }

      @Override
      public long commit() throws IOException {
        return bulk.commit();
      }

      @Override
      public void close() throws IOException {
        events.cluster().close();
      }
    };
  }
}
