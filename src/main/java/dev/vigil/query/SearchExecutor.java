package dev.vigil.query;

import dev.vigil.lookup.LookupTable;
import dev.vigil.lookup.LookupTables;
import dev.vigil.plan.DataSet;
import dev.vigil.plan.Filter;
import dev.vigil.plan.PlanCompiler;
import dev.vigil.plan.TstatsPlan;
import dev.vigil.spl.Command;
import dev.vigil.spl.Pipeline;
import dev.vigil.spl.SearchExpr;
import dev.vigil.spl.SplException;
import dev.vigil.spl.SplParser;
import dev.vigil.time.Window;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Runs a parsed search over one window: the opening {@code tstats} on the backend (or {@code inputlookup} on
 * the lookup tables), then each later command over the rows (SEMANTICS §4.5). Subsearches are replaced by
 * their results first (§4.6).
 */
public final class SearchExecutor {
  private final TstatsBackend backend;
  private final ZoneId zone;
  private final LookupTables lookups;
  private final LruCache<Command.Tstats, TstatsPlan> plans = new LruCache<>(PlanCompiler::compile);
  private final LruCache<String, Pipeline> parsed = new LruCache<>(spl -> prepare(SplParser.parse(spl), spl));
  private final EvalPatterns patterns = new EvalPatterns();
  private final EventSource events;
  private final int maxEvents;

  /** An executor without lookup tables: a search that names one fails in {@link #prepare}. */
  public SearchExecutor(TstatsBackend backend, ZoneId zone) {
    this(backend, zone, LookupTables.empty());
  }

  /** @param lookups the tables {@code inputlookup}, {@code lookup} and subsearches read */
  public SearchExecutor(TstatsBackend backend, ZoneId zone, LookupTables lookups) {
    this(backend, null, 0, zone, lookups);
  }

  /**
   * An executor that also runs searches over the events themselves ({@code search f=v | …}, {@code vigil search}).
   *
   * @param maxEvents the most events such a search reads, newest first
   */
  public SearchExecutor(TstatsBackend backend, EventSource events, int maxEvents, ZoneId zone, LookupTables lookups) {
    this.backend = backend;
    this.events = events;
    this.maxEvents = maxEvents;
    this.zone = zone;
    this.lookups = lookups;
  }


  /**
   * The macro-expanded search parsed and {@link #prepare prepared}, once for every run of a rule: a rule's text
   * is the same each hour, so only its first run parses it.
   *
   * @throws SplException positioned in {@code expandedSpl}
   */
  public Pipeline parse(String expandedSpl) {
    return parsed.get(expandedSpl);
  }

  /**
   * Checks what parsing cannot: that the search and each subsearch opens with a generating command and that
   * every lookup table it names exists with the columns it uses. Call it when a rule loads, so that these
   * errors are load-time errors (§4.7); {@link #execute} calls it too. Subsearches run with the search, over
   * its window (§4.6).
   *
   * @param spl the macro-expanded text the pipeline was parsed from; error positions refer to it
   * @throws SplException with the position of the offending command, table or subsearch
   */
  public Pipeline prepare(Pipeline pipeline, String spl) {
    Command first = pipeline.first();
    boolean overEvents = events != null && first instanceof Command.Search;
    if (!(first instanceof Command.Tstats) && !(first instanceof Command.Inputlookup) && !overEvents) {
      throw new SplException("a search starts with | tstats or | inputlookup"
          + (events != null ? ", or search over the events" : ""), spl, firstCommandStart(spl));
    }
    pipeline.commands().forEach(command -> check(command, spl));
    return pipeline;
  }

  private void check(Command command, String spl) {
    patterns.compileLiterals(command, spl);
    if (command instanceof Command.Tstats t) {
      checkSubsearches(t.where(), spl);
    } else if (command instanceof Command.Search search) {
      checkSubsearches(search.expression(), spl);
    } else if (command instanceof Command.Join join) {
      prepare(join.subsearch(), spl);
    } else if (command instanceof Command.Inputlookup inputlookup) {
      table(inputlookup.table(), inputlookup.position(), spl);
    } else if (command instanceof Command.Lookup lookup) {
      LookupTable table = table(lookup.table(), lookup.position(), spl);
      List<Command.FieldMapping> columns = new ArrayList<>(lookup.inputs());
      columns.addAll(lookup.outputs());
      for (Command.FieldMapping mapping : columns) {
        if (!table.hasColumn(mapping.column())) {
          throw new SplException("lookup table '" + lookup.table() + "' has no field '" + mapping.column()
              + "' (it has " + String.join(", ", table.columns()) + ")", spl, lookup.position());
        }
      }
    }
  }

