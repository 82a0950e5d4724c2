package dev.vigil.lucene;

import dev.vigil.plan.DataSet;
import dev.vigil.plan.TstatsPlan;
import dev.vigil.plan.WildcardPattern;
import dev.vigil.plan.WildcardUnion;
import dev.vigil.query.Row;
import dev.vigil.query.TstatsBackend;
import dev.vigil.query.TstatsGroups;
import dev.vigil.store.RiskIndex;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.AutomatonQuery;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.FieldExistsQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SimpleCollector;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;

/**
 * tstats over {@code Risk.All_Risk}, the {@link RiskIndex}: terms and patterns are looked up in the lower-cased
 * terms of each value, and every match's values of the plan's fields, all of them, go to {@link TstatsGroups}
 * ({@link TstatsGroups#addMultivalued}). Risk events are few beside process events (one per detection hit), so
 * matches are read one by one.
 */
public final class LuceneRiskTstats implements TstatsBackend {
  private static final LuceneQueries.Leaves RISK_LEAVES = new LuceneQueries.Leaves() {
    @Override
    public Query term(String field, String value) {
      return new TermQuery(new Term(field, RiskIndex.normalize(value)));
    }

    @Override
    public Query termsInSet(String field, List<String> values) {
      return new TermInSetQuery(field, LuceneQueries.normalized(values));
    }

    @Override
    public Query wildcard(String field, WildcardUnion patterns) {
      // One automaton per pattern: the union of many (an IN list of "*title*"s) is too large to determinize.
      if (patterns.size() == 1) {
        return pattern(field, patterns.get(0));
      }
      BooleanQuery.Builder any = new BooleanQuery.Builder().setMinimumNumberShouldMatch(1);
      for (WildcardPattern pattern : patterns) {
        any.add(pattern(field, pattern), BooleanClause.Occur.SHOULD);
      }
      return any.build();
    }

    @Override
    public Query exists(String field) {
      return new FieldExistsQuery(field);
    }

    @Override
    public Query timeRange(long first, long last) {
      return LongPoint.newRangeQuery(RiskIndex.TIME, first, last);
    }
  };

  private final RiskIndex index;

  public LuceneRiskTstats(RiskIndex index) {
    this.index = index;
  }

  /** The pattern's own automaton, which matches any case, over the lower-cased terms. */
  private static Query pattern(String field, WildcardPattern pattern) {
    return new AutomatonQuery(new Term(field, pattern.source()), pattern.deterministic());
  }

  @Override
  public List<Row> tstats(TstatsPlan plan) throws IOException {
    if (plan.dataSet() != DataSet.RISK) {
      throw new IllegalArgumentException("the risk index holds " + DataSet.RISK.qualifiedName() + ", not "
          + plan.dataSet().qualifiedName());
    }
    List<String> fields = plan.eventFields();
    TstatsGroups groups = new TstatsGroups(plan);
    IndexSearcher searcher = index.acquire();
    try {
      searcher.search(LuceneQueries.of(plan.filter(), RISK_LEAVES), new SimpleCollector() {
        private NumericDocValues times;
        private SortedSetDocValues[] values;

        @Override
        protected void doSetNextReader(LeafReaderContext context) throws IOException {
          times = DocValues.getNumeric(context.reader(), RiskIndex.TIME);
          values = new SortedSetDocValues[fields.size()];
          for (int i = 0; i < values.length; i++) {
            values[i] = DocValues.getSortedSet(context.reader(), fields.get(i));
          }
        }

        @Override
        public void collect(int doc) throws IOException {
          long time = times.advanceExact(doc) ? times.longValue() : 0L;
          List<List<String>> event = new ArrayList<>(values.length);
          for (SortedSetDocValues field : values) {
            List<String> each = new ArrayList<>(1);
            if (field.advanceExact(doc)) {
              for (int i = 0; i < field.docValueCount(); i++) {
                each.add(field.lookupOrd(field.nextOrd()).utf8ToString());
              }
            }
            event.add(each);
          }
          groups.addMultivalued(time, event);
        }

        @Override
        public ScoreMode scoreMode() {
          return ScoreMode.COMPLETE_NO_SCORES;
        }
      });
    } finally {
      index.release(searcher);
    }
    return groups.rows();
  }
}
