package dev.vigil.query;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Values computed once per key and kept while they are used, for what a rule's runs share: its parsed and
 * checked search by its expanded text, its tstats' compiled plan by the tstats. Least recently used values go
 * first, so that subsearches over changing windows (each result another tstats) cannot grow it without bound.
 * A computation that throws stores nothing: the next run tries again and reports the error again.
 */
final class LruCache<K, V> {
  static final int CAPACITY = 1024;

  private final Function<K, V> compute;
  private final Map<K, V> values = new LinkedHashMap<>(64, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
      return size() > CAPACITY;
    }
  };

  LruCache(Function<K, V> compute) {
    this.compute = compute;
  }

  synchronized V get(K key) {
    return values.computeIfAbsent(key, compute);
  }
}
