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

  /** {@code | inputlookup t}: the rows of lookup table t, by name or file name (SEMANTICS §4.6). */
  record Inputlookup(String table, int position) implements Command {}

  /** {@code stats agg… [by f1 f2 …]} (SEMANTICS §4.2, §4.5). */
  record Stats(List<Aggregation> aggregations, List<String> groupBy) implements Command {
    public Stats {
      aggregations = List.copyOf(aggregations);
      groupBy = List.copyOf(groupBy);
    }
  }

  /**
   * {@code dedup [N] f1 f2 … [keepempty=b] [consecutive=b]}: keeps the first {@code count} rows of each
   * combination of values; a row lacking one of the fields is dropped unless {@code keepEmpty}.
   */
  record Dedup(int count, List<String> fields, boolean keepEmpty, boolean consecutive) implements Command {
    public Dedup {
      fields = List.copyOf(fields);
    }
  }

  /**
   * {@code lookup t f [AS g] … [OUTPUT|OUTPUTNEW c [AS d] …]} (SEMANTICS §4.6). Without an output clause every
   * column that is not an input is written.
   *
   * @param inputs   lookup column → event field
   * @param outputs  lookup column → event field; empty for all other columns
   * @param position offset of the table name, for errors about the table
   */
  record Lookup(String table, List<FieldMapping> inputs, boolean outputNew, List<FieldMapping> outputs, int position)
      implements Command {
    public Lookup {
      inputs = List.copyOf(inputs);
      outputs = List.copyOf(outputs);
    }
  }

  /** A lookup column and the event field it is read from or written to. */
  record FieldMapping(String column, String field) {}
}
