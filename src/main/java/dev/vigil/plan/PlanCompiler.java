package dev.vigil.plan;

import dev.vigil.spl.Aggregation;
import dev.vigil.spl.Command;
import dev.vigil.spl.SearchExpr;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compiles a tstats, its macros expanded and its subsearches substituted, into a {@link TstatsPlan} with the
 * search command's semantics (SEMANTICS §4.3). Values without {@code *} become terms, values with it compiled
 * patterns; {@code f=v} and {@code f IN (…)} alternatives of one field gather into one terms-in-set and one
 * wildcard node, so that an IN list or a subsearch of thousands of values stays two nodes.
 */
public final class PlanCompiler {
  private final DataSet dataSet;

  private PlanCompiler(DataSet dataSet) {
    this.dataSet = dataSet;
  }

  /**
   * @throws UnsupportedOperationException for a data set Vigil does not store ({@link DataSet}) or a
   *     comparison other than {@code =} and {@code !=}
   * @throws IllegalStateException when a subsearch is left in the where clause
   */
  public static TstatsPlan compile(Command.Tstats tstats) {
    DataSet dataSet = dataSetOf(tstats);
    PlanCompiler compiler = new PlanCompiler(dataSet);
    List<TstatsPlan.GroupField> groups = new ArrayList<>(tstats.groupBy().size());
    tstats.groupBy().forEach(name -> groups.add(new TstatsPlan.GroupField(name, dataSet.storedField(name))));
    List<Aggregation> aggregations = new ArrayList<>(tstats.aggregations().size());
    for (Aggregation aggregation : tstats.aggregations()) {
      aggregations.add(new Aggregation(aggregation.function(), aggregation.field().map(dataSet::storedField),
          aggregation.outputName()));
    }
    return new TstatsPlan(dataSet, compiler.filter(tstats.where()), groups, aggregations, tstats.fillnullValue(),
        tstats.span(), GroupCondition.ALL);
  }

  /** @throws UnsupportedOperationException for a data set Vigil does not store */
  public static DataSet dataSetOf(Command.Tstats tstats) {
    return DataSet.of(tstats.datamodel(), tstats.dataset()).orElseThrow(() -> new UnsupportedOperationException(
        "Vigil stores the " + DataSet.known() + " data sets only, not " + tstats.datamodel() + "." + tstats.dataset()));
  }

  /**
   * The filter of a {@code search} over the events of {@code dataSet}: the same semantics as a tstats where. Free-text
   * terms are not in the index, so the filter lets through every event that might hold them (a term where it
   * must hold is taken as true, where it must not as false), and the events are searched for them afterwards.
   */
  public static Filter searchFilter(DataSet dataSet, SearchExpr expr) {
    return new PlanCompiler(dataSet).filter(widened(expr, true));
  }

  private static SearchExpr widened(SearchExpr expr, boolean positive) {
    if (expr instanceof SearchExpr.Term) {
      return positive ? new SearchExpr.MatchAll() : new SearchExpr.Not(new SearchExpr.MatchAll());
    } else if (expr instanceof SearchExpr.And and) {
      return new SearchExpr.And(and.operands().stream().map(operand -> widened(operand, positive)).toList());
    } else if (expr instanceof SearchExpr.Or or) {
      return new SearchExpr.Or(or.operands().stream().map(operand -> widened(operand, positive)).toList());
    } else if (expr instanceof SearchExpr.Not not) {
      return new SearchExpr.Not(widened(not.operand(), !positive));
    }
    return expr;
  }

  private String storedField(String field) {
    return dataSet.storedField(field);
  }

  Filter filter(SearchExpr expr) {
    if (expr instanceof SearchExpr.MatchAll) {
      return new Filter.MatchAll();
    } else if (expr instanceof SearchExpr.And and) {
      return new Filter.And(filters(and.operands()));
    } else if (expr instanceof SearchExpr.Or or) {
      return alternatives(or.operands());
    } else if (expr instanceof SearchExpr.Not not) {
      return new Filter.Not(filter(not.operand()));
    } else if (expr instanceof SearchExpr.In in) {
      return alternatives(List.of(in));
    } else if (expr instanceof SearchExpr.Subsearch) {
      throw new IllegalStateException("a subsearch must be resolved first: SearchExecutor.prepare");
    }
    return compare((SearchExpr.Compare) expr);
  }

  private List<Filter> filters(List<SearchExpr> operands) {
    List<Filter> filters = new ArrayList<>(operands.size());
    operands.forEach(operand -> filters.add(filter(operand)));
    return filters;
  }

  private Filter alternatives(List<SearchExpr> operands) {
    Map<String, List<String>> valuesByField = new LinkedHashMap<>();
    List<Filter> others = new ArrayList<>();
    for (SearchExpr operand : operands) {
      if (operand instanceof SearchExpr.Compare compare && compare.op() == SearchExpr.Operator.EQ) {
        valuesByField.computeIfAbsent(storedField(compare.field()), f -> new ArrayList<>()).add(compare.value());
      } else if (operand instanceof SearchExpr.In in) {
        valuesByField.computeIfAbsent(storedField(in.field()), f -> new ArrayList<>()).addAll(in.values());
      } else {
        others.add(filter(operand));
      }
    }
    valuesByField.forEach((field, values) -> others.addAll(anyOf(field, values)));
    return others.size() == 1 ? others.get(0) : new Filter.Or(others);
  }

  private Filter compare(SearchExpr.Compare compare) {
    String field = storedField(compare.field());
    return switch (compare.op()) {
      case EQ -> equalTo(field, compare.value());
      // f!=v needs f present, unlike NOT f=v (SEMANTICS §4.3).
      case NE -> new Filter.And(List.of(new Filter.Exists(field), new Filter.Not(equalTo(field, compare.value()))));
      default -> throw new UnsupportedOperationException("tstats where supports = and != only, not "
          + compare.op().symbol() + " (in " + compare.field() + compare.op().symbol() + compare.value() + ")");
    };
  }

  private static Filter equalTo(String field, String value) {
    List<Filter> alternatives = anyOf(field, List.of(value));
    return alternatives.size() == 1 ? alternatives.get(0) : new Filter.Or(alternatives);
  }

  /** The nodes, at most two, of {@code field} equal to any of the values; a lone {@code *} is "exists". */
  private static List<Filter> anyOf(String field, List<String> values) {
    Set<String> exact = new LinkedHashSet<>();
    List<WildcardPattern> patterns = new ArrayList<>();
    for (String value : values) {
      if (!WildcardPattern.hasWildcard(value)) {
        exact.add(value);
        continue;
      }
      WildcardPattern pattern = WildcardPattern.compile(value);
      if (pattern.matchesAnything()) {
        return List.of(new Filter.Exists(field));
      }
      patterns.add(pattern);
    }
    List<Filter> nodes = new ArrayList<>(2);
    if (exact.size() == 1) {
      nodes.add(new Filter.Term(field, exact.iterator().next()));
    } else if (!exact.isEmpty()) {
      nodes.add(new Filter.TermsInSet(field, new ArrayList<>(exact)));
    }
    if (!patterns.isEmpty()) {
      nodes.add(new Filter.Wildcard(field, patterns));
    }
    return nodes;
  }
}
