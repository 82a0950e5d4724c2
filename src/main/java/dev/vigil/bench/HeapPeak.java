package dev.vigil.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;

/**
 * The peak heap use of a phase: the JVM tracks each heap pool's peak; their sum bounds the heap's (the pools
 * need not peak at once), which is the figure {@code -Xmx} must cover.
 */
final class HeapPeak {
  private final List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans().stream()
      .filter(pool -> pool.getType() == MemoryType.HEAP && pool.isValid())
      .toList();

  /** Starts a phase: forgets the peaks so far. */
  void reset() {
    pools.forEach(MemoryPoolMXBean::resetPeakUsage);
  }

  /** The peak since {@link #reset()}, in bytes. */
  long peakBytes() {
    return pools.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
  }
}
