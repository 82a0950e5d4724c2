package dev.vigil.store;

import java.io.IOException;
import java.util.Collection;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SimpleCollector;

/** Counts the late events a query finds and keeps the latest of their index times. */
final class LateEventsCollector implements CollectorManager<LateEventsCollector.PerSlice, IndexTimes.LateEvents> {
  @Override
  public PerSlice newCollector() {
    return new PerSlice();
  }

  @Override
  public IndexTimes.LateEvents reduce(Collection<PerSlice> slices) {
    long count = 0;
    long last = IndexTimes.NONE;
    for (PerSlice slice : slices) {
      count += slice.count;
      last = Math.max(last, slice.last);
    }
    return new IndexTimes.LateEvents(count, last);
  }

  static final class PerSlice extends SimpleCollector {
    private long count;
    private long last = IndexTimes.NONE;
    private NumericDocValues indexTimes;

    @Override
    protected void doSetNextReader(LeafReaderContext context) throws IOException {
      indexTimes = DocValues.getNumeric(context.reader(), EventSchema.INDEX_TIME);
    }

    @Override
    public void collect(int doc) throws IOException {
      count++;
      if (indexTimes.advanceExact(doc)) {
        last = Math.max(last, indexTimes.longValue());
      }
    }

    @Override
    public ScoreMode scoreMode() {
      return ScoreMode.COMPLETE_NO_SCORES;
    }
  }
}
