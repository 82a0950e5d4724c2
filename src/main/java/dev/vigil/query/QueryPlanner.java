package dev.vigil.query;

import dev.vigil.ingest.CimFields;
import dev.vigil.spl.SearchExpr;
import dev.vigil.store.EventSchema;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.FieldExistsQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;

/**
 * Turns a tstats {@code where} clause into a Lucene query with the search command's semantics
 * (SEMANTICS §4.3). Exact values become term lookups on the lower-cased terms; values with {@code *} become
 * {@link WildcardDocValuesQuery} clauses that Lucene checks last, on the candidates the others leave.
 */
final class QueryPlanner {
  private QueryPlanner() {}

  static Query plan(SearchExpr expr) {
    if (expr instanceof SearchExpr.MatchAll) {
      return new MatchAllDocsQuery();
    } else if (expr instanceof SearchExpr.And and) {
      return conjunction(and.operands());
    } else if (expr instanceof SearchExpr.Or or) {
      return disjunction(or.operands().stream().map(QueryPlanner::plan).toList());
    } else if (expr instanceof SearchExpr.Not not) {
      return negation(plan(not.operand()));
    } else if (expr instanceof SearchExpr.In in) {
      return in(indexField(in.field()), in.values());
    } else if (expr instanceof SearchExpr.Subsearch) {
      throw new IllegalStateException("a subsearch must be resolved first: SearchExecutor.prepare");
    }
    return compare((SearchExpr.Compare) expr);
  }

  /** The index field of a data-model field: {@code Processes.dest} is stored as {@code dest}. */
  static String indexField(String field) {
    return field.startsWith(CimFields.DATASET_PREFIX) ? field.substring(CimFields.DATASET_PREFIX.length()) : field;
  }

  private static Query compare(SearchExpr.Compare compare) {
    String field = indexField(compare.field());
    return switch (compare.op()) {
      case EQ -> equalTo(field, compare.value());
      // f!=v needs f present, unlike NOT f=v (SEMANTICS §4.3).
      case NE -> new BooleanQuery.Builder()
          .add(new FieldExistsQuery(field), Occur.FILTER)
          .add(equalTo(field, compare.value()), Occur.MUST_NOT)
          .build();
      default -> throw new UnsupportedOperationException("tstats where supports = and != only, not "
          + compare.op().symbol() + " (in " + compare.field() + compare.op().symbol() + compare.value() + ")");
    };
  }

  private static Query equalTo(String field, String value) {
    if (!WildcardPattern.hasWildcard(value)) {
      return new TermQuery(new Term(field, EventSchema.normalize(value)));
    }
    WildcardPattern pattern = WildcardPattern.compile(value);
    return pattern.matchesAnything() ? new FieldExistsQuery(field) : new WildcardDocValuesQuery(field, pattern);
  }

  private static Query in(String field, List<String> values) {
    List<BytesRef> exact = new ArrayList<>();
    List<Query> alternatives = new ArrayList<>();
    for (String value : values) {
      if (WildcardPattern.hasWildcard(value)) {
        alternatives.add(equalTo(field, value));
      } else {
        exact.add(new BytesRef(EventSchema.normalize(value)));
      }
    }
    if (!exact.isEmpty()) {
      alternatives.add(exact.size() == 1 ? new TermQuery(new Term(field, exact.get(0))) : new TermInSetQuery(field, exact));
    }
    return disjunction(alternatives);
  }

  private static Query conjunction(List<SearchExpr> operands) {
    BooleanQuery.Builder builder = new BooleanQuery.Builder();
    boolean positive = false;
    for (SearchExpr operand : operands) {
      if (operand instanceof SearchExpr.Not not) {
        builder.add(plan(not.operand()), Occur.MUST_NOT);
      } else {
        builder.add(plan(operand), Occur.FILTER);
        positive = true;
      }
    }
    if (!positive) {
      builder.add(new MatchAllDocsQuery(), Occur.FILTER);
    }
    return builder.build();
  }

  private static Query disjunction(List<Query> alternatives) {
    if (alternatives.isEmpty()) {
      return new MatchNoDocsQuery();
    }
    if (alternatives.size() == 1) {
      return alternatives.get(0);
    }
    BooleanQuery.Builder builder = new BooleanQuery.Builder().setMinimumNumberShouldMatch(1);
    alternatives.forEach(q -> builder.add(q, Occur.SHOULD));
    return builder.build();
  }

  private static Query negation(Query operand) {
    return new BooleanQuery.Builder()
        .add(new MatchAllDocsQuery(), Occur.FILTER)
        .add(operand, Occur.MUST_NOT)
        .build();
  }
}
