package dev.vigil.store;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;

/** I/O failures as a person reads them: the JDK's file exceptions often carry nothing but the path. */
public final class IoProblems {
  private IoProblems() {}

  /** E.g. "permission denied: /var/lib/vigil/ledger/runs.ndjson", "Read-only file system: /mnt/index/x". */
  public static String describe(IOException e) {
    if (e instanceof FileSystemException fs && fs.getFile() != null) {
      String why = e instanceof AccessDeniedException ? "permission denied"
          : fs.getReason() != null ? fs.getReason() : e.getClass().getSimpleName();
      return why + ": " + fs.getFile() + (fs.getOtherFile() != null ? " -> " + fs.getOtherFile() : "");
    }
    return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
  }
}
