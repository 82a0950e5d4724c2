package dev.vigil.lucene;

import java.util.Random;
import java.util.stream.LongStream;
import java.util.stream.Stream;

/** Seeds of the randomised suites: fresh ones each run, or the one {@code -Dvigil.seed=S} replays. */
public final class RandomSeeds {
  private RandomSeeds() {}

  public static Stream<Long> fresh(int count) {
    Long fixed = Long.getLong("vigil.seed");
    return fixed != null ? Stream.of(fixed) : LongStream.range(0, count).map(i -> new Random().nextLong()).boxed();
  }
}
