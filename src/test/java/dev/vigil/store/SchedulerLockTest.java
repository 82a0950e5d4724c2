package dev.vigil.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One scheduler per index, also within one process; released on close, for the next one. */
class SchedulerLockTest {
  @TempDir
  Path index;

  @Test
  void aSecondLockInTheSameProcessIsRefusedAndTheFirstNamesItsPid() throws Exception {
    try (SchedulerLock held = SchedulerLock.acquire(index)) {
      SchedulerLock.IndexBusyException busy = assertThrows(SchedulerLock.IndexBusyException.class,
          () -> SchedulerLock.acquire(index));
      assertEquals("another 'vigil start' (pid " + ProcessHandle.current().pid() + ") is running on the index "
          + index + "; stop it first, or give another --index", busy.getMessage());
    }
    try (SchedulerLock again = SchedulerLock.acquire(index)) {
      assertEquals(ProcessHandle.current().pid() + "\n", Files.readString(index.resolve(SchedulerLock.FILE)));
    }
  }
}
