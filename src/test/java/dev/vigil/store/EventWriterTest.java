package dev.vigil.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.ingest.ProcessEvent;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.lucene.codecs.lucene912.Lucene912Codec;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.Field;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The duplicate check with bounded memory, across refreshes, threads and reopenings; the time-sorted layout. */
class EventWriterTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2030-01-01T00:00:00Z"), ZoneOffset.UTC);

  @TempDir
  Path indexDir;

  @Test
  void storesEachEventOnceAcrossManyRefreshesOfTheDuplicateCheck() throws IOException {
    List<ProcessEvent> events = events(1_000, new Random(7));
    try (EventWriter writer = EventWriter.open(indexDir, CLOCK, 37)) {
      assertEquals(1_000, addAll(writer, events));
      List<ProcessEvent> again = new ArrayList<>(events);
      Collections.shuffle(again, new Random(8));
      assertEquals(0, addAll(writer, again), "every event was added before, some in memory, most in segments");
      writer.commit();
    }
    assertEquals(1_000, storedEvents());
  }

  @Test
  void storesEachEventOnceAfterReopeningTheIndex() throws IOException {
    List<ProcessEvent> events = events(300, new Random(9));
    try (EventWriter writer = EventWriter.open(indexDir, CLOCK)) {
      assertEquals(200, addAll(writer, events.subList(0, 200)));
      writer.commit();
    }
    try (EventWriter writer = EventWriter.open(indexDir, CLOCK)) {
      assertEquals(100, addAll(writer, events), "the first 200 were committed by the other writer");
      writer.commit();
    }
    assertEquals(300, storedEvents());
  }

  @Test
  @Timeout(60)
  void threadsAddingTheSameEventsStoreEachOnce() throws Exception {
    List<ProcessEvent> events = events(2_000, new Random(11));
    AtomicInteger stored = new AtomicInteger();
    ExecutorService threads = Executors.newFixedThreadPool(4);
    try (EventWriter writer = EventWriter.open(indexDir, CLOCK, 101)) {
      List<Future<?>> work = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        List<ProcessEvent> mine = new ArrayList<>(events);
        Collections.shuffle(mine, new Random(t));
        work.add(threads.submit(() -> stored.addAndGet(addAll(writer, mine))));
      }
      for (Future<?> each : work) {
        each.get(50, TimeUnit.SECONDS);
      }
      writer.commit();
    } finally {
      threads.shutdownNow();
    }
    assertEquals(2_000, stored.get());
    assertEquals(2_000, storedEvents());
  }

  @Test
  void segmentsAreSortedByTimeWhateverTheOrderOfArrival() throws IOException {
    try (EventWriter writer = EventWriter.open(indexDir, CLOCK)) {
      addAll(writer, events(500, new Random(13)));
      writer.commit();
    }
    try (EventIndex index = EventIndex.openExisting(indexDir)) {
      IndexSearcher searcher = index.acquire();
      try {
        for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
          assertEquals(new Sort(new SortField(EventSchema.TIME, SortField.Type.LONG)),
              leaf.reader().getMetaData().getSort());
          NumericDocValues times = leaf.reader().getNumericDocValues(EventSchema.TIME);
          long previous = Long.MIN_VALUE;
          while (times.nextDoc() != NumericDocValues.NO_MORE_DOCS) {
            assertTrue(times.longValue() >= previous);
            previous = times.longValue();
          }
        }
      } finally {
        index.release(searcher);
      }
    }
  }

  @Test
  void anIndexWrittenBeforeTheTimeSortIsAClearError() throws IOException {
    try (FSDirectory directory = FSDirectory.open(EventIndex.eventsDir(indexDir));
         IndexWriter old = new IndexWriter(directory, new IndexWriterConfig())) {
      Document doc = new Document();
      doc.add(new StringField("dest", "host", Field.Store.NO));
      old.addDocument(doc);
    }
    IOException error = assertThrows(IOException.class, () -> EventWriter.open(indexDir, CLOCK));
    assertTrue(error.getMessage().contains("written by an older Vigil"), error.getMessage());
  }

  @Test // layout 1 kept command lines as sorted doc values: reading them as binary would fail mid-search
  void anIndexOfTheFirstTimeSortedLayoutIsAClearErrorToWritersAndReaders() throws IOException {
    try (FSDirectory directory = FSDirectory.open(EventIndex.eventsDir(indexDir));
         IndexWriter old = new IndexWriter(directory, EventSchema.writerConfig())) {
      Document doc = new Document();
      doc.add(new NumericDocValuesField(EventSchema.TIME, 0L));
      doc.add(new SortedDocValuesField("process", new BytesRef("cmd.exe /c whoami")));
      old.addDocument(doc);
    }
    IOException writing = assertThrows(IOException.class, () -> EventWriter.open(indexDir, CLOCK));
    assertTrue(writing.getMessage().contains("written by an older Vigil (layout 1, this one reads 4)"),
        writing.getMessage());
    IOException reading = assertThrows(IOException.class, () -> EventIndex.openExisting(indexDir));
    assertEquals(writing.getMessage(), reading.getMessage());
  }

  @Test // layout 2 compressed _raw with Lucene's Deflate: readable, but not what this Vigil writes into
  void anIndexOfLayoutTwoIsAClearError() throws IOException {
    try (FSDirectory directory = FSDirectory.open(EventIndex.eventsDir(indexDir));
         IndexWriter old = new IndexWriter(directory, EventSchema.writerConfig()
             .setCodec(new Lucene912Codec(Lucene912Codec.Mode.BEST_COMPRESSION)))) {
      Document doc = new Document();
      doc.add(new NumericDocValuesField(EventSchema.TIME, 0L));
      old.addDocument(doc);
      old.setLiveCommitData(Map.of("vigil.layout", "2").entrySet());
    }
    IOException writing = assertThrows(IOException.class, () -> EventWriter.open(indexDir, CLOCK));
    assertTrue(writing.getMessage().contains("written by an older Vigil (layout 2, this one reads 4)"),
        writing.getMessage());
  }

  @Test
  void everyCommitNamesTheLayout() throws IOException {
    try (EventWriter writer = EventWriter.open(indexDir, CLOCK)) {
      writer.add(events(1, new Random(1)).get(0));
      writer.commit();
    }
    try (FSDirectory directory = FSDirectory.open(EventIndex.eventsDir(indexDir))) {
      assertEquals(EventSchema.commitData(), SegmentInfos.readLatestCommit(directory).getUserData());
    }
    try (EventIndex index = EventIndex.openExisting(indexDir)) {
      IndexSearcher searcher = index.acquire();
      try {
        assertEquals(1, searcher.getIndexReader().numDocs());
      } finally {
        index.release(searcher);
      }
    }
  }

  /** Distinct events in shuffled time order over a day; some share a time, as events of one second do. */
  @Test // one writer at a time: the next waits for the one holding the index, and gives up after its patience
  @Timeout(60)
  void aSecondWriterWaitsForTheFirstAndGivesUpAfterItsPatience() throws Exception {
    try (EventWriter first = EventWriter.open(indexDir, CLOCK)) {
      EventWriter.WriterBusyException busy = assertThrows(EventWriter.WriterBusyException.class,
          () -> EventWriter.openWhenFree(indexDir, CLOCK, java.time.Duration.ZERO, () -> { }));
      assertTrue(busy.getMessage().startsWith("another process is writing to the index " + indexDir), busy.getMessage());
    }
    java.util.concurrent.CountDownLatch waiting = new java.util.concurrent.CountDownLatch(1);
    EventWriter first = EventWriter.open(indexDir, CLOCK);
    ExecutorService second = Executors.newSingleThreadExecutor();
    try {
      Future<Integer> added = second.submit(() -> {
        try (EventWriter writer = EventWriter.openWhenFree(indexDir, CLOCK, java.time.Duration.ofMinutes(1),
            waiting::countDown)) {
          int n = addAll(writer, events(10, new Random(3)));
          writer.commit();
          return n;
        }
      });
      assertTrue(waiting.await(30, TimeUnit.SECONDS), "the second writer waits");
      first.close();
      assertEquals(10, added.get(30, TimeUnit.SECONDS));
    } finally {
      second.shutdownNow();
    }
    assertEquals(10, storedEvents());
  }

  private static List<ProcessEvent> events(int count, Random random) {
    List<ProcessEvent> events = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      long time = Instant.parse("2024-05-15T00:00:00Z").toEpochMilli() + random.nextInt(86_400) * 1000L;
      events.add(new ProcessEvent(time, "test", "vigil:cim", "event " + i,
          Map.of("dest", "WKS-" + random.nextInt(50), "process", "cmd.exe /c echo " + i)));
    }
    return events;
  }

  private static int addAll(EventWriter writer, List<ProcessEvent> events) {
    int added = 0;
    for (ProcessEvent event : events) {
      added += writer.add(event) ? 1 : 0;
    }
    return added;
  }

  private int storedEvents() throws IOException {
    try (EventIndex index = EventIndex.openExisting(indexDir)) {
      IndexSearcher searcher = index.acquire();
      try {
        return searcher.getIndexReader().numDocs();
      } finally {
        index.release(searcher);
      }
    }
  }
}
