package dev.vigil.bench;

import java.util.Arrays;

/** Warm latencies: repeat a piece of work and keep the median, which one slow run (a GC, a neighbour's build) does not move. */
final class Medians {
  /** The work to time; it may throw, as searches do. */
  interface Work {
    void run() throws Exception;
  }

  private Medians() {}

  /** Runs {@code work} once to warm it, then {@code repetitions} times; the median in milliseconds. */
  static double millis(int repetitions, Work work) throws Exception {
    work.run();
    double[] times = new double[repetitions];
    for (int i = 0; i < repetitions; i++) {
      long started = System.nanoTime();
      work.run();
      times[i] = (System.nanoTime() - started) / 1e6;
    }
    Arrays.sort(times);
    return repetitions % 2 == 1 ? times[repetitions / 2] : (times[repetitions / 2 - 1] + times[repetitions / 2]) / 2;
  }
}
