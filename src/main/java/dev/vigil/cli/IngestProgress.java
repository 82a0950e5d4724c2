package dev.vigil.cli;

import dev.vigil.ingest.ParallelEventReader;
import java.util.Locale;

/**
 * The progress of one file's ingest on a terminal ({@link TerminalProgress}): events, events per second, bytes read
 * of the file's size and the time left at the present rate.
 */
final class IngestProgress implements ParallelEventReader.Progress {
  private final TerminalProgress line = TerminalProgress.onStderr();
  private final String file;
  private final long size;

  private IngestProgress(String file, long size) {
    this.file = file;
    this.size = size;
  }

  /** Progress for a file of {@code size} bytes; negative for a stream of unknown size, which gets no time left. */
  static IngestProgress of(String file, long size) {
    return new IngestProgress(file, size);
  }

  @Override
  public void advanced(long bytesRead, long events) {
    line.show(() -> {
      String text = String.format(Locale.ROOT, "%s: %,d events, %,.0f events/s", file, events, events / line.seconds());
      return size < 0 ? text : text + String.format(Locale.ROOT, ", %,.0f of %,.0f MB, %s", bytesRead / 1e6,
          size / 1e6, line.left(bytesRead, size));
    });
  }

  void done() {
    line.done();
  }
}
