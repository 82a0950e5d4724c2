package dev.vigil.query;

import dev.vigil.spl.SearchExpr;
import java.util.ArrayList;
import java.util.List;

/**
 * A subsearch's rows as a search condition, as Splunk's implicit {@code format} builds it (SEMANTICS §4.6):
 * an OR over the rows of an AND over each row's fields of {@code field=value} (a multivalue field: an OR of its
 * values). Values keep their {@code *} wildcards and match like any search value. No rows: nothing matches.
 */
final class Subsearches {
  private Subsearches() {}

  static SearchExpr asSearch(List<Row> rows) {
    List<SearchExpr> alternatives = new ArrayList<>(rows.size());
    for (Row row : rows) {
      List<SearchExpr> conjuncts = new ArrayList<>();
      for (String field : row.fieldNames()) {
        List<SearchExpr> values = row.values(field).stream()
            .map(v -> (SearchExpr) new SearchExpr.Compare(field, SearchExpr.Operator.EQ, v)).toList();
        conjuncts.add(values.size() == 1 ? values.get(0) : new SearchExpr.Or(values));
      }
      if (!conjuncts.isEmpty()) {
        alternatives.add(conjuncts.size() == 1 ? conjuncts.get(0) : new SearchExpr.And(conjuncts));
      }
    }
    return alternatives.size() == 1 ? alternatives.get(0) : new SearchExpr.Or(alternatives);
  }
}
