package dev.vigil.spl;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The SPL commands Vigil supports, as a closed hierarchy the planner and pipeline switch over. */
public sealed interface Command {

  /**
   * {@code | tstats … from datamodel=D.S where … by … [span=…]} (SEMANTICS §4.1–4.3).
   *
   * @param fillnullValue the literal that replaces a null by-field; empty means such rows are dropped
   */
  record Tstats(List<Aggregation> aggregations, String datamodel, String dataset, SearchExpr where,
                List<String> groupBy, Optional<Duration> span, Optional<String> fillnullValue) implements Command {
    public Tstats {
      aggregations = List.copyOf(aggregations);
      groupBy = List.copyOf(groupBy);
    }
  }

  /** {@code rename a as b, "X.*" as *}; wildcards carry over (SEMANTICS §4.5). */
  record Rename(List<Renaming> renamings) implements Command {
    public Rename {
      renamings = List.copyOf(renamings);
    }
  }

  record Renaming(String from, String to) {}

  /** {@code convert timeformat=… ctime(f) [as g]} (SEMANTICS §4.5). */
  record Convert(String timeformat, List<Conversion> conversions) implements Command {
    public Convert {
      conversions = List.copyOf(conversions);
    }
  }

  record Conversion(String function, String field, Optional<String> as) {}

  /** {@code search <expression>}: keeps rows that match, with the search command's matching rules. */
  record Search(SearchExpr expression) implements Command {}

  /** {@code where <eval expression>}: keeps rows for which the expression is true. */
  record Where(Expr expression) implements Command {}

  /** {@code eval f = expr, g = expr}. */
  record Eval(List<Assignment> assignments) implements Command {
    public Eval {
      assignments = List.copyOf(assignments);
    }
  }

  record Assignment(String field, Expr expression) {}

  /** {@code table f1 f2 …}: these fields in this order (wildcards allowed). */
  record Table(List<String> fields) implements Command {
    public Table {
      fields = List.copyOf(fields);
    }
  }

  /** {@code fields [+|-] f1 f2 …}. */
  record Fields(boolean remove, List<String> fields) implements Command {
    public Fields {
      fields = List.copyOf(fields);
    }
  }
}
