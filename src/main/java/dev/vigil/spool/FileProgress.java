package dev.vigil.spool;

import dev.vigil.ingest.evtx.EvtxReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * How far a spool file was read: the byte offset after its last whole line taken, the lines before it, and
 * checksums (CRC32C) of the first and of the last 4 KiB before the offset, by which a file rotated or rewritten
 * under the spool is told from one that grew. Kept in the event index's commit user data, one key per file.
 */
record FileProgress(long offset, long lines, long head, long tail) {
  static final FileProgress START = new FileProgress(0, 0, 0, 0);
  static final String KEY_PREFIX = "vigil.spool:";
  private static final int WINDOW = 4096;

  static FileProgress of(Path file, long offset, long lines) throws IOException {
    return new FileProgress(offset, lines, crc(file, 0, Math.min(WINDOW, offset)),
        crc(file, Math.max(0, offset - WINDOW), offset));
  }

  /** Whether {@code file} still starts with what was read of it. */
  boolean matches(Path file, long size) throws IOException {
    return size >= offset && equals(of(file, offset, lines));
  }

  /** Compressed, UTF-16 and .evtx files cannot be read from the middle. */
  static boolean readWhole(Path file) throws IOException {
    byte[] head;
    try (InputStream in = Files.newInputStream(file)) {
      head = in.readNBytes(EvtxReader.FILE_MAGIC.length);
    }
    if (java.util.Arrays.equals(head, EvtxReader.FILE_MAGIC)) {
      return true;
    }
    int first = head.length > 0 ? head[0] & 0xff : -1;
    int second = head.length > 1 ? head[1] & 0xff : -1;
    return first == 0x1f && second == 0x8b || first == 0xfe && second == 0xff || first == 0xff && second == 0xfe;
  }

  private static long crc(Path file, long from, long to) throws IOException {
    CRC32C crc = new CRC32C();
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      ByteBuffer buffer = ByteBuffer.allocate((int) (to - from));
      while (buffer.hasRemaining() && channel.read(buffer, from + buffer.position()) >= 0) {
        // fills the buffer
      }
      buffer.flip();
      crc.update(buffer);
    }
    return crc.getValue();
  }

  static Map<String, FileProgress> from(Map<String, String> commitData) {
    Map<String, FileProgress> progress = new HashMap<>();
    commitData.forEach((key, value) -> {
      if (key.startsWith(KEY_PREFIX)) {
        String[] parts = value.split(",");
        progress.put(key.substring(KEY_PREFIX.length()), new FileProgress(Long.parseLong(parts[0]),
            Long.parseLong(parts[1]), Long.parseLong(parts[2]), Long.parseLong(parts[3])));
      }
    });
    return progress;
  }

  Map<String, String> asCommitData(String name) {
    return Map.of(KEY_PREFIX + name, offset + "," + lines + "," + head + "," + tail);
  }

  /** Removes every file's progress from commit data. */
  static void clear(Map<String, String> commitData) {
    commitData.keySet().removeIf(key -> key.startsWith(KEY_PREFIX));
  }
}
