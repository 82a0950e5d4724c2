package dev.vigil.store;

import dev.vigil.ingest.EventId;
import dev.vigil.ingest.ProcessEvent;
import java.io.IOException;
import java.util.function.UnaryOperator;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PointValues;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.LockObtainFailedException;
import org.apache.lucene.util.BytesRef;

/**
 * Adds events to the index idempotently: an event's id ({@link EventId}) is a hash of its source type, source and raw
 * text, so the same event ingested twice is stored once. Nothing is visible to searches before {@link #commit()}.
 *
 * <p>Several threads may add at once. The duplicate check needs bounded memory: an id is looked up in a
 * near-real-time reader of everything added up to its last refresh, in the segments whose time range holds the
 * event's time only (an event's time follows from its raw text, so a duplicate has the same time), and in the set
 * of ids added since; when that set reaches a bound (200,000 ids) the reader is refreshed and the set emptied.
 *
 * <p>An event's {@code _indextime} is the clock's time when it is added, but never earlier than any event of an
 * earlier commit, this writer's or another's: so every event a search could not see (committed after the search's
 * reader was opened) is later than every event it saw, and late data is one comparison ({@link
 * EventIndex#indexedThrough}). Commit only while no {@link #add} is in flight, as ingest and the spool do.
 */
public final class EventWriter implements AutoCloseable {
  /** Ids held in memory, about 15 MB of them, before the reader is refreshed. */
  private static final int REFRESH_EVERY = 200_000;

  private final IndexWriter writer;
  private volatile UnaryOperator<ProcessEvent> enrichment = UnaryOperator.identity();
  private final Clock clock;
  private final int refreshEvery;
  private final ReadWriteLock refreshing = new ReentrantReadWriteLock();
  private volatile DirectoryReader added;
  private final ReentrantLock refresher = new ReentrantLock();
  private volatile Set<EventId> addedSinceRefresh = ConcurrentHashMap.newKeySet();
  private volatile Set<EventId> beingRefreshed = Set.of();
  private volatile boolean addedSinceCommit;
  /** The earliest index time an event added now may have: one after the latest of any committed event. */
  private volatile long indexTimeFloor;
  private final AtomicLong latestIndexTime = new AtomicLong(Long.MIN_VALUE);

  private EventWriter(IndexWriter writer, Clock clock, int refreshEvery) throws IOException {
    this.writer = writer;
    this.clock = clock;
    this.refreshEvery = refreshEvery;
    this.added = DirectoryReader.open(writer);
    this.indexTimeFloor = EventIndex.latestIndexTime(added) + 1;
  }

  /** Opens (creating if needed) the event index under {@code indexDir}. */
  public static EventWriter open(Path indexDir, Clock clock) throws IOException {
    return open(indexDir, clock, REFRESH_EVERY);
  }

  /** As {@link #open(Path, Clock)}, refreshing the duplicate check's reader every {@code refreshEvery} new ids. */
  static EventWriter open(Path indexDir, Clock clock, int refreshEvery) throws IOException {
    Path dir = EventIndex.eventsDir(indexDir);
    Files.createDirectories(dir);
    FSDirectory directory = FSDirectory.open(dir);
    IndexWriter writer;
    try {
      EventSchema.checkLayout(indexDir.toString(), directory);
      writer = new IndexWriter(directory, EventSchema.writerConfig()
          .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
          .setRAMBufferSizeMB(128));
    } catch (LockObtainFailedException e) {
      directory.close();
      throw new WriterBusyException("another process is writing to the index " + indexDir + " (a 'vigil ingest',"
          + " or the spool's ingestion in 'vigil start'); try again when it has finished", e);
    } catch (IOException e) {
      directory.close();
      throw e;
    }
    // What the last commit recorded beside the layout (the spool's progress) must survive this writer.
    Map<String, String> committed = DirectoryReader.indexExists(directory)
        ? SegmentInfos.readLatestCommit(directory).getUserData() : null;
    Map<String, String> data = new HashMap<>(committed == null ? Map.of() : committed);
    data.putAll(EventSchema.commitData());
    boolean changed = !data.equals(committed);
    writer.setLiveCommitData(data.entrySet(), changed);
    if (changed) {
      writer.commit();
    }
    return new EventWriter(writer, clock, refreshEvery);
  }

  /** Another writer holds the index: one writer at a time, in this process or another. */
  public static final class WriterBusyException extends IOException {
    WriterBusyException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * As {@link #open(Path, Clock)}, waiting up to {@code patience} while another writer holds the index (the spool
   * holds it for one pass, seconds), trying again every 200 ms; {@code onWait} is called once, when waiting starts.
   *
   * @throws WriterBusyException when the index is still held after {@code patience}
   */
  public static EventWriter openWhenFree(Path indexDir, Clock clock, java.time.Duration patience, Runnable onWait)
      throws IOException, InterruptedException {
    long giveUp = System.nanoTime() + patience.toNanos();
    boolean told = false;
    while (true) {
      try {
        return open(indexDir, clock);
      } catch (WriterBusyException e) {
        if (System.nanoTime() - giveUp >= 0) {
          throw e;
        }
        if (!told) {
          onWait.run();
          told = true;
        }
        Thread.sleep(200);
      }
    }
  }