  private void checkSubsearches(SearchExpr expr, String spl) {
    if (expr instanceof SearchExpr.And and) {
      and.operands().forEach(e -> checkSubsearches(e, spl));
    } else if (expr instanceof SearchExpr.Or or) {
      or.operands().forEach(e -> checkSubsearches(e, spl));
    } else if (expr instanceof SearchExpr.Not not) {
      checkSubsearches(not.operand(), spl);
    } else if (expr instanceof SearchExpr.Subsearch subsearch) {
      prepare(subsearch.pipeline(), spl);
    }
  }

  private LookupTable table(String name, int position, String spl) {
    try {
      return lookups.find(name).orElseThrow(() -> new SplException("unknown lookup table '" + name + "'", spl, position));
    } catch (UncheckedIOException e) {
      throw new SplException("lookup table '" + name + "' cannot be read: " + e.getCause().getMessage(), spl, position);
    }
  }

  /**
   * Runs the search over {@code window}.
   *
   * @param now what {@code now()} returns: the run's scheduled time (SEMANTICS §2.6)
   * @param spl the macro-expanded text the pipeline was parsed from, for errors found while running
   */
  public List<Row> execute(Pipeline pipeline, Window window, Instant now, String spl) throws IOException {
    return new Run(window, new ExprEvaluator(spl, zone, now, patterns), spl).rows(prepare(pipeline, spl));
  }

  /**
   * The plan the search's opening tstats compiles to, its subsearches run over {@code window}, without the
   * window's time range; empty for a search that opens with inputlookup.
   */
  public Optional<TstatsPlan> plan(Pipeline pipeline, Window window, Instant now, String spl) throws IOException {
    if (!(prepare(pipeline, spl).first() instanceof Command.Tstats tstats)) {
      return Optional.empty();
    }
    return Optional.of(new Run(window, new ExprEvaluator(spl, zone, now, patterns), spl).plan(tstats));
  }

  /** One execution: the window and evaluator that the search and its subsearches share. */
  private final class Run {
    private final Window window;
    private final ExprEvaluator evaluator;
    private final String spl;

    Run(Window window, ExprEvaluator evaluator, String spl) {
      this.window = window;
      this.evaluator = evaluator;
      this.spl = spl;
    }

    List<Row> rows(Pipeline pipeline) throws IOException {
      List<Row> rows;
      if (pipeline.first() instanceof Command.Inputlookup inputlookup) {
        rows = inputlookup(table(inputlookup.table(), inputlookup.position(), spl));
      } else if (pipeline.first() instanceof Command.Search search) {
        SearchExpr expression = resolve(search.expression());
        Filter filter = new Filter.And(List.of(new Filter.TimeRange(window.earliest(), window.latest()),
            PlanCompiler.searchFilter(DataSet.PROCESSES, expression)));
        rows = new ArrayList<>(events.events(filter, maxEvents).rows());
        if (expression.contains(SearchExpr.Term.class::isInstance)) {
          rows.removeIf(RowMatcher.compile(expression).negate());
        }
      } else {
        TstatsPlan plan = plan((Command.Tstats) pipeline.first()).within(window);
        rows = backend.tstats(plan.keeping(PushedFilters.of(plan, pipeline.rest(), evaluator)));
      }
      for (Command command : pipeline.rest()) {
        rows = apply(command, rows);
      }
      return rows;
    }

    /** The tstats' plan, compiled once for each result of its subsearches. */
    TstatsPlan plan(Command.Tstats t) throws IOException {
      return plans.get(new Command.Tstats(t.aggregations(), t.datamodel(), t.dataset(), resolve(t.where()),
          t.groupBy(), t.span(), t.fillnullValue()));
    }

