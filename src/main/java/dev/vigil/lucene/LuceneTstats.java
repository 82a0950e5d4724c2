package dev.vigil.lucene;

import dev.vigil.plan.DataSet;
import dev.vigil.plan.TstatsPlan;
import dev.vigil.query.Row;
import dev.vigil.query.TstatsBackend;
import dev.vigil.query.TstatsGroups;
import dev.vigil.store.EventIndex;
import java.io.IOException;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.IndexSearcher;

/**
 * tstats over the Lucene event index: the plan's filter becomes one query ({@link LuceneQueries}), and a
 * {@link GroupingCollector} per slice of segments reads the matches' doc values into shared
 * {@link TstatsGroups}, merged at the end, so that a searcher with an executor can search the slices in
 * parallel.
 */
public final class LuceneTstats implements TstatsBackend {
  private final EventIndex index;

  public LuceneTstats(EventIndex index) {
    this.index = index;
  }

  @Override
  public List<Row> tstats(TstatsPlan plan) throws IOException {
    if (plan.dataSet() != DataSet.PROCESSES) {
      throw new IllegalArgumentException("the event index holds " + DataSet.PROCESSES.qualifiedName() + ", not "
          + plan.dataSet().qualifiedName());
    }
    List<String> fields = plan.eventFields();
    CollectorManager<GroupingCollector, List<Row>> grouping = new CollectorManager<>() {
      @Override
      public GroupingCollector newCollector() {
        return new GroupingCollector(fields, new TstatsGroups(plan));
      }

      @Override
      public List<Row> reduce(Collection<GroupingCollector> collectors) {
        Iterator<GroupingCollector> each = collectors.iterator();
        TstatsGroups all = each.next().groups();
        each.forEachRemaining(collector -> all.merge(collector.groups()));
        return all.rows();
      }
    };
    IndexSearcher searcher = index.acquire();
    try {
      return searcher.search(LuceneQueries.of(plan.filter()), grouping);
    } finally {
      index.release(searcher);
    }
  }
}
