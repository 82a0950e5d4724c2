package dev.vigil.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * An append-only file of JSON objects, one per line, that several processes share (the daemon and a {@code vigil
 * run} beside it): the run ledger and the risk events file. One policy for both:
 *
 * <ul>
 *   <li>an append holds the file's exclusive lock, first reads what others appended, and is forced to disk
 *       before it returns, so that lines of two writers never interleave and a line written survives a crash;
 *   <li>a last line without its line end is a write cut short by a crash: readers leave it, and the next append
 *       drops it and says so. A last line without its line end that is a whole JSON object (written by hand,
 *       or by another tool) is kept: the append ends it;
 *   <li>a whole line that is not a JSON object is reported once, with its line number, and skipped: reading and
 *       appending go on;
 *   <li>a file whose first line does not even start like a JSON object is not such a file: it is an error, and
 *       nothing is written to it;
 *   <li>only what was appended since the last read is read, in chunks, so a file of any size can be read.
 * </ul>
 */
public final class NdjsonLog {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int CHUNK_BYTES = 1 << 20;
  /** A longer line is no line of ours: it is skipped as corrupt without being held in memory. */
  private static final int MAX_LINE_BYTES = 16 << 20;
  private static final Map<Path, ReentrantLock> WRITERS = new ConcurrentHashMap<>();

  /** Takes the lines read, in file order. */
  public interface Lines {
    /** Takes nothing. */
    Lines NONE = new Lines() {
      @Override
      public void line(long number, JsonNode object) {}

      @Override
      public void restart() {}
    };

    void line(long number, JsonNode object) throws IOException;

    /** The same, with where the line ends: a reader that resumes after it {@link #seek seeks} there. */
    default void line(long number, JsonNode object, Position end) throws IOException {
      line(number, object);
    }

    /** The file became shorter than what was read (it was replaced): forget what was read, it is read again. */
    void restart();
  }

  private final Path file;
  private final String what;
  private final Consumer<String> warnings;
  private long readBytes;
  private long readLines;

  /**
   * @param what     what the file holds, for messages ({@code "run ledger"})
   * @param warnings told about lines skipped or dropped
   */
  public NdjsonLog(Path file, String what, Consumer<String> warnings) {
    this.file = file;
    this.what = what;
    this.warnings = warnings;
  }

  public Path file() {
    return file;
  }

  /** How far the reads have come: the bytes and lines read. */
  public record Position(long bytes, long lines) {
    public static final Position START = new Position(0, 0);
  }

  public synchronized Position position() {
    return new Position(readBytes, readLines);
  }

  /**
   * Reads go on from {@code position}, a position an earlier reader of the same file reached; a file shorter than
   * that was replaced, and the next read restarts.
   */
  public synchronized void seek(Position position) {
    readBytes = position.bytes();
    readLines = position.lines();
  }

  /**
   * Runs {@code action} holding the lock that appends hold, so that it sees the file as no writer is changing it:
   * for what is kept in step with the file, like an index of its lines.
   */
  public void locked(IoAction action) throws IOException {
    underLock(channel -> action.run());
  }

  /** An action that may fail with an {@link IOException}. */
  @FunctionalInterface
  public interface IoAction {
    void run() throws IOException;
  }