    /** The expression with each subsearch replaced by the OR of its rows (SEMANTICS §4.6). */
    private SearchExpr resolve(SearchExpr expr) throws IOException {
      if (expr instanceof SearchExpr.And and) {
        return new SearchExpr.And(resolveAll(and.operands()));
      } else if (expr instanceof SearchExpr.Or or) {
        return new SearchExpr.Or(resolveAll(or.operands()));
      } else if (expr instanceof SearchExpr.Not not) {
        return new SearchExpr.Not(resolve(not.operand()));
      } else if (expr instanceof SearchExpr.Subsearch subsearch) {
        return Subsearches.asSearch(rows(subsearch.pipeline()));
      }
      return expr;
    }

    private List<SearchExpr> resolveAll(List<SearchExpr> operands) throws IOException {
      List<SearchExpr> resolved = new ArrayList<>(operands.size());
      for (SearchExpr operand : operands) {
        resolved.add(resolve(operand));
      }
      return resolved;
    }

    private List<Row> apply(Command command, List<Row> rows) throws IOException {
      if (command instanceof Command.Search search) {
        return filter(rows, RowMatcher.compile(resolve(search.expression())));
      } else if (command instanceof Command.Where where) {
        return filter(rows, row -> ExprEvaluator.truth(evaluator.evaluate(where.expression(), row)));
      } else if (command instanceof Command.Eval eval) {
        rows.forEach(row -> eval(eval, row, evaluator));
      } else if (command instanceof Command.Join join) {
        return JoinCommand.apply(join, rows, rows(join.subsearch()));
      } else if (command instanceof Command.Lookup lookup) {
        LookupCommand.apply(lookup, table(lookup.table(), lookup.position(), spl), rows);
      } else {
        return SearchExecutor.this.apply(command, rows);
      }
      return rows;
    }
  }

  /** One row per table row, its non-empty cells in column order. */
  private static List<Row> inputlookup(LookupTable table) {
    List<Row> rows = new ArrayList<>(table.rows().size());
    for (Map<String, String> cells : table.rows()) {
      Row row = new Row();
      cells.forEach((column, value) -> {
        if (!value.isEmpty()) {
          row.put(column, value);
        }
      });
      rows.add(row);
    }
    return rows;
  }

  private static int firstCommandStart(String spl) {
    int i = 0;
    while (i < spl.length() && (Character.isWhitespace(spl.charAt(i)) || spl.charAt(i) == '|')) {
      i++;
    }
    return i;
  }

  private static List<Row> filter(List<Row> rows, Predicate<Row> keep) {
    return new ArrayList<>(rows.stream().filter(keep).toList());
  }

  /** The commands that need neither the window nor the evaluator. */
  private List<Row> apply(Command command, List<Row> rows) {
    if (command instanceof Command.Rename rename) {
      rows.forEach(new RenameCommand(rename)::apply);
    } else if (command instanceof Command.Convert convert) {
      StrfTime format = new StrfTime(convert.timeformat());
      rows.forEach(row -> convert(convert, format, row));
    } else if (command instanceof Command.Table table) {
      LastFieldNames<List<String>> named = new LastFieldNames<>(new FieldPatterns(table.fields())::matching);
      rows.forEach(row -> row.project(named.of(row)));
    } else if (command instanceof Command.Fields fields) {
      FieldPatterns patterns = new FieldPatterns(fields.fields());
      for (Row row : rows) {
        List<String> named = patterns.matching(List.copyOf(row.fieldNames()));
        if (fields.remove()) {
          named.forEach(row::remove);
        } else {
          row.project(named);
        }
      }
    } else if (command instanceof Command.Stats stats) {
      return StatsCommand.apply(stats, rows);
    } else if (command instanceof Command.Eventstats eventstats) {
      StatsCommand.addTo(eventstats, rows);
    } else if (command instanceof Command.Dedup dedup) {
      return dedup(dedup, rows);
    } else if (command instanceof Command.Regex regex) {
      return filter(rows, row -> RexCommand.matches(regex, row));
    } else if (command instanceof Command.Rex rex) {
      rows.forEach(row -> RexCommand.extract(rex, row));
    } else if (command instanceof Command.RexSed sed) {
      rows.forEach(row -> RexCommand.substitute(sed, row));
    } else if (command instanceof Command.Fillnull fillnull) {
      fillnull(fillnull, rows);
    } else if (command instanceof Command.Sort sort) {
      return SortCommand.apply(sort, rows);
    } else if (command instanceof Command.Head head) {
      return new ArrayList<>(rows.subList(0, Math.min(head.count(), rows.size())));
    } else if (command instanceof Command.Bin bin) {
      rows.forEach(row -> bin(bin, row));
    } else if (command instanceof Command.Transaction transaction) {
      return TransactionCommand.apply(transaction, rows);
    } else {
      throw new UnsupportedOperationException("a search can use " + command.getClass().getSimpleName()
          + " only as its first command");
    }
    return rows;
  }

