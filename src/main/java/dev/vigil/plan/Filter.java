package dev.vigil.plan;

import java.time.Instant;
import java.util.List;

/**
 * Which events a tstats searches, as a backend-neutral tree (SEMANTICS §4.3). Fields are stored field names
 * ({@code dest}, not {@code Processes.dest}); values are as written and compare case-insensitively; each
 * backend decides how to find them. A field that an event lacks is null: it equals nothing, matches no
 * pattern and does not exist.
 */
public sealed interface Filter {
  /** Every event. */
  record MatchAll() implements Filter {}

  /** {@code field} equals {@code value}, ignoring case. */
  record Term(String field, String value) implements Filter {}

  /** {@code field} equals one of {@code values}, ignoring case. */
  record TermsInSet(String field, List<String> values) implements Filter {
    public TermsInSet {
      values = List.copyOf(values);
    }
  }

  /** {@code field} matches one of the {@code *} patterns, ignoring case; they match as one automaton. */
  record Wildcard(String field, WildcardUnion patterns) implements Filter {
    public Wildcard(String field, List<WildcardPattern> patterns) {
      this(field, WildcardUnion.of(patterns));
    }
  }

  /** {@code field} has a value. */
  record Exists(String field) implements Filter {}

  /** All operands; none is every event. */
  record And(List<Filter> operands) implements Filter {
    public And {
      operands = List.copyOf(operands);
    }
  }

  /** Any operand; none is no event. */
  record Or(List<Filter> operands) implements Filter {
    public Or {
      operands = List.copyOf(operands);
    }
  }

  /** Every event the operand does not match, events that lack its field included. */
  record Not(Filter operand) implements Filter {}

  /** {@code _time} in {@code [earliest, latest)} (SEMANTICS §1.4). */
  record TimeRange(Instant earliest, Instant latest) implements Filter {}
}
