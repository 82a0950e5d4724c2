package dev.vigil.bench;

import dev.vigil.ingest.ProcessEvent;
import dev.vigil.lucene.LuceneTstats;
import dev.vigil.store.EventIndex;
import dev.vigil.store.EventWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherFactory;

/** The benchmark's events in Lucene indexes of the work folder, {@code index-FORMAT/}. */
public final class LuceneBenchStore implements BenchStore {
  private final Path work;
  private final Clock clock;

  public LuceneBenchStore(Path work, Clock clock) {
    this.work = work;
    this.clock = clock;
  }

  private Path indexDir(String format) {
    return work.resolve("index-" + format);
  }

  @Override
  public Writer writer(String format) throws IOException {
    if (java.nio.file.Files.exists(indexDir(format))) {
      WorkFolder.delete(indexDir(format));
    }
    EventWriter writer = EventWriter.open(indexDir(format), clock);
    return new Writer() {
      @Override
      public void add(ProcessEvent event) {
        writer.add(event);
      }

      @Override
      public void commit() throws IOException {
        writer.commit();
      }

      @Override
      public void close() throws IOException {
        writer.close();
      }
    };
  }

  @Override
  public void footprint(String format, long events, long textBytes, List<Figure> figures) throws IOException {
    Map<String, Long> parts = IndexFootprint.of(indexDir(format).resolve("events"));
    long total = 0;
    for (Map.Entry<String, Long> part : parts.entrySet()) {
      figures.add(new Figure("index", format, part.getKey(), (double) part.getValue() / events, "B/event", 1));
      total += part.getValue();
    }
    long withoutRaw = total - parts.getOrDefault(IndexFootprint.STORED, 0L);
    figures.add(new Figure("index", format, "total without stored fields", (double) withoutRaw / events, "B/event", 1));
    figures.add(new Figure("index", format, "total", (double) total / events, "B/event", 1));
    figures.add(new Figure("index", format, "stored fields / raw text",
        100.0 * parts.getOrDefault(IndexFootprint.STORED, 0L) / textBytes, "%", 1));
  }

  @Override
  public Searcher searcher(String format, ExecutorService pool) throws IOException {
    EventIndex index = EventIndex.open(indexDir(format), pool == null ? null : new SearcherFactory() {
      @Override
      public IndexSearcher newSearcher(IndexReader reader, IndexReader previous) {
        return new IndexSearcher(reader, pool);
      }
    });
    return new Searcher(new LuceneTstats(index), index::close);
  }

  @Override
  public void close() {}
}
