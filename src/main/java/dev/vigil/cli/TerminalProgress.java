package dev.vigil.cli;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * One line of progress on stderr, rewritten in place at most twice a second, shown only when a person watches a
 * terminal (logs, pipes and tests stay clean); the summary that follows long work is printed whatever the output.
 */
final class TerminalProgress {
  private static final long REDRAW_NANOS = 500_000_000L;

  private final PrintStream terminal;
  private final long started = System.nanoTime();
  private long drawn = started;
  private boolean visible;

  private TerminalProgress(PrintStream terminal) {
    this.terminal = terminal;
  }

  static TerminalProgress onStderr() {
    return new TerminalProgress(System.console() == null ? null : System.err);
  }

  /** Redraws the line when it is time to; {@code line} is only asked for then. */
  void show(Supplier<String> line) {
    long now = System.nanoTime();
    if (terminal == null || now - drawn < REDRAW_NANOS) {
      return;
    }
    drawn = now;
    terminal.print("\r" + line.get() + "\033[K");
    terminal.flush();
    visible = true;
  }

  double seconds() {
    return Math.max(1e-9, (System.nanoTime() - started) / 1e9);
  }

  /** {@code "1:05 left"} at the rate so far; empty until something is done. */
  String left(double done, double total) {
    if (done <= 0) {
      return "";
    }
    long left = Math.round((total - done) / (done / seconds()));
    return String.format(Locale.ROOT, "%d:%02d left", left / 60, left % 60);
  }

  /** Clears the line, so that the summary takes its place. */
  void done() {
    if (visible) {
      terminal.print("\r\033[K");
      terminal.flush();
      visible = false;
    }
  }
}
