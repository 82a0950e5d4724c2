package dev.vigil.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One scheduler per index: {@code vigil start} holds the lock of {@code scheduler.lock} in the index folder for
 * as long as it runs, with its process id written in the file for the next one to name. Two schedulers on one
 * index would run every window twice. The operating system releases the lock when the process ends, however it
 * ends, so a crash never leaves a stale lock behind.
 */
public final class SchedulerLock implements AutoCloseable {
  static final String FILE = "scheduler.lock";

  private final FileChannel channel;
  private final FileLock lock;

  private SchedulerLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /** @throws IndexBusyException when another scheduler, in this process or another, holds the index */
  public static SchedulerLock acquire(Path indexDir) throws IOException {
    Files.createDirectories(indexDir);
    Path file = indexDir.resolve(FILE);
    FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
        StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
    }
    if (lock == null) {
      String holder = holder(channel);
      channel.close();
      throw new IndexBusyException("another 'vigil start' (" + holder + ") is running on the index " + indexDir
          + "; stop it first, or give another --index");
    }
    channel.truncate(0);
    channel.write(StandardCharsets.UTF_8.encode(ProcessHandle.current().pid() + "\n"), 0);
    channel.force(true);
    return new SchedulerLock(channel, lock);
  }

  /**
   * The pid of the {@code vigil start} running on the index, if one is: read from the lock file and checked
   * against the running processes, without touching the lock (a probe that took it could refuse a start).
   */
  public static java.util.OptionalLong runningScheduler(Path indexDir) throws IOException {
    Path file = indexDir.resolve(FILE);
    if (!Files.exists(file)) {
      return java.util.OptionalLong.empty();
    }
    String pid = Files.readString(file, StandardCharsets.UTF_8).strip();
    try {
      long holder = Long.parseLong(pid);
      return ProcessHandle.of(holder).filter(ProcessHandle::isAlive).isPresent()
          ? java.util.OptionalLong.of(holder) : java.util.OptionalLong.empty();
    } catch (NumberFormatException e) {
      return java.util.OptionalLong.empty();
    }
  }

  private static String holder(FileChannel channel) throws IOException {
    ByteBuffer content = ByteBuffer.allocate(64);
    channel.read(content, 0);
    String pid = new String(content.array(), 0, content.position(), StandardCharsets.UTF_8).strip();
    return pid.isEmpty() ? "a process that has not written its pid yet" : "pid " + pid;
  }

  @Override
  public void close() throws IOException {
    try {
      lock.release();
    } finally {
      channel.close();
    }
  }

  /** The index is held by another scheduler. */
  public static final class IndexBusyException extends IOException {
    IndexBusyException(String message) {
      super(message);
    }
  }
}
