package dev.vigil.query;

import dev.vigil.spl.Aggregation;
import dev.vigil.spl.Command;
import dev.vigil.store.EventIndex;
import dev.vigil.store.EventSchema;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import dev.vigil.time.Window;

/**
 * tstats over the Lucene event index: the window and the {@code where} clause become one filter query, and a
 * {@link GroupingCollector} aggregates the matching events by the group-by fields.
 */
public final class LuceneTstats implements TstatsBackend {
  static final String DATAMODEL = "Endpoint";
  static final String DATASET = "Processes";

  private final EventIndex index;

  public LuceneTstats(EventIndex index) {
    this.index = index;
  }

  @Override
  public List<Row> tstats(Command.Tstats tstats, Window window) throws IOException {
    requireProcesses(tstats);
    Query query = query(tstats, window);
    GroupingCollector collector = new GroupingCollector(
        tstats.groupBy(), indexFields(tstats.groupBy()), tstats.span(), tstats.fillnullValue(),
        tstats.aggregations(), aggregatedFields(tstats.aggregations()));
    IndexSearcher searcher = index.acquire();
    try {
      searcher.search(query, collector);
    } finally {
      index.release(searcher);
    }
    return collector.rows();
  }

  /** The Lucene query for a window and a where clause; public for {@code explain}-style diagnostics. */
  static Query query(Command.Tstats tstats, Window window) {
    long from = window.earliest().toEpochMilli();
    long to = window.latest().toEpochMilli();
    return new BooleanQuery.Builder()
        .add(LongPoint.newRangeQuery(EventSchema.TIME, from, to == Long.MIN_VALUE ? to : to - 1), Occur.FILTER)
        .add(QueryPlanner.plan(tstats.where()), Occur.FILTER)
        .build();
  }

  private static void requireProcesses(Command.Tstats tstats) {
    if (!tstats.datamodel().equals(DATAMODEL) || !tstats.dataset().equals(DATASET)) {
      throw new UnsupportedOperationException("Vigil stores the Endpoint.Processes data set only, not "
          + tstats.datamodel() + "." + tstats.dataset());
    }
  }

  private static List<String> indexFields(List<String> fields) {
    List<String> names = new ArrayList<>(fields.size());
    for (String field : fields) {
      names.add(QueryPlanner.indexField(field));
    }
    return names;
  }

  private static List<Optional<String>> aggregatedFields(List<Aggregation> aggregations) {
    List<Optional<String>> fields = new ArrayList<>(aggregations.size());
    for (Aggregation aggregation : aggregations) {
      fields.add(aggregation.field().map(QueryPlanner::indexField));
    }
    return fields;
  }
}
