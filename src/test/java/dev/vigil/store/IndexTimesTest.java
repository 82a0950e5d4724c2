package dev.vigil.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.MutableClock;
import dev.vigil.ingest.ProcessEvent;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code _indextime} as late data needs it: whatever the clock does (it may stand still or step back), every event
 * a search did not see has a later index time than every event it saw, across commits and writers; and {@link
 * IndexTimes#indexedAfter} finds exactly the events of a window indexed after a point, checked against a list.
 */
class IndexTimesTest {
  private static final long DAY = Instant.parse("2024-05-15T00:00:00Z").toEpochMilli();

  @TempDir
  Path indexDir;

  @Test
  @Timeout(60)
  void whatASearchDidNotSeeIsAlwaysIndexedAfterWhatItSaw() throws IOException {
    long seed = Long.getLong("vigil.seed", System.nanoTime());
    Random random = new Random(seed);
    MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
    Map<String, Long> timeOfEvent = new HashMap<>();
    List<Long> throughs = new ArrayList<>();
    List<Map<String, Long>> seenAt = new ArrayList<>();
    int next = 0;
    try (EventIndex index = EventIndex.open(indexDir)) {
      for (int writerSession = 0; writerSession < 4; writerSession++) {
        try (EventWriter writer = EventWriter.open(indexDir, clock)) {
          for (int commit = 0; commit < 5; commit++) {
            for (int i = random.nextInt(20); i > 0; i--) {
              // A clock that stands still, steps forward or steps back by up to a second.
              clock.advance(Duration.ofMillis(random.nextInt(3) - 1 == 0 ? 0 : random.nextInt(2001) - 1000));
              ProcessEvent event = event(next++, random);
              writer.add(event);
              timeOfEvent.put(event.raw(), event.timeMillis());
            }
            writer.commit();
            throughs.add(index.indexedThrough());
            seenAt.add(indexTimes());
          }
        }
      }
      Map<String, Long> all = indexTimes();
      assertEquals(next, all.size(), "seed " + seed);
      for (int search = 0; search < throughs.size(); search++) {
        long through = throughs.get(search);
        Map<String, Long> seen = seenAt.get(search);
        for (Map.Entry<String, Long> event : all.entrySet()) {
          boolean wasSeen = seen.containsKey(event.getKey());
          assertEquals(wasSeen, event.getValue() <= through,
              "seed " + seed + ", search " + search + ", " + event.getKey() + " indexed at " + event.getValue()
                  + ", the search saw through " + through);
        }
        long from = DAY + random.nextInt(86_400_000);
        long to = from + random.nextInt(86_400_000);
        long expected = all.entrySet().stream().filter(e -> e.getValue() > through)
            .filter(e -> timeOfEvent.get(e.getKey()) >= from && timeOfEvent.get(e.getKey()) < to).count();
        long last = all.entrySet().stream().filter(e -> e.getValue() > through)
            .filter(e -> timeOfEvent.get(e.getKey()) >= from && timeOfEvent.get(e.getKey()) < to)
            .mapToLong(Map.Entry::getValue).max().orElse(IndexTimes.NONE);
        assertEquals(new IndexTimes.LateEvents(expected, last), index.indexedAfter(from, to, through),
            "seed " + seed + ", window [" + from + ", " + to + ") after " + through);
      }
    }
  }

  @Test
  void anEmptyIndexHasSeenNothing() throws IOException {
    try (EventIndex index = EventIndex.open(indexDir)) {
      assertEquals(IndexTimes.NONE, index.indexedThrough());
      assertEquals(IndexTimes.LateEvents.NONE, index.indexedAfter(DAY, DAY + 1000, IndexTimes.NONE));
    }
  }

  @Test
  void eventsIndexedBeforeTheClockWentBackStayEarlierThanTheOnesAfter() throws IOException {
    MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
    try (EventWriter writer = EventWriter.open(indexDir, clock)) {
      writer.add(event(0, new Random(1)));
      writer.commit();
    }
    clock.advance(Duration.ofHours(-1));
    try (EventWriter writer = EventWriter.open(indexDir, clock)) {
      writer.add(event(1, new Random(1)));
      writer.commit();
    }
    Map<String, Long> times = indexTimes();
    assertEquals(Instant.parse("2030-01-01T00:00:00Z").toEpochMilli(), times.get("event 0"));
    assertEquals(times.get("event 0") + 1, times.get("event 1"), "one after the latest committed, not an hour before");
  }

  private static ProcessEvent event(int number, Random random) {
    return new ProcessEvent(DAY + random.nextInt(86_400_000), "test", "vigil:cim", "event " + number,
        Map.of("dest", "WKS-" + random.nextInt(50)));
  }

  /** Every stored event's raw text and index time, read from the last commit. */
  private Map<String, Long> indexTimes() throws IOException {
    Map<String, Long> times = new HashMap<>();
    try (FSDirectory directory = FSDirectory.open(EventIndex.eventsDir(indexDir));
         DirectoryReader reader = DirectoryReader.open(directory)) {
      for (LeafReaderContext leaf : reader.leaves()) {
        NumericDocValues indexTimes = leaf.reader().getNumericDocValues(EventSchema.INDEX_TIME);
        for (int doc = 0; doc < leaf.reader().maxDoc(); doc++) {
          assertTrue(indexTimes.advanceExact(doc));
          String raw = leaf.reader().storedFields().document(doc).getBinaryValue(EventSchema.RAW).utf8ToString();
          times.put(raw, indexTimes.longValue());
        }
      }
    }
    return times;
  }
}
