package dev.vigil.risk;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The risk events file: NDJSON, append-only, idempotent. An event whose id is already in the file is not
 * written again (SEMANTICS §5.3). Appends hold an exclusive file lock and first read whatever other
 * processes (a {@code vigil run} beside {@code vigil start}) appended since, so ids stay unique across
 * processes; a last line cut short by a crash is dropped before the next append.
 */
public final class RiskStore {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path file;
  private final Set<String> ids = new HashSet<>();
  private long readUpTo;

  private RiskStore(Path file) {
    this.file = file;
  }

  public static RiskStore open(Path file) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    return new RiskStore(file);
  }

  /** Appends the events not stored yet, durably; returns those written. */
  @SuppressWarnings("try") // the lock is held for the whole body, never referenced in it
  public synchronized List<RiskEvent> append(List<RiskEvent> events) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
        StandardOpenOption.WRITE);
         FileLock lock = channel.lock()) {
      catchUpWith(channel);
      List<RiskEvent> fresh = new ArrayList<>();
      StringBuilder lines = new StringBuilder();
      for (RiskEvent event : events) {
        if (ids.add(event.id())) {
          fresh.add(event);
          lines.append(JSON.writeValueAsString(event.fields())).append('\n');
        }
      }
      if (!fresh.isEmpty()) {
        ByteBuffer bytes = StandardCharsets.UTF_8.encode(lines.toString());
        long at = channel.size();
        while (bytes.hasRemaining()) {
          at += channel.write(bytes, at);
        }
        channel.force(true);
        readUpTo = at;
      }
      return fresh;
    }
  }

  /** Reads the ids of lines appended since the last read; cuts off a trailing fragment left by a crash. */
  private void catchUpWith(FileChannel channel) throws IOException {
    long size = channel.size();
    if (size <= readUpTo) {
      return;
    }
    ByteBuffer tail = ByteBuffer.allocate(Math.toIntExact(size - readUpTo));
    while (tail.hasRemaining() && channel.read(tail, readUpTo + tail.position()) >= 0) {
      // reads until the buffer is full
    }
    String text = new String(tail.array(), StandardCharsets.UTF_8);
    int lineStart = 0;
    for (int newline = text.indexOf('\n'); newline >= 0; newline = text.indexOf('\n', lineStart)) {
      String line = text.substring(lineStart, newline);
      if (!line.isBlank()) {
        ids.add(JSON.readTree(line).path("risk_event_id").asText());
      }
      lineStart = newline + 1;
    }
    long complete = readUpTo + text.substring(0, lineStart).getBytes(StandardCharsets.UTF_8).length;
    if (complete < size) {
      channel.truncate(complete);
    }
    readUpTo = complete;
  }

  public Path file() {
    return file;
  }
}
