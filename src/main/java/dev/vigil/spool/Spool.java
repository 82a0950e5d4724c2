package dev.vigil.spool;

import dev.vigil.ingest.EventReader;
import dev.vigil.ingest.ReadSummary;
import dev.vigil.store.EventSink;
import dev.vigil.store.Quarantine;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The ingestion job's folder: every file that appears in it, in its sub-folders too, is ingested, also while it
 * is still being written. A pass takes each file's whole lines written since the last pass (an event's last line
 * not yet ended waits for the next), and commits each file's together with how far it was read ({@link
 * FileProgress}, in the commit's user data), so that after a crash ingestion resumes exactly there: what was
 * committed is not read again, what was not is. A file that shrank or whose read part changed was rotated or
 * rewritten under the spool: it is read again from its start (the events' ids keep them stored once). A file read
 * to its end and left alone for the settle time is moved to {@code done/} (or deleted), and forgotten.
 *
 * <p>Compressed and UTF-16 files cannot be read from the middle: they are read whole, once settled.
 */
public final class Spool {
  static final String DONE = "done";

  /** What becomes of a file read to its end and settled. */
  public enum Finished { MOVE, DELETE }

  private final Path folder;
  private final Duration settle;
  private final Finished finished;
  private final Clock clock;
  private final int maxLineBytes;
  private final Consumer<String> log;

  public Spool(Path folder, Duration settle, Finished finished, Clock clock, int maxLineBytes, Consumer<String> log) {
    this.folder = folder;
    this.settle = settle;
    this.finished = finished;
    this.clock = clock;
    this.maxLineBytes = maxLineBytes;
    this.log = log;
  }
  public Path folder() {
    return folder;
  }


  /** What one pass did. */
  public record Pass(int files, long events, long stored, long problems, int finished) {}

  /** Reads what is new in every file into {@code writer} and commits it with the files' progress. */
  public Pass pass(EventSink writer, Quarantine quarantine) throws IOException {
    Files.createDirectories(folder);
    Map<String, String> data = writer.commitData();
    Map<String, FileProgress> progress = FileProgress.from(data);
    List<Path> files = files(folder);
    long events = 0;
    long stored = 0;
    long problems = 0;
    List<Path> settled = new ArrayList<>();
    Map<String, FileProgress> next = new HashMap<>();
    Map<String, String> committed = new HashMap<>(data);
    EventReader reader = new EventReader(clock, maxLineBytes);
    for (Path file : files) {
      String name = folder.relativize(file).toString();
      long size = Files.size(file);
      FileProgress before = progress.get(name);
      if (before != null && !before.matches(file, size)) {
        log.accept("spool: " + name + " was rotated or rewritten since it was read; reading it again from its start");
        before = null;
      }
      boolean whole = FileProgress.readWhole(file);
      if (whole && before != null && before.offset() > 0 && before.offset() != size) {
        // Read whole, it cannot be read on from where it was: a compressed file that grew is read again.
        log.accept("spool: " + name + " changed since it was read whole; reading it again once it settles");
        before = null;
      }
      FileProgress read = before == null ? FileProgress.START : before;
      Instant modified = Files.getLastModifiedTime(file).toInstant();
      boolean isSettled = !modified.plus(settle).isAfter(clock.instant());
      long end = whole ? (isSettled && read.offset() == 0 ? size : read.offset()) : lastLineEnd(file, read.offset(), size);
      if (end > read.offset()) {
        long[] counts = new long[1];
        long lines;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
          channel.position(read.offset());
          BoundedStream part = new BoundedStream(Channels.newInputStream(channel), end - read.offset());
          // The file's name, as 'vigil ingest' gives it: CIM events' source, so that their ids do not depend on the way in.
          ReadSummary summary = reader.read(part, file.getFileName().toString(), read.lines(), event -> {
            counts[0]++;
            writer.add(event);
          }, quarantine.of(file));
          lines = read.lines() + part.lines;
          problems += summary.errors();
        }
        events += counts[0];
        read = FileProgress.of(file, end, lines);
        // Each file's events are committed with its progress as soon as it is read, so that a process killed
        // again and again still gets further at each start, however much the spool holds.
        quarantine.flush();
        committed.putAll(read.asCommitData(name));
        stored += writer.commit(committed);
      }
      next.put(name, read);
      if (read.offset() == size && isSettled) {
        settled.add(file);
      }
    }
    quarantine.flush();
    Map<String, String> newData = new HashMap<>(data);
    FileProgress.clear(newData);
    next.forEach((name, read) -> newData.putAll(read.asCommitData(name)));
    writer.commit(newData);
    // A settled file's progress is dropped by the next pass's commit, which no longer lists the file; a crash
    // before it leaves only a key for a file that is gone.
    for (Path file : settled) {
      finish(file);
    }
    return new Pass(files.size(), events, stored, problems, settled.size());
  }

  /**
   * What waits in the spool after the last commit: the files not yet finished and their bytes not yet read.
   *
   * @param oldest when the least recently written of them was last written; null when there is none
   */
  public record Backlog(int files, long unreadBytes, Instant oldest) {}

  /**
   * The backlog of the spool {@code folder} as the index's last commit recorded its progress ({@code commitData});
   * reads no file's content.
   */
  public static Backlog backlog(Path folder, Map<String, String> commitData) throws IOException {
    if (!Files.isDirectory(folder)) {
      return new Backlog(0, 0, null);
    }
    Map<String, FileProgress> progress = FileProgress.from(commitData);
    long unread = 0;
    Instant oldest = null;
    List<Path> files = files(folder);
    for (Path file : files) {
      FileProgress read = progress.getOrDefault(folder.relativize(file).toString(), FileProgress.START);
      unread += Math.max(0, Files.size(file) - read.offset());
      Instant modified = Files.getLastModifiedTime(file).toInstant();
      oldest = oldest == null || modified.isBefore(oldest) ? modified : oldest;
    }
    return new Backlog(files.size(), unread, oldest);
  }

  private void finish(Path file) throws IOException {
    if (finished == Finished.DELETE) {
      Files.deleteIfExists(file);
      log.accept("spool: " + folder.relativize(file) + " read to its end; deleted");
      return;
    }
    Path done = folder.resolve(DONE).resolve(folder.relativize(file));
    Files.createDirectories(done.getParent());
    Files.move(file, done, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    log.accept("spool: " + folder.relativize(file) + " read to its end; moved to " + folder.relativize(done));
  }

  /** The files of the spool, in name order, without those already done. */
  private static List<Path> files(Path folder) throws IOException {
    Path done = folder.resolve(DONE);
    try (Stream<Path> walk = Files.walk(folder)) {
      return walk.filter(Files::isRegularFile).filter(f -> !f.startsWith(done))
          .filter(f -> !f.getFileName().toString().startsWith(".")).sorted().toList();
    }
  }

  /** Where the last whole line between {@code from} and {@code size} ends; {@code from} when none does. */
  static long lastLineEnd(Path file, long from, long size) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      ByteBuffer block = ByteBuffer.allocate(1 << 16);
      for (long blockEnd = size; blockEnd > from; ) {
        long blockStart = Math.max(from, blockEnd - block.capacity());
        block.clear().limit((int) (blockEnd - blockStart));
        while (block.hasRemaining() && channel.read(block, blockStart + block.position()) >= 0) {
          // fills the block
        }
        for (int i = block.position() - 1; i >= 0; i--) {
          if (block.get(i) == '\n') {
            return blockStart + i + 1;
          }
        }
        blockEnd = blockStart;
      }
      return from;
    }
  }

  /** At most {@code limit} bytes of a stream, counting the line ends it hands out. */
  private static final class BoundedStream extends InputStream {
    private final InputStream in;
    private long remaining;
    long lines;

    BoundedStream(InputStream in, long limit) {
      this.in = in;
      this.remaining = limit;
    }

    @Override
    public int read() throws IOException {
      if (remaining <= 0) {
        return -1;
      }
      int b = in.read();
      if (b >= 0) {
        remaining--;
        lines += b == '\n' ? 1 : 0;
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      if (remaining <= 0) {
        return -1;
      }
      int read = in.read(buffer, offset, (int) Math.min(length, remaining));
      if (read > 0) {
        remaining -= read;
        for (int i = offset; i < offset + read; i++) {
          lines += buffer[i] == '\n' ? 1 : 0;
        }
      }
      return read;
    }
  }
}
