package dev.vigil.lucene;

import dev.vigil.plan.Filter;
import dev.vigil.plan.WildcardUnion;
import dev.vigil.store.EventSchema;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.FieldExistsQuery;
import org.apache.lucene.search.IndexOrDocValuesQuery;
import org.apache.lucene.search.IndexSortSortedNumericDocValuesRangeQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;

/**
 * A plan's filter as a Lucene query over the event index ({@link EventSchema}): terms and term sets look up
 * the lower-cased terms (or, for a field without terms, are checked on its doc values); patterns become {@link WildcardDocValuesQuery} clauses that Lucene checks last, on
 * the candidates the others leave; the time range is a run of documents of the time-sorted segments.
 */
final class LuceneQueries {
  /** How each leaf of a filter is looked up in one kind of index; the boolean structure is the same for all. */
  interface Leaves {
    Query term(String field, String value);

    Query termsInSet(String field, List<String> values);

    Query wildcard(String field, WildcardUnion patterns);

    Query exists(String field);

    /** Events at {@code first} to {@code last} epoch milliseconds, both included. */
    Query timeRange(long first, long last);
  }

  /** The leaves of the event index ({@link EventSchema}). */
  static final Leaves EVENTS = new Leaves() {
    @Override
    public Query term(String field, String value) {
      if (!EventSchema.hasTerms(field)) {
        return WildcardDocValuesQuery.exact(field, List.of(value));
      }
      return new TermQuery(new Term(field, EventSchema.normalize(value)));
    }

    @Override
    public Query termsInSet(String field, List<String> values) {
      if (!EventSchema.hasTerms(field)) {
        return WildcardDocValuesQuery.exact(field, values);
      }
      return new TermInSetQuery(field, normalized(values));
    }

    @Override
    public Query wildcard(String field, WildcardUnion patterns) {
      return new WildcardDocValuesQuery(field, patterns);
    }

    @Override
    public Query exists(String field) {
      return new FieldExistsQuery(field);
    }

    @Override
    public Query timeRange(long first, long last) {
      return LuceneQueries.timeRange(first, last);
    }
  };

  private LuceneQueries() {}

  /** The filter over the event index. */
  static Query of(Filter filter) {
    return of(filter, EVENTS);
  }

  static Query of(Filter filter, Leaves leaves) {
    if (filter instanceof Filter.MatchAll) {
      return new MatchAllDocsQuery();
    } else if (filter instanceof Filter.Term term) {
      return leaves.term(term.field(), term.value());
    } else if (filter instanceof Filter.TermsInSet set) {
      return leaves.termsInSet(set.field(), set.values());
    } else if (filter instanceof Filter.Wildcard wildcard) {
      return leaves.wildcard(wildcard.field(), wildcard.patterns());
    } else if (filter instanceof Filter.Exists exists) {
      return leaves.exists(exists.field());
    } else if (filter instanceof Filter.TimeRange range) {
      return leaves.timeRange(range.earliest().toEpochMilli(), range.latest().toEpochMilli() - 1);
    } else if (filter instanceof Filter.Not not) {
      return new BooleanQuery.Builder()
          .add(new MatchAllDocsQuery(), Occur.FILTER)
          .add(of(not.operand(), leaves), Occur.MUST_NOT)
          .build();
    } else if (filter instanceof Filter.And and) {
      return conjunction(and.operands(), leaves);
    }
    return disjunction(((Filter.Or) filter).operands(), leaves);
  }

  /** The lower-cased terms of values. */
  static List<BytesRef> normalized(List<String> values) {
    List<BytesRef> terms = new ArrayList<>(values.size());
    values.forEach(value -> terms.add(new BytesRef(EventSchema.normalize(value))));
    return terms;
  }

  /**
   * In a segment sorted by {@code _time} the range is found by two binary searches over the doc values and
   * matches one contiguous run of documents; elsewhere (an index written before the sort) it falls back to the
   * points, or to checking the doc values of candidates when another clause leads.
   */
  private static Query timeRange(long first, long last) {
    Query unsorted = new IndexOrDocValuesQuery(LongPoint.newRangeQuery(EventSchema.TIME, first, last),
        NumericDocValuesField.newSlowRangeQuery(EventSchema.TIME, first, last));
    return new IndexSortSortedNumericDocValuesRangeQuery(EventSchema.TIME, first, last, unsorted);
  }

  /** Negated operands become prohibited clauses of the conjunction rather than conjunctions of their own. */
  private static Query conjunction(List<Filter> operands, Leaves leaves) {
    BooleanQuery.Builder builder = new BooleanQuery.Builder();
    boolean positive = false;
    for (Filter operand : operands) {
      if (operand instanceof Filter.Not not) {
        builder.add(of(not.operand(), leaves), Occur.MUST_NOT);
      } else {
        builder.add(of(operand, leaves), Occur.FILTER);
        positive = true;
      }
    }
    if (!positive) {
      builder.add(new MatchAllDocsQuery(), Occur.FILTER);
    }
    return builder.build();
  }

  private static Query disjunction(List<Filter> alternatives, Leaves leaves) {
    if (alternatives.isEmpty()) {
      return new MatchNoDocsQuery();
    }
    if (alternatives.size() == 1) {
      return of(alternatives.get(0), leaves);
    }
    BooleanQuery.Builder builder = new BooleanQuery.Builder().setMinimumNumberShouldMatch(1);
    alternatives.forEach(alternative -> builder.add(of(alternative, leaves), Occur.SHOULD));
    return builder.build();
  }
}
