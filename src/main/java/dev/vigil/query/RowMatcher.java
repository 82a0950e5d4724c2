package dev.vigil.query;

import dev.vigil.plan.WildcardPattern;
import dev.vigil.plan.WildcardUnion;
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
      return row -> {
        for (Predicate<Row> part : parts) {
          if (!part.test(row)) {
            return false;
          }
        }
        return true;
      };
    } else if (expr instanceof SearchExpr.Or or) {
      List<Predicate<Row>> parts = compileAll(or.operands());
      return row -> {
        for (Predicate<Row> part : parts) {
          if (part.test(row)) {
            return true;
          }
        }
        return false;
      };
    } else if (expr instanceof SearchExpr.Not not) {
      return compile(not.operand()).negate();
    } else if (expr instanceof SearchExpr.In in) {
      return in(in);
    } else if (expr instanceof SearchExpr.Term term) {
      return FreeText.rows(term);
    } else if (expr instanceof SearchExpr.Subsearch) {
      throw new IllegalStateException("a subsearch must be resolved first: SearchExecutor.prepare");
    }
    return comparison((SearchExpr.Compare) expr);
  }

  /** Exact values are looked up in a set and patterns run as one automaton, so that a list of thousands is cheap. */
  private static Predicate<Row> in(SearchExpr.In in) {
    Set<String> exact = new HashSet<>();
    List<WildcardPattern> patterns = new ArrayList<>();
    for (String value : in.values()) {
      if (WildcardPattern.hasWildcard(value)) {
        patterns.add(WildcardPattern.compile(value));
      } else {
        exact.add(EventSchema.normalize(value));
      }
    }
    WildcardUnion union = WildcardUnion.of(patterns);
    return anyValue(in.field(), v -> exact.contains(EventSchema.normalize(v)) || union.matches(v));
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
        return anyValue(field, pattern::matches);
      }
      case NE: {
        Predicate<Row> equal = anyValue(field, WildcardPattern.compile(compare.value())::matches);
        return row -> row.has(field) && !equal.test(row);
      }
      default: {
        SearchExpr.Operator op = compare.op();
        String bound = compare.value();
        return anyValue(field, v -> ordered(op, Values.compare(v, bound)));
      }
    }
  }

  /** On a multivalue field a comparison holds when any value satisfies it. */
  private static Predicate<Row> anyValue(String field, Predicate<String> satisfies) {
    return row -> {
      for (String value : row.values(field)) {
        if (satisfies.test(value)) {
          return true;
        }
      }
      return false;
    };
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
