package dev.vigil.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedSetDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;

/**
 * The risk events as the {@code Risk.All_Risk} data set: a Lucene index beside the events ({@code risk-index/} in the
 * index folder), kept in step with the risk events file, which stays the record. Each risk event is one
 * document whose id is its {@code risk_event_id}, so indexing one twice stores it once. Every field is indexed
 * per value, as lower-cased terms for {@code f=v} and as sorted-set doc values of the original values for
 * grouping and patterns: the risk data model's fields hold several values ({@code analyticstories},
 * {@code annotations.mitre_attack.mitre_technique_id}, {@code threat_object}).
 *
 * <p>The index's commit records how far into the file it has read; {@link #catchUp} indexes the lines after that,
 * under the file's lock, so a crash between the file's append and the index's commit leaves nothing behind for
 * long: the next append or open indexes it.
 */
public final class RiskIndex implements LogIndex {
  public static final String ID = "risk_event_id";
  public static final String TIME = "_time";
  /** The whole risk event as JSON, for listing it. */
  public static final String RAW = "_raw";
  private static final String READ_BYTES = "vigil.risk.read_bytes";
  private static final String READ_LINES = "vigil.risk.read_lines";

  private final Directory directory;
  private final NdjsonLog file;
  private final Consumer<String> warnings;
  private SearcherManager searchers;

  private RiskIndex(Directory directory, NdjsonLog file, Consumer<String> warnings) {
    this.directory = directory;
    this.file = file;
    this.warnings = warnings;
  }

  /**
   * Opens (or creates) the risk index of {@code indexDir} and indexes what {@code riskFile} holds beyond it.
   *
   * @param warnings told about lines of the file that are skipped
   */
  public static RiskIndex open(Path indexDir, Path riskFile, Consumer<String> warnings) throws IOException {
    Path dir = riskDir(indexDir);
    Files.createDirectories(dir);
    // The risk store reads the same file and reports its skipped lines: the index's reading stays quiet.
    RiskIndex index = new RiskIndex(FSDirectory.open(dir), new NdjsonLog(riskFile, "risk events file", w -> { }),
        warnings);
    try {
      if (!DirectoryReader.indexExists(index.directory)) {
        try (IndexWriter writer = new IndexWriter(index.directory, new IndexWriterConfig())) {
          writer.commit();
        }
      }
      // A path that is no file yet (or no file at all) is the first append's to create or to fail on.
      if (Files.isRegularFile(riskFile)) {
        index.sync();
      }
      index.searchers = new SearcherManager(index.directory, new SearcherFactory() {
        @Override
        public IndexSearcher newSearcher(IndexReader reader, IndexReader previous) {
          IndexSearcher searcher = new IndexSearcher(reader);
          // A run's window moves each hour: a cached clause would be computed over whole segments for nothing.
          searcher.setQueryCache(null);
          return searcher;
        }
      });
      return index;
    } catch (IOException | RuntimeException e) {
      index.close();
      throw e;
    }
  }

  static Path riskDir(Path indexDir) {
    return indexDir.resolve("risk-index");
  }

  @Override
  public void sync() throws IOException {
    file.locked(this::catchUp);
  }

  /**
   * Indexes the lines of the risk events file after those the index holds, and commits them with the new
   * position; under the file's lock ({@link NdjsonLog#locked}), which appends hold too.
   */
  private synchronized void catchUp() throws IOException {
    try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig())) {
      Map<String, String> committed = new HashMap<>();
      writer.getLiveCommitData().forEach(entry -> committed.put(entry.getKey(), entry.getValue()));
      file.seek(new NdjsonLog.Position(Long.parseLong(committed.getOrDefault(READ_BYTES, "0")),
          Long.parseLong(committed.getOrDefault(READ_LINES, "0"))));
      file.read(new NdjsonLog.Lines() {
        @Override
        public void line(long number, JsonNode object) throws IOException {
          String id = object.path(ID).asText("");
          if (id.isEmpty()) {
            warnings.accept(file.file() + ":" + number + ": a risk event without " + ID + "; not indexed");
            return;
          }
          writer.updateDocument(new Term(ID, id), document(object));
        }

        @Override
        public void restart() {
          try {
            writer.deleteAll();
          } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        }
      });
      NdjsonLog.Position position = file.position();
      if (position.bytes() != Long.parseLong(committed.getOrDefault(READ_BYTES, "-1"))) {
        writer.setLiveCommitData(Map.of(READ_BYTES, Long.toString(position.bytes()),
            READ_LINES, Long.toString(position.lines())).entrySet());
        writer.commit();
      }
    }
  }

  /**
   * A searcher over the risk events indexed so far, what another process indexed since included; give it back
   * with {@link #release}.
   */
  public IndexSearcher acquire() throws IOException {
    searchers.maybeRefreshBlocking();
    return searchers.acquire();
  }

  @Override
  public long count() throws IOException {
    IndexSearcher searcher = acquire();
    try {
      return searcher.getIndexReader().numDocs();
    } finally {
      release(searcher);
    }
  }

  public void release(IndexSearcher searcher) throws IOException {
    searchers.release(searcher);
  }

  /** The normalized form of a value, what {@code f=v} compares against: lower case, as for events. */
  public static String normalize(String value) {
    return EventSchema.normalize(value);
  }

  private static Document document(JsonNode event) {
    Document doc = new Document();
    doc.add(new StringField(ID, event.path(ID).asText(), Field.Store.NO));
    long timeMillis = Math.round(event.path(TIME).asDouble() * 1000);
    doc.add(new LongPoint(TIME, timeMillis));
    doc.add(new NumericDocValuesField(TIME, timeMillis));
    doc.add(new StoredField(RAW, event.toString()));
    event.fields().forEachRemaining(field -> {
      if (!field.getKey().equals(TIME)) {
        addValues(doc, field.getKey(), field.getValue());
      }
    });
    return doc;
  }

  private static void addValues(Document doc, String name, JsonNode value) {
    if (value.isArray()) {
      value.forEach(each -> addValues(doc, name, each));
    } else if (value.isValueNode() && !value.isNull()) {
      String text = value.asText();
      doc.add(new StringField(name, EventSchema.truncate(new BytesRef(normalize(text))), Field.Store.NO));
      doc.add(new SortedSetDocValuesField(name, EventSchema.truncate(new BytesRef(text))));
    }
  }

  @Override
  public synchronized void close() throws IOException {
    if (searchers != null) {
      searchers.close();
    }
    directory.close();
  }
}