  /** Hands {@code lines} the whole lines appended since the last read; nothing when the file does not exist. */
  public synchronized void read(Lines lines) throws IOException {
    if (!Files.exists(file)) {
      if (readBytes > 0) {
        restart(lines);
      }
      return;
    }
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      readNew(channel, lines);
    }
  }

  /**
   * Under the file's exclusive lock: reads what was appended since the last read into {@code lines}, then writes
   * what {@code toWrite} returns (each a JSON object, without a line end) and forces it to disk. The lines written
   * are read back by the next read, like any other.
   */
  public synchronized void append(Lines lines, Supplier<List<String>> toWrite) throws IOException {
    underLock(channel -> {
      readNew(channel, lines);
      endLastLine(channel, lines);
      List<String> written = toWrite.get();
      if (written.isEmpty()) {
        return;
      }
      StringBuilder text = new StringBuilder();
      written.forEach(line -> text.append(line).append('\n'));
      ByteBuffer bytes = StandardCharsets.UTF_8.encode(text.toString());
      long at = channel.size();
      while (bytes.hasRemaining()) {
        at += channel.write(bytes, at);
      }
      channel.force(true);
    });
  }

  /** Runs {@code action} on the file's channel holding the file's exclusive lock. */
  @SuppressWarnings("try") // the lock is held for the whole body, never referenced in it
  private void underLock(ChannelAction action) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    // A file lock is held for the whole JVM, and a second channel's lock() throws rather than waits: writers in
    // this process take turns first.
    ReentrantLock inProcess = WRITERS.computeIfAbsent(file.toAbsolutePath().normalize(), f -> new ReentrantLock());
    inProcess.lock();
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
        StandardOpenOption.WRITE);
         FileLock lock = channel.lock()) {
      action.run(channel);
    } finally {
      inProcess.unlock();
    }
  }

  private interface ChannelAction {
    void run(FileChannel channel) throws IOException;
  }

  private void restart(Lines lines) {
    readBytes = 0;
    readLines = 0;
    lines.restart();
  }

  private void readNew(FileChannel channel, Lines lines) throws IOException {
    long size = channel.size();
    if (size < readBytes) {
      restart(lines);
    }
    ByteBuffer chunk = ByteBuffer.allocate((int) Math.min(CHUNK_BYTES, Math.max(1, size - readBytes)));
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    boolean tooLong = false;
    long position = readBytes;
    while (position < size) {
      chunk.clear();
      int read = channel.read(chunk, position);
      if (read <= 0) {
        break;
      }
      byte[] bytes = chunk.array();
      int start = 0;
      for (int i = 0; i < read; i++) {
        if (bytes[i] != '\n') {
          continue;
        }
        if (!tooLong && line.size() + (i - start) <= MAX_LINE_BYTES) {
          line.write(bytes, start, i - start);
          parse(line.toByteArray(), readLines + 1, new Position(position + i + 1, readLines + 1), lines);
        } else {
          warnings.accept(file + ":" + (readLines + 1) + ": a line of more than " + MAX_LINE_BYTES
              + " bytes is no " + what + " line; skipped");
        }
        readLines++;
        readBytes = position + i + 1;
        line.reset();
        tooLong = false;
        start = i + 1;
      }
      if (!tooLong && line.size() + (read - start) <= MAX_LINE_BYTES) {
        line.write(bytes, start, read - start);
      } else {
        tooLong = true;
        line.reset();
      }
      position += read;
    }
  }

  private void parse(byte[] line, long number, Position end, Lines lines) throws IOException {
    String text = new String(line, StandardCharsets.UTF_8);
    if (text.isBlank()) {
      return;
    }
    JsonNode object;
    try {
      object = JSON.readTree(text);
    } catch (IOException e) {
      object = null;
    }
    if (object != null && object.isObject()) {
      lines.line(number, object, end);
      return;
    }
    if (number == 1 && !text.stripLeading().startsWith("{")) {
      throw new NotThisFileException(file + ":1: not a " + what + " (its lines are JSON objects, this one is not);"
          + " move the file away or configure another");
    }
    warnings.accept(file + ":" + number + ": not a JSON object; skipped: " + shortened(text));
  }

  /** What follows the last line end: a whole object is ended and read, a torn write is dropped. */
  private void endLastLine(FileChannel channel, Lines lines) throws IOException {
    long size = channel.size();
    if (size == readBytes) {
      return;
    }
    long length = size - readBytes;
    if (length > MAX_LINE_BYTES) {
      throw new NotThisFileException(file + ":" + (readLines + 1) + ": the file ends in " + length
          + " bytes without a line end; no " + what + " line is that long: move the file away or configure another");
    }
    ByteBuffer tail = ByteBuffer.allocate((int) length);
    while (tail.hasRemaining() && channel.read(tail, readBytes + tail.position()) >= 0) {
      // fills the buffer
    }
    String text = new String(tail.array(), StandardCharsets.UTF_8);
    if (isObject(text)) {
      channel.write(StandardCharsets.UTF_8.encode("\n"), size);
      readNew(channel, lines);
    } else if (readLines > 0 || text.stripLeading().startsWith("{")) {
      channel.truncate(readBytes);
      warnings.accept(file + ":" + (readLines + 1) + ": dropped a last line cut short by a crash (" + length
          + " bytes): " + shortened(text));
    } else {
      throw new NotThisFileException(file + ":1: not a " + what + " (its lines are JSON objects, this one is not);"
          + " move the file away or configure another");
    }
  }

  private static boolean isObject(String text) {
    try {
      return JSON.readTree(text).isObject();
    } catch (IOException e) {
      return false;
    }
  }

  private static String shortened(String text) {
    return text.length() <= 80 ? text : text.substring(0, 80) + "…";
  }

  /** The file is not a log of this kind: nothing is read from it or written to it. */
  public static final class NotThisFileException extends IOException {
    NotThisFileException(String message) {
      super(message);
    }
  }
}
