package dev.vigil.query;

import dev.vigil.plan.WildcardPattern;
import dev.vigil.spl.SearchExpr;
import dev.vigil.store.EventSchema;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The search command's matching rules (SEMANTICS §4.3) applied to result rows, compiled once per command:
 * case-insensitive {@code *} patterns, {@code NOT f=v} true when f is absent, {@code f!=v} only when f is
 * present, and on multivalue fields a comparison holds when any value satisfies it.
 */
final class RowMatcher {
  private RowMatcher() {}

  static Predicate<Row> compile(SearchExpr expr) {
    if (expr instanceof SearchExpr.MatchAll) {
      return row -> true;
    } else if (expr instanceof SearchExpr.And and) {
      List<Predicate<Row>> parts = compileAll(and.operands());
      return row -> parts.stream().allMatch(p -> p.test(row));
    } else if (expr instanceof SearchExpr.Or or) {
      List<Predicate<Row>> parts = compileAll(or.operands());
      return row -> parts.stream().anyMatch(p -> p.test(row));
    } else if (expr instanceof SearchExpr.Not not) {
      return compile(not.operand()).negate();
    } else if (expr instanceof SearchExpr.In in) {
      // Exact values are looked up in a set, so that a list of thousands costs one lookup per value.
      Set<String> exact = new HashSet<>();
      List<WildcardPattern> patterns = new ArrayList<>();
      for (String value : in.values()) {
        if (WildcardPattern.hasWildcard(value)) {
          patterns.add(WildcardPattern.compile(value));
        } else {
          exact.add(EventSchema.normalize(value));
        }
      }
      return row -> row.values(in.field()).stream().anyMatch(v -> exact.contains(EventSchema.normalize(v))
          || patterns.stream().anyMatch(p -> p.matches(v)));
    } else if (expr instanceof SearchExpr.Subsearch) {
      throw new IllegalStateException("a subsearch must be resolved first: SearchExecutor.prepare");
    }
    return comparison((SearchExpr.Compare) expr);
  }

  private static List<Predicate<Row>> compileAll(List<SearchExpr> operands) {
    List<Predicate<Row>> parts = new ArrayList<>(operands.size());
    operands.forEach(operand -> parts.add(compile(operand)));
    return parts;
  }

  private static Predicate<Row> comparison(SearchExpr.Compare compare) {
    String field = compare.field();
    switch (compare.op()) {
      case EQ: {
        WildcardPattern pattern = WildcardPattern.compile(compare.value());
        return row -> row.values(field).stream().anyMatch(pattern::matches);
      }
      case NE: {
        WildcardPattern pattern = WildcardPattern.compile(compare.value());
        return row -> row.has(field) && row.values(field).stream().noneMatch(pattern::matches);
      }
      default: {
        SearchExpr.Operator op = compare.op();
        String bound = compare.value();
        return row -> row.values(field).stream().anyMatch(v -> ordered(op, Values.compare(v, bound)));
      }
    }
  }

  private static boolean ordered(SearchExpr.Operator op, int comparison) {
    return switch (op) {
      case LT -> comparison < 0;
      case LE -> comparison <= 0;
      case GT -> comparison > 0;
      case GE -> comparison >= 0;
      default -> throw new IllegalArgumentException(op.symbol());
    };
  }
}
