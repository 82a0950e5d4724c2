package dev.vigil.store;

import dev.vigil.ingest.EventId;
import dev.vigil.ingest.ProcessEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashSet;
import java.util.Set;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.util.BytesRef;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.LockObtainFailedException;

/**
 * Adds events to the index idempotently: an event's id ({@link EventId}) is a hash of its source type, source and raw text, so
 * the same event ingested twice is stored once. Nothing is visible to searches before {@link #commit()}.
 */
public final class EventWriter implements AutoCloseable {
  private final IndexWriter writer;
  private final DirectoryReader committed;
  private final List<TermsEnum> committedIds = new ArrayList<>();
  private final Set<String> addedSinceOpen = new HashSet<>();
  private final Clock clock;

  private EventWriter(IndexWriter writer, DirectoryReader committed, Clock clock) throws IOException {
    this.writer = writer;
    this.committed = committed;
    for (LeafReaderContext leaf : committed.leaves()) {
      Terms terms = leaf.reader().terms(EventSchema.ID);
      if (terms != null) {
        committedIds.add(terms.iterator());
      }
    }
    this.clock = clock;
  }

  /** Opens (creating if needed) the event index under {@code indexDir}. */
  public static EventWriter open(Path indexDir, Clock clock) throws IOException {
    Path dir = EventIndex.eventsDir(indexDir);
    Files.createDirectories(dir);
    IndexWriter writer;
    try {
      writer = new IndexWriter(FSDirectory.open(dir), new IndexWriterConfig()
          .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
          .setRAMBufferSizeMB(64));
    } catch (LockObtainFailedException e) {
      throw new IOException("another process is writing to the index " + indexDir + " (one ingest at a time);"
          + " try again when it has finished", e);
    }
    writer.commit();
    return new EventWriter(writer, DirectoryReader.open(writer.getDirectory()), clock);
  }

  /** Stores the event unless an identical one is already stored; returns whether it was new. */
  public boolean add(ProcessEvent event) {
    String id = EventId.of(event);
    try {
      if (!addedSinceOpen.add(id) || storedBefore(id)) {
        return false;
      }
      writer.addDocument(EventSchema.toDocument(id, event, clock.millis()));
      return true;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Whether the index held this id when the writer opened: one terms-dictionary seek per segment. */
  private boolean storedBefore(String id) throws IOException {
    BytesRef term = new BytesRef(id);
    for (TermsEnum ids : committedIds) {
      if (ids.seekExact(term)) {
        return true;
      }
    }
    return false;
  }

  /** Makes what was added durable and visible to new searches. */
  public void commit() throws IOException {
    writer.commit();
  }

  @Override
  public void close() throws IOException {
    try {
      writer.close();
    } finally {
      committed.close();
    }
  }
}
