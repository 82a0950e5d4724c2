package dev.vigil.spl;

import java.util.List;
import java.util.function.Predicate;

/**
 * A boolean expression with the search command's semantics (SEMANTICS §4.3): case-insensitive comparison,
 * {@code *} wildcards, {@code NOT f=v} true when f is null, {@code f!=v} only when f is present.
 */
public sealed interface SearchExpr {
  /** Whether this expression, or one inside it through AND, OR and NOT, satisfies {@code test}. */
  default boolean contains(Predicate<SearchExpr> test) {
    if (test.test(this)) {
      return true;
    } else if (this instanceof And and) {
      return and.operands().stream().anyMatch(operand -> operand.contains(test));
    } else if (this instanceof Or or) {
      return or.operands().stream().anyMatch(operand -> operand.contains(test));
    } else if (this instanceof Not not) {
      return not.operand().contains(test);
    }
    return false;
  }

  record And(List<SearchExpr> operands) implements SearchExpr {
    public And {
      operands = List.copyOf(operands);
    }
  }

  record Or(List<SearchExpr> operands) implements SearchExpr {
    public Or {
      operands = List.copyOf(operands);
    }
  }

  record Not(SearchExpr operand) implements SearchExpr {}

  /** {@code field op value}; for = and != the value may hold {@code *} wildcards. */
  record Compare(String field, Operator op, String value) implements SearchExpr {}

  /** {@code field IN (v1, v2, …)}: true when any value matches, each as {@code field=v}. */
  record In(String field, List<String> values) implements SearchExpr {
    public In {
      values = List.copyOf(values);
    }
  }

  /**
   * {@code [| inputlookup t | rename a as b | table b]}: replaced before the search runs by an OR over the
   * subsearch's rows of an AND of {@code field=value} per field (SEMANTICS §4.6).
   *
   * @param position offset of the opening bracket
   */
  record Subsearch(Pipeline pipeline, int position) implements SearchExpr {}

  /**
   * A free-text term such as {@code certutil} or {@code "*-decode*"}: it matches where the text appears in
   * {@code _raw} (in any field of a row without one) as whole tokens, case-insensitively, {@code *} matching
   * within a token (docs/search.md).
   */
  record Term(String text) implements SearchExpr {}

  /** {@code *} alone: every row. */
  record MatchAll() implements SearchExpr {}

  enum Operator {
    EQ("="), NE("!="), LT("<"), LE("<="), GT(">"), GE(">=");

    private final String symbol;

    Operator(String symbol) {
      this.symbol = symbol;
    }

    public String symbol() {
      return symbol;
    }

    static Operator of(String symbol) {
      return switch (symbol) {
        case "=", "==" -> EQ;
        case "!=" -> NE;
        case "<" -> LT;
        case "<=" -> LE;
        case ">" -> GT;
        case ">=" -> GE;
        default -> throw new IllegalArgumentException(symbol);
      };
    }
  }
}
