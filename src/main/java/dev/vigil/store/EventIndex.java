package dev.vigil.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexCommit;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PointValues;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

/**
 * Read access to the event index. Ingest may run in another process, so every {@link #acquire()} first picks
 * up what was committed since the last one. Searchers are reference counted: release each one.
 */
public final class EventIndex implements IndexTimes, AutoCloseable {
  private final Directory directory;
  private final SearcherManager searchers;

  private EventIndex(Directory directory, SearcherManager searchers) {
    this.directory = directory;
    this.searchers = searchers;
  }

  /** Opens the index under {@code indexDir}; one that does not exist yet is created empty. */
  public static EventIndex open(Path indexDir) throws IOException {
    return open(indexDir, null);
  }

  /**
   * As {@link #open(Path)}, with searchers made by {@code searchers}, e.g. ones that search slices of segments
   * in parallel on an executor; null for Lucene's default.
   */
  public static EventIndex open(Path indexDir, SearcherFactory searchers) throws IOException {
    Path dir = eventsDir(indexDir);
    Files.createDirectories(dir);
    return open(FSDirectory.open(dir), searchers, indexDir.toString());
  }

  /**
   * The index in {@code directory}, e.g. an in-memory one that documents of {@link EventSchema} were written
   * to; one that holds no index yet is created empty. Closing the index closes the directory.
   */
  public static EventIndex open(Directory directory, SearcherFactory searchers) throws IOException {
    return open(directory, searchers, directory.toString());
  }

  private static EventIndex open(Directory directory, SearcherFactory searchers, String name) throws IOException {
    try {
      EventSchema.checkLayout(name, directory);
      if (!DirectoryReader.indexExists(directory)) {
        try (IndexWriter writer = new IndexWriter(directory, EventSchema.writerConfig())) {
          writer.setLiveCommitData(EventSchema.commitData().entrySet());
          writer.commit();
        }
      }
      return new EventIndex(directory, new SearcherManager(directory, uncached(searchers)));
    } catch (IOException e) {
      directory.close();
      throw e;
    }
  }

  /**
   * Searchers without Lucene's query cache. A scheduled run's query is new (its window moved), so a cached
   * clause would be one computed over whole segments, against the rule that a run costs what its window holds;
   * and a repeated query would be timed from the cache rather than from the index.
   */
  private static SearcherFactory uncached(SearcherFactory searchers) {
    SearcherFactory base = searchers != null ? searchers : new SearcherFactory();
    return new SearcherFactory() {
      @Override
      public IndexSearcher newSearcher(IndexReader reader, IndexReader previous) throws IOException {
        IndexSearcher searcher = base.newSearcher(reader, previous);
        searcher.setQueryCache(null);
        return searcher;
      }
    };
  }

  /**
   * Opens an index that must already hold events; unlike {@link #open(Path)} it creates nothing, so a mistyped
   * {@code --index} is an error rather than a search over an empty index that answers "0 rows".
   */
  public static EventIndex openExisting(Path indexDir) throws IOException {
    if (!exists(indexDir)) {
      throw new MissingIndexException(indexDir);
    }
    return open(indexDir);
  }

  /** Whether {@code indexDir} holds an event index (one {@code vigil ingest} made). */
  public static boolean exists(Path indexDir) throws IOException {
    Path dir = eventsDir(indexDir);
    if (!Files.isDirectory(dir)) {
      return false;
    }
    try (Directory directory = FSDirectory.open(dir)) {
      return DirectoryReader.indexExists(directory);
    }
  }

  static Path eventsDir(Path indexDir) {
    return indexDir.resolve("events");
  }

  /**
   * A searcher over everything committed so far; give it back with {@link #release}. Whether another process
   * committed since is one listing of the folder; only then is the commit read and the searcher reopened.
   */
  public IndexSearcher acquire() throws IOException {
    IndexSearcher searcher = searchers.acquire();
    long searched = ((DirectoryReader) searcher.getIndexReader()).getIndexCommit().getGeneration();
    if (SegmentInfos.getLastCommitGeneration(directory) == searched) {
      return searcher;
    }
    searchers.release(searcher);
    searchers.maybeRefreshBlocking();
    return searchers.acquire();
  }

  public void release(IndexSearcher searcher) throws IOException {
    searchers.release(searcher);
  }

  /**
   * The last commit of the index: how many events it holds, when it was made (its commit file's time: Lucene keeps
   * no clock), and what was recorded beside its events (the spool's progress).
   */
  public record LastCommit(long events, Instant at, Map<String, String> data) {}

  public LastCommit lastCommit() throws IOException {
    IndexSearcher searcher = acquire();
    try {
      IndexCommit commit = ((DirectoryReader) searcher.getIndexReader()).getIndexCommit();
      Instant at = directory instanceof FSDirectory fs
          ? Files.getLastModifiedTime(fs.getDirectory().resolve(commit.getSegmentsFileName())).toInstant() : null;
      return new LastCommit(searcher.getIndexReader().numDocs(), at, commit.getUserData());
    } finally {
      release(searcher);
    }
  }

  @Override
  public long indexedThrough() throws IOException {
    IndexSearcher searcher = acquire();
    try {
      return latestIndexTime(searcher.getIndexReader());
    } finally {
      release(searcher);
    }
  }

  /** The latest {@code _indextime} in {@code reader}, from each segment's points: no document is read. */
  static long latestIndexTime(IndexReader reader) throws IOException {
    long latest = NONE;
    for (LeafReaderContext leaf : reader.leaves()) {
      PointValues times = leaf.reader().getPointValues(EventSchema.INDEX_TIME);
      if (times != null) {
        latest = Math.max(latest, LongPoint.decodeDimension(times.getMaxPackedValue(), 0));
      }
    }
    return latest;
  }

  @Override
  public LateEvents indexedAfter(long earliestMillis, long latestMillis, long through) throws IOException {
    if (earliestMillis >= latestMillis || through == Long.MAX_VALUE) {
      return LateEvents.NONE;
    }
    Query late = new BooleanQuery.Builder()
        .add(LongPoint.newRangeQuery(EventSchema.TIME, earliestMillis, latestMillis - 1), BooleanClause.Occur.FILTER)
        .add(LongPoint.newRangeQuery(EventSchema.INDEX_TIME, through + 1, Long.MAX_VALUE), BooleanClause.Occur.FILTER)
        .build();
    IndexSearcher searcher = acquire();
    try {
      return searcher.search(late, new LateEventsCollector());
    } finally {
      release(searcher);
    }
  }

  @Override
  public void close() throws IOException {
    searchers.close();
    directory.close();
  }
}