  /**
   * Without fields, every field that some row has is filled in the rows that lack it, as Splunk fills the
   * fields of the result set.
   */
  private static void fillnull(Command.Fillnull fillnull, List<Row> rows) {
    Set<String> fields = new LinkedHashSet<>(fillnull.fields());
    if (fields.isEmpty()) {
      rows.forEach(row -> fields.addAll(row.fieldNames()));
    }
    for (Row row : rows) {
      for (String field : fields) {
        if (!row.has(field)) {
          row.put(field, fillnull.value());
        }
      }
    }
  }

  /** Floors epoch seconds to the span from the epoch, so that spans of a day are UTC days, as tstats' span. */
  private static void bin(Command.Bin bin, Row row) {
    Double seconds = Values.parseNumber(row.first(bin.field()));
    if (seconds == null) {
      return;
    }
    long span = bin.span().toSeconds();
    row.put(bin.as(), Long.toString(Math.floorDiv((long) Math.floor(seconds), span) * span));
  }

  /**
   * Keeps the first {@code count} rows of each combination of the fields' values (a multivalue field compares
   * as its whole list); rows lacking a field go unless keepempty=true; consecutive=true only drops repeats of
   * the row before (SEMANTICS §4.5).
   */
  private static List<Row> dedup(Command.Dedup dedup, List<Row> rows) {
    List<Row> kept = new ArrayList<>();
    Map<List<List<String>>, Integer> seen = new HashMap<>();
    List<List<String>> previous = null;
    int run = 0;
    for (Row row : rows) {
      List<List<String>> key = new ArrayList<>(dedup.fields().size());
      boolean empty = false;
      for (String field : dedup.fields()) {
        List<String> values = row.values(field);
        empty |= values.isEmpty();
        key.add(values);
      }
      if (empty) {
        if (dedup.keepEmpty()) {
          kept.add(row);
        }
        continue;
      }
      if (dedup.consecutive()) {
        run = key.equals(previous) ? run + 1 : 1;
        previous = key;
        if (run <= dedup.count()) {
          kept.add(row);
        }
      } else if (seen.merge(key, 1, Integer::sum) <= dedup.count()) {
        kept.add(row);
      }
    }
    return kept;
  }

  private void convert(Command.Convert convert, StrfTime format, Row row) {
    for (Command.Conversion conversion : convert.conversions()) {
      List<String> values = row.values(conversion.field());
      if (values.isEmpty()) {
        continue;
      }
      List<String> converted = new ArrayList<>(values.size());
      for (String value : values) {
        Double seconds = Values.parseNumber(value);
        // A value that is not epoch seconds is left as it is, as Splunk's convert does.
        converted.add(seconds == null ? value
            : format.format(Instant.ofEpochMilli(Math.round(seconds * 1000)), zone));
      }
      row.putValues(conversion.as().orElse(conversion.field()), converted);
    }
  }

  private static void eval(Command.Eval eval, Row row, ExprEvaluator evaluator) {
    for (Command.Assignment assignment : eval.assignments()) {
      assign(assignment, row, evaluator);
    }
  }

  /** One assignment of an eval; a null result removes the field. */
  static void assign(Command.Assignment assignment, Row row, ExprEvaluator evaluator) {
    Object value = evaluator.evaluate(assignment.expression(), row);
    if (value == null) {
      row.remove(assignment.field());
    } else if (value instanceof List<?> list) {
      row.putValues(assignment.field(), ExprEvaluator.multivalue(list));
    } else {
      row.put(assignment.field(), ExprEvaluator.text(value));
    }
  }
}
