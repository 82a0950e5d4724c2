package dev.vigil.opensearch;

import dev.vigil.ingest.ProcessEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Events on their way into an {@link OpenSearchEvents} index, sent by {@code _bulk} in batches; {@link #add} may be
 * called from several reader threads. A batch the cluster refuses is an {@link UncheckedIOException} from the add
 * that filled it, since readers take plain consumers.
 */
public final class OpenSearchBulk {
  private static final int BATCH = 5_000;

  private final OpenSearchEvents events;
  private final List<ProcessEvent> pending = new ArrayList<>(BATCH);
  private long created;

  public OpenSearchBulk(OpenSearchEvents events) {
    this.events = events;
  }

  public synchronized void add(ProcessEvent event) {
    pending.add(event);
    if (pending.size() >= BATCH) {
      try {
        flush();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** Sends what is pending and makes it searchable; returns how many events since the last commit were new. */
  public synchronized long commit() throws IOException {
    flush();
    events.refresh();
    long done = created;
    created = 0;
    return done;
  }

  private void flush() throws IOException {
    created += events.write(pending);
    pending.clear();
  }
}
