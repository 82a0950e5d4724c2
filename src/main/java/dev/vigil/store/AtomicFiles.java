package dev.vigil.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Writes that survive a crash: a file replaced whole or not at all (a temporary file of a unique name in the
 * same folder, fsync, atomic move, fsync of the folder so that the move itself is durable), and lines appended
 * and forced to disk.
 */
public final class AtomicFiles {
  private AtomicFiles() {}

  /** Writes {@code content} unless the file already holds exactly it; returns whether it wrote. */
  public static boolean write(Path file, byte[] content) throws IOException {
    if (Files.isRegularFile(file) && Arrays.equals(Files.readAllBytes(file), content)) {
      return false;
    }
    Path folder = file.toAbsolutePath().getParent();
    Files.createDirectories(folder);
    Path temporary = Files.createTempFile(folder, "." + file.getFileName(), ".tmp");
    try {
      try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE,
          StandardOpenOption.TRUNCATE_EXISTING)) {
        ByteBuffer buffer = ByteBuffer.wrap(content);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(true);
      }
      Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      forceFolder(folder);
    } finally {
      Files.deleteIfExists(temporary);
    }
    return true;
  }

  /** Appends {@code text} to the file, creating it, and forces it to disk before returning. */
  public static void append(Path file, String text) throws IOException {
    Path folder = file.toAbsolutePath().getParent();
    Files.createDirectories(folder);
    boolean created = !Files.exists(file);
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.APPEND)) {
      ByteBuffer buffer = StandardCharsets.UTF_8.encode(text);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      channel.force(true);
    }
    if (created) {
      forceFolder(folder);
    }
  }

  /** Makes the folder's entries (a file moved or created in it) durable; a no-op where folders cannot be opened. */
  private static void forceFolder(Path folder) throws IOException {
    try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException e) {
      if (!System.getProperty("os.name").startsWith("Windows")) {
        throw e;
      }
    }
  }
}
