package dev.vigil.store;

import java.io.IOException;

/**
 * When a store's events became searchable ({@code _indextime}), which is what tells a window that was searched
 * from one that has since received events: Splunk's scheduler never looks back, so what arrives after a window
 * ran is silently missed there.
 */
public interface IndexTimes {
  /** No event at all: earlier than any index time. */
  long NONE = Long.MIN_VALUE;

  /**
   * The latest index time of the events a search started now sees, or {@link #NONE}. Every event stored later has
   * a later index time, so a run that records this value can later be told what it missed.
   */
  long indexedThrough() throws IOException;

  /** The events with {@code _time} in {@code [earliestMillis, latestMillis)} indexed after {@code through}. */
  LateEvents indexedAfter(long earliestMillis, long latestMillis, long through) throws IOException;

  /** How many events came late, and when the last of them was indexed (epoch milliseconds; {@link #NONE} if none). */
  record LateEvents(long count, long lastIndexTime) {
    public static final LateEvents NONE = new LateEvents(0, IndexTimes.NONE);
  }
}