  /** This writer as an {@link EventSink}, counting the new events of each commit. */
  public EventSink sink() {
    java.util.concurrent.atomic.LongAdder fresh = new java.util.concurrent.atomic.LongAdder();
    return new EventSink() {
      @Override
      public Map<String, String> commitData() {
        return EventWriter.this.commitData();
      }

      @Override
      public void add(ProcessEvent event) {
        if (EventWriter.this.add(event)) {
          fresh.increment();
        }
      }

      @Override
      public long commit(Map<String, String> data) throws IOException {
        EventWriter.this.commit(data);
        return fresh.sumThenReset();
      }
    };
  }

  /** What the next commit records beside the events: the last commit's, unless {@link #commit(Map)} changed it. */
  public Map<String, String> commitData() {
    Map<String, String> data = new HashMap<>();
    writer.getLiveCommitData().forEach(entry -> data.put(entry.getKey(), entry.getValue()));
    return data;
  }

  /**
   * Commits the events added so far together with {@code data} (the layout is kept whatever it says): the two
   * become durable at once, so that progress recorded in it never runs ahead of, nor behind, the events.
   */
  public void commit(Map<String, String> data) throws IOException {
    Map<String, String> all = new HashMap<>(data);
    all.putAll(EventSchema.commitData());
    if (all.equals(commitData()) && !addedSinceCommit) {
      return; // nothing new: a commit would only make every searcher reopen
    }
    writer.setLiveCommitData(all.entrySet());
    commit();
  }

  /**
   * Stores each new event as {@code enrichment} makes it (the fields the assets and identities give it); the
   * event's id stays that of the event as read, so a re-ingest still finds it. Call it before the first add.
   */
  public EventWriter enrichedBy(UnaryOperator<ProcessEvent> enrichment) {
    this.enrichment = enrichment;
    return this;
  }

  /** Stores the event unless an identical one is already stored; returns whether it was new. Thread-safe. */
  public boolean add(ProcessEvent event) {
    EventId id = EventId.of(event);
    boolean isNew;
    int sinceRefresh;
    refreshing.readLock().lock();
    try {
      isNew = !storedIn(added, id, event.timeMillis()) && !beingRefreshed.contains(id) && addedSinceRefresh.add(id);
      if (isNew) {
        long indexTime = latestIndexTime.accumulateAndGet(Math.max(clock.millis(), indexTimeFloor), Math::max);
        writer.addDocument(EventSchema.toDocument(id, enrichment.apply(event), indexTime));
        addedSinceCommit = true;
      }
      sinceRefresh = addedSinceRefresh.size();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      refreshing.readLock().unlock();
    }
    if (isNew && sinceRefresh >= refreshEvery && refresher.tryLock()) {
      try {
        refresh();
      } finally {
        refresher.unlock();
      }
    }
    return isNew;
  }

  /** One terms-dictionary seek in each segment whose time range holds {@code timeMillis}. */
  private static boolean storedIn(DirectoryReader reader, EventId id, long timeMillis) throws IOException {
    BytesRef term = null;
    for (LeafReaderContext leaf : reader.leaves()) {
      PointValues times = leaf.reader().getPointValues(EventSchema.TIME);
      if (times == null || timeMillis < timeAt(times.getMinPackedValue())
          || timeMillis > timeAt(times.getMaxPackedValue())) {
        continue;
      }
      Terms ids = leaf.reader().terms(EventSchema.ID);
      if (ids != null) {
        term = term == null ? EventSchema.idTerm(id) : term;
        TermsEnum seek = ids.iterator();
        if (seek.seekExact(term)) {
          return true;
        }
      }
    }
    return false;
  }

  private static long timeAt(byte[] packed) {
    return LongPoint.decodeDimension(packed, 0);
  }

  /**
   * Makes the ids added so far findable in the reader, so that the set of them can be let go. The reader is
   * opened (which flushes what the writer buffers) while other threads go on adding: the ids are set aside
   * first, and every id set aside was added to the writer before, so the new reader holds it.
   */
  private void refresh() {
    refreshing.writeLock().lock();
    try {
      beingRefreshed = addedSinceRefresh;
      addedSinceRefresh = ConcurrentHashMap.newKeySet();
    } finally {
      refreshing.writeLock().unlock();
    }
    DirectoryReader newer;
    try {
      newer = DirectoryReader.openIfChanged(added, writer);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    DirectoryReader older = added;
    refreshing.writeLock().lock();
    try {
      if (newer != null) {
        added = newer;
      }
      beingRefreshed = Set.of();
    } finally {
      refreshing.writeLock().unlock();
    }
    if (newer != null) {
      closeQuietly(older);
    }
  }

  private static void closeQuietly(DirectoryReader reader) {
    try {
      reader.close();
    } catch (IOException e) {
      // A reader of the writer's own segments holds no lock and no pending writes.
    }
  }

  /** Makes what was added durable and visible to new searches. */
  public void commit() throws IOException {
    addedSinceCommit = false;
    writer.commit();
    indexTimeFloor = Math.max(indexTimeFloor, latestIndexTime.get() + 1);
  }

  /**
   * Closes the duplicate check's reader first: the writer deletes the files of merged-away segments only once no
   * reader of its own holds them, and it deletes them on close.
   */
  @Override
  public void close() throws IOException {
    try {
      added.close();
    } finally {
      writer.close();
    }
  }
}
