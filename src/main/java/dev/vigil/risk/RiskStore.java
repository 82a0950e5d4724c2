package dev.vigil.risk;

import dev.vigil.store.IdempotentLog;
import dev.vigil.store.NdjsonLog;
import dev.vigil.store.LogIndex;
import dev.vigil.store.RiskIndex;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;


/**
 * The risk events: a file, NDJSON, append-only, idempotent, and the index that makes them the
 * {@code Risk.All_Risk} data set in the events' store (the {@link RiskIndex} beside a Lucene index). An event whose id is already in the file is not written again (SEMANTICS
 * §5.3). Appends hold an exclusive file lock and first read whatever other processes (a {@code vigil run} beside
 * {@code vigil start}) appended since, so ids stay unique across processes; torn and corrupt lines are handled
 * as {@link NdjsonLog} says. The file is written first and is the record; the index follows it.
 */
public final class RiskStore<I extends LogIndex> implements AutoCloseable {
  private final IdempotentLog<RiskEvent> log;
  private final I index;

  private RiskStore(IdempotentLog<RiskEvent> log, I index) {
    this.log = log;
    this.index = index;
  }

  /**
   * Opens the risk events of the index folder {@code indexDir}, written to {@code file}; the risk index is
   * brought up to date with the file.
   *
   * @param warnings told about lines of the file that are skipped or dropped
   */
  public static RiskStore<RiskIndex> open(Path indexDir, Path file, Consumer<String> warnings) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    return open(file, RiskIndex.open(indexDir, file, warnings), warnings);
  }

  /**
   * Opens the risk events written to {@code file}, searched in {@code index}, which follows that file; the store
   * closes it.
   */
  public static <I extends LogIndex> RiskStore<I> open(Path file, I index, Consumer<String> warnings)
      throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    return new RiskStore<>(new IdempotentLog<>(file, "risk events file", "risk_event_id", RiskEvent::id,
        RiskEvent::fields, warnings), index);
  }

  /** Appends the events not stored yet, durably, and indexes them; returns those written. */
  public List<RiskEvent> append(List<RiskEvent> events) throws IOException {
    List<RiskEvent> fresh = log.append(events);
    if (!fresh.isEmpty()) {
      index.sync();
    }
    return fresh;
  }

  public Path file() {
    return log.file();
  }

  /** The risk events as a searchable data set. */
  public I index() {
    return index;
  }

  @Override
  public void close() throws IOException {
    index.close();
  }
}
