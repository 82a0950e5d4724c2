package dev.vigil.cli;

import dev.vigil.ingest.ParallelEventReader;
import java.io.PrintStream;
import java.util.Locale;

/**
 * The progress of one file's ingest, as one line on stderr rewritten in place about twice a second: events,
 * events per second, bytes read of the file's size and the time left at the present rate. Shown only when a
 * person watches a terminal; the summary line that follows each file is printed whatever the output.
 */
final class IngestProgress implements ParallelEventReader.Progress {
  private static final long REDRAW_NANOS = 500_000_000L;

  private final PrintStream terminal;
  private final String file;
  private final long size;
  private final long started = System.nanoTime();
  private long drawn = started;
  private boolean visible;

  private IngestProgress(PrintStream terminal, String file, long size) {
    this.terminal = terminal;
    this.file = file;
    this.size = size;
  }

  /**
   * Progress for a file of {@code size} bytes (negative for a stream of unknown size, which gets no time left):
   * drawn on stderr when it is a terminal, else nowhere.
   */
  static IngestProgress of(String file, long size) {
    return new IngestProgress(System.console() == null ? null : System.err, file, size);
  }

  @Override
  public void advanced(long bytesRead, long events) {
    long now = System.nanoTime();
    if (terminal == null || now - drawn < REDRAW_NANOS) {
      return;
    }
    drawn = now;
    double seconds = (now - started) / 1e9;
    String line = String.format(Locale.ROOT, "\r%s: %,d events, %,.0f events/s", file, events, events / seconds);
    if (size >= 0) {
      double bytesPerSecond = bytesRead / seconds;
      long left = bytesPerSecond > 0 ? (long) ((size - bytesRead) / bytesPerSecond) : 0;
      line += String.format(Locale.ROOT, ", %,.0f of %,.0f MB, %d:%02d left", bytesRead / 1e6, size / 1e6,
          left / 60, left % 60);
    }
    terminal.print(line + "   ");
    terminal.flush();
    visible = true;
  }

  /** Clears the progress line, so that the summary takes its place. */
  void done() {
    if (visible) {
      terminal.print("\r\033[K");
      terminal.flush();
    }
  }
}
