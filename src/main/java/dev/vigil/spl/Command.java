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

  /**
   * {@code regex f="re"} keeps the rows where a value of f matches anywhere; {@code regex f!="re"} keeps the
   * others, rows without f included.
   */
  record Regex(String field, boolean negated, SplRegex regex) implements Command {}

  /**
   * {@code rex field=f [max_match=N] "re"}: each named group of the first match becomes a field; with
   * {@code max_match} above 1 (0 for no limit) every match adds a value, making the fields multivalue.
   */
  record Rex(String field, SplRegex regex, int maxMatch) implements Command {}

  /** {@code rex field=f mode=sed "s/re/replacement/flags"} or {@code "y/from/to/"}: rewrites f's values. */
  record RexSed(String field, SedExpression sed) implements Command {}

  /** {@code eventstats agg… [by f…]}: each row gets the aggregations of its group; no row is dropped. */
  record Eventstats(List<Aggregation> aggregations, List<String> groupBy) implements Command {
    public Eventstats {
      aggregations = List.copyOf(aggregations);
      groupBy = List.copyOf(groupBy);
    }
  }

  /**
   * {@code join [type=inner|left|outer] [max=N] f… [subsearch]}: each row merged with the subsearch rows that
   * have its values of the fields (all shared fields when none are named), at most {@code max} of them (0: all).
   *
   * @param keepUnmatched true for type=left/outer: a row without a match stays as it is
   */
  record Join(boolean keepUnmatched, int max, List<String> fields, Pipeline subsearch) implements Command {
    public Join {
      fields = List.copyOf(fields);
    }
  }

  /** {@code fillnull [value=v] [f…]}: the named fields, or every field of the results, get v where absent. */
  record Fillnull(String value, List<String> fields) implements Command {
    public Fillnull {
      fields = List.copyOf(fields);
    }
  }

  /** {@code sort [N] [+|-]f …}: a stable sort on the keys, keeping the first {@code limit} rows (0: all). */
  record Sort(int limit, List<SortKey> keys) implements Command {
    public Sort {
      keys = List.copyOf(keys);
    }
  }

  /** One sort key; {@code order} is how values compare: auto (numbers as numbers) or str. */
  record SortKey(String field, boolean descending, SortOrder order) {}

  enum SortOrder { AUTO, STR }

  /** {@code head [N]}: the first N rows, 10 by default. */
  record Head(int count) implements Command {}

  /** {@code bin f span=… [as g]} (also {@code bucket}): f's epoch seconds floored to the span. */
  record Bin(String field, Duration span, String as) implements Command {}

  /**
   * {@code transaction f… [maxspan=…] [maxpause=…] [connected=b]}: rows with the same values of the fields, in
   * time order, grouped while each row is within maxpause of the previous one and maxspan of the first.
   */
  record Transaction(List<String> fields, Optional<Duration> maxspan, Optional<Duration> maxpause)
      implements Command {
    public Transaction {
      fields = List.copyOf(fields);
    }
  }
}
