package dev.vigil.store;

import java.io.IOException;
import java.nio.file.Path;

/** A command that reads events was pointed at a folder that holds no event index. */
public final class MissingIndexException extends IOException {
  public MissingIndexException(Path indexDir) {
    super("no index in " + indexDir + ": ingest events there first (vigil ingest --index " + indexDir
        + " FILE), or give the right --index DIR");
  }
}
