package dev.vigil.bench;

import java.util.function.Consumer;

/** Progress of long work: on stderr when a person watches a terminal, nowhere else (logs and tests stay clean). */
public final class Progress {
  private Progress() {}

  public static Consumer<String> onTerminal() {
    if (System.console() == null) {
      return message -> {};
    }
    long started = System.nanoTime();
    return message -> System.err.printf("bench: %6.1f s %s%n", (System.nanoTime() - started) / 1e9, message);
  }
}
