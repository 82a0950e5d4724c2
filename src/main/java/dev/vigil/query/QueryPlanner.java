package dev.vigil.query;

import dev.vigil.ingest.CimFields;
import dev.vigil.spl.SearchExpr;
import dev.vigil.store.EventSchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
      return alternatives(or.operands());
    } else if (expr instanceof SearchExpr.Not not) {
      return negation(plan(not.operand()));
    } else if (expr instanceof SearchExpr.In in) {
      return alternatives(List.of(in));
    } else if (expr instanceof SearchExpr.Subsearch) {
      throw new IllegalStateException("a subsearch must be resolved first: SearchExecutor.prepare");
    }
    return compare((SearchExpr.Compare) expr);
  }

  /**
   * An OR. Its {@code f=v} and {@code f IN (…)} operands are gathered per field into one term-set lookup of the
   * exact values and one doc-values check of the patterns, so that an IN list or a subsearch of thousands of
   * values stays two clauses (Lucene refuses more than 1024).
   */
  private static Query alternatives(List<SearchExpr> operands) {
    Map<String, List<String>> valuesByField = new LinkedHashMap<>();
    List<Query> others = new ArrayList<>();
    for (SearchExpr operand : operands) {
      if (operand instanceof SearchExpr.Compare compare && compare.op() == SearchExpr.Operator.EQ) {
        valuesByField.computeIfAbsent(indexField(compare.field()), f -> new ArrayList<>()).add(compare.value());
      } else if (operand instanceof SearchExpr.In in) {
        valuesByField.computeIfAbsent(indexField(in.field()), f -> new ArrayList<>()).addAll(in.values());
      } else {
        others.add(plan(operand));
      }
    }
    valuesByField.forEach((field, values) -> others.addAll(anyOf(field, values)));
    return disjunction(others);
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
    return disjunction(anyOf(field, List.of(value)));
  }

  /** The clauses, at most two, of {@code field} equal to any of the values. */
  private static List<Query> anyOf(String field, List<String> values) {
    Set<BytesRef> exact = new LinkedHashSet<>();
    List<WildcardPattern> patterns = new ArrayList<>();
    for (String value : values) {
      if (!WildcardPattern.hasWildcard(value)) {
        exact.add(new BytesRef(EventSchema.normalize(value)));
        continue;
      }
      WildcardPattern pattern = WildcardPattern.compile(value);
      if (pattern.matchesAnything()) {
        return List.of(new FieldExistsQuery(field));
      }
      patterns.add(pattern);
    }
    List<Query> clauses = new ArrayList<>(2);
    if (exact.size() == 1) {
      clauses.add(new TermQuery(new Term(field, exact.iterator().next())));
    } else if (!exact.isEmpty()) {
      clauses.add(new TermInSetQuery(field, exact));
    }
    if (!patterns.isEmpty()) {
      clauses.add(new WildcardDocValuesQuery(field, patterns));
    }
    return clauses;
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
