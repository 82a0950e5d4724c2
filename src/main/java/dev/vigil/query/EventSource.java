package dev.vigil.query;

import dev.vigil.plan.Filter;
import java.io.IOException;
import java.util.List;

/**
 * The events themselves, for a search that starts with {@code search} rather than tstats: each matching event as a
 * row of its fields, {@code _time} (epoch seconds), {@code _raw}, {@code source} and {@code sourcetype}, newest first.
 */
public interface EventSource {
  /**
   * @param filter the search's filter, its time range included
   * @param limit  the most events to return
   */
  Events events(Filter filter, int limit) throws IOException;

  /** The newest events that match, and how many match in all. */
  record Events(List<Row> rows, long matching) {
    public boolean truncated() {
      return matching > rows.size();
    }
  }
}
