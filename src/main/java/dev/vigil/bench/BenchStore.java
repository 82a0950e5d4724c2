package dev.vigil.bench;

import dev.vigil.ingest.ProcessEvent;
import dev.vigil.query.TstatsBackend;
import java.io.Closeable;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.ExecutorService;

/**
 * Where the benchmark stores the generated events of a format and searches them: the Lucene index in the work
 * folder ({@link LuceneBenchStore}) or an OpenSearch cluster ({@link OpenSearchBenchStore}), so that both give the
 * same table.
 */
public interface BenchStore extends Closeable {
  /** Empties the store of the format's events and opens a writer for them. */
  Writer writer(String format) throws IOException;

  /** Adds the figures of the room the format's events take, per event. */
  void footprint(String format, long events, long textBytes, List<Figure> figures) throws IOException;

  /**
   * tstats over the format's events.
   *
   * @param pool the threads a search may use, null for the caller's own
   */
  Searcher searcher(String format, ExecutorService pool) throws IOException;

  /** The events as {@code vigil ingest} adds them; may be called from several threads. */
  interface Writer extends Closeable {
    void add(ProcessEvent event);

    /** Makes what was added durable and searchable. */
    void commit() throws IOException;
  }

  /** tstats over the events, open until closed. */
  record Searcher(TstatsBackend tstats, Closeable resources) implements Closeable {
    @Override
    public void close() throws IOException {
      resources.close();
    }
  }
}
