package dev.vigil.query;

import dev.vigil.spl.Aggregation;
import dev.vigil.spl.Command;
import dev.vigil.store.EventIndex;
import dev.vigil.store.EventSchema;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.CollectorManager;
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
    List<String> groupFields = indexFields(tstats.groupBy());
    List<Optional<String>> aggregatedFields = aggregatedFields(tstats.aggregations());
    // One collector per slice of segments, merged at the end, so that a searcher with an executor can search
    // the slices in parallel.
    CollectorManager<GroupingCollector, List<Row>> grouping = new CollectorManager<>() {
      @Override
      public GroupingCollector newCollector() {
        return new GroupingCollector(tstats.groupBy(), groupFields, tstats.span(), tstats.fillnullValue(),
            tstats.aggregations(), aggregatedFields);
      }

      @Override
      public List<Row> reduce(Collection<GroupingCollector> collectors) {
        Iterator<GroupingCollector> each = collectors.iterator();
        GroupingCollector all = each.next();
        each.forEachRemaining(all::merge);
        return all.rows();
      }
    };
    IndexSearcher searcher = index.acquire();
    try {
      return searcher.search(query, grouping);
    } finally {
      index.release(searcher);
    }
  }

  /** The window as a range on {@code _time} (latest exclusive, SEMANTICS §1.4) and the where clause. */
  static Query query(Command.Tstats tstats, Window window) {
    long from = window.earliest().toEpochMilli();
    long to = window.latest().toEpochMilli();
    return new BooleanQuery.Builder()
        .add(LongPoint.newRangeQuery(EventSchema.TIME, from, to - 1), Occur.FILTER)
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
