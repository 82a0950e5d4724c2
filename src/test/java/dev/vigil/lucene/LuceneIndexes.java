package dev.vigil.lucene;

import dev.vigil.ingest.EventId;
import dev.vigil.ingest.ProcessEvent;
import dev.vigil.store.EventIndex;
import dev.vigil.store.EventSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Random;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LogDocMergePolicy;
import org.apache.lucene.index.NoMergePolicy;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;

/** In-memory event indexes for backend tests, laid out as ingest lays them out ({@link EventSchema}). */
final class LuceneIndexes {
  private LuceneIndexes() {}

  /** The events in one segment. */
  static EventIndex of(List<ProcessEvent> events) throws IOException {
    Directory directory = new ByteBuffersDirectory();
    try (IndexWriter writer = new IndexWriter(directory, EventSchema.writerConfig())) {
      writer.setLiveCommitData(EventSchema.commitData().entrySet());
      for (ProcessEvent event : events) {
        writer.addDocument(EventSchema.toDocument(EventId.of(event), event, 0L));
      }
    }
    return EventIndex.open(directory, null);
  }

  /** One segment per list of events, in order, never merged. */
  static EventIndex segmented(List<List<ProcessEvent>> segments) throws IOException {
    Directory directory = new ByteBuffersDirectory();
    IndexWriterConfig config = new IndexWriterConfig().setMergePolicy(NoMergePolicy.INSTANCE).setRAMBufferSizeMB(256);
    try (IndexWriter writer = new IndexWriter(directory, config)) {
      writer.setLiveCommitData(EventSchema.commitData().entrySet());
      for (List<ProcessEvent> segment : segments) {
        for (ProcessEvent event : segment) {
          writer.addDocument(EventSchema.toDocument(EventId.of(event), event, 0L));
        }
        writer.flush();
      }
    }
    return EventIndex.open(directory, null);
  }

  /**
   * The events in segments the random source cuts: a flush every few documents, commits at random, and
   * sometimes a merge down to fewer segments, so that ordinals and doc ids differ from segment to segment.
   */
  static EventIndex randomlySegmented(List<ProcessEvent> events, Random random) throws IOException {
    Directory directory = new ByteBuffersDirectory();
    LogDocMergePolicy merges = new LogDocMergePolicy();
    merges.setMergeFactor(2 + random.nextInt(8));
    IndexWriterConfig config = EventSchema.writerConfig()
        .setMaxBufferedDocs(2 + random.nextInt(20))
        .setMergePolicy(merges);
    try (IndexWriter writer = new IndexWriter(directory, config)) {
      writer.setLiveCommitData(EventSchema.commitData().entrySet());
      for (ProcessEvent event : events) {
        writer.addDocument(EventSchema.toDocument(EventId.of(event), event, 0L));
        if (random.nextInt(40) == 0) {
          writer.commit();
        }
      }
      if (random.nextInt(4) == 0) {
        writer.forceMerge(1 + random.nextInt(3));
      }
    }
    return EventIndex.open(directory, null);
  }

  /** A Lucene backend over an index of exactly the events. */
  static LuceneTstats backend(List<ProcessEvent> events) {
    try {
      return new LuceneTstats(of(events));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
