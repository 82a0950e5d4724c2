package dev.vigil.query;

import dev.vigil.plan.GroupCondition;
import dev.vigil.plan.TstatsPlan;
import dev.vigil.spl.Aggregation;
import dev.vigil.spl.Command;
import dev.vigil.spl.Functions;
import dev.vigil.spl.SearchExpr;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The filters after a tstats that read only by-fields, as the {@link GroupCondition} a backend may test before
 * it aggregates a group. A hunting rule that groups every event of the window by command line and keeps the
 * few rows whose command line looks odd then builds, sorts and converts only those rows.
 *
 * <p>The analysis follows the search from tstats through the commands that change a row only through its own
 * fields (a {@code rename} that overwrites no field, {@code eval}, {@code convert}, {@code search},
 * {@code where}) and stops at the first other one. On the way it knows of every field which by-fields its value
 * comes from, or that it may come from something else (an aggregation, a {@code convert}); a {@code search} or
 * {@code where} whose fields come from by-fields alone is pushed. The test replays, on a row that holds only
 * those by-values, the renames and the evals the pushed filters depend on, then the pushed filters. Filters
 * commute with each other and with these commands, and each pushed one still runs on the rows: the rows of the
 * search are the same whether a backend tests the condition or not (SEMANTICS §4.5; docs/architecture.md).
 */
final class PushedFilters implements GroupCondition {
  /** Where a field's value may come from: some by-fields (positions in the plan's by), and perhaps elsewhere. */
  private record Origin(Set<Integer> byFields, boolean elsewhere) {
    static final Origin NOTHING = new Origin(Set.of(), false);
    static final Origin ELSEWHERE = new Origin(Set.of(), true);

    Origin and(Origin other) {
      Set<Integer> both = new TreeSet<>(byFields);
      both.addAll(other.byFields);
      return new Origin(both, elsewhere || other.elsewhere);
    }
  }

  /** What the test does to its row, and the fields that reads. */
  private sealed interface Step {}

  /** A rename, as each field name it changes and the name it gets. */
  private record Renaming(Map<String, String> newNames) implements Step {}

  private record Assigning(Command.Assignment assignment, Set<String> reads) implements Step {}

  private record Keeping(Predicate<Row> filter, Set<String> reads) implements Step {}

  private final List<TstatsPlan.GroupField> groupBy;
  private final List<Integer> byFields;
  private final List<Step> steps;
  private final ExprEvaluator evaluator;

  private PushedFilters(List<TstatsPlan.GroupField> groupBy, List<Integer> byFields, List<Step> steps,
                        ExprEvaluator evaluator) {
    this.groupBy = groupBy;
    this.byFields = List.copyOf(byFields);
    this.steps = List.copyOf(steps);
    this.evaluator = evaluator;
  }

  /**
   * The condition the commands after the tstats of {@code plan} put on its groups; {@link GroupCondition#ALL}
   * when none can be tested on by-values alone. Without by-fields tstats returns its one row regardless, so
   * nothing is pushed.
   */
  static GroupCondition of(TstatsPlan plan, List<Command> rest, ExprEvaluator evaluator) {
    if (plan.groupBy().isEmpty()) {
      return ALL;
    }
    Map<String, Origin> origins = new LinkedHashMap<>();
    for (int i = 0; i < plan.groupBy().size(); i++) {
      origins.put(plan.groupBy().get(i).outputName(), new Origin(Set.of(i), false));
    }
    for (Aggregation aggregation : plan.aggregations()) {
      origins.put(aggregation.outputName(), Origin.ELSEWHERE);
    }
    List<Step> steps = new ArrayList<>();
    Set<Integer> byFields = new TreeSet<>();
    for (Command command : rest) {
      if (command instanceof Command.Rename rename) {
        Map<String, String> newNames = newNames(rename, origins.keySet());
        if (newNames == null) {
          break;
        }
        Map<String, Origin> renamed = new LinkedHashMap<>();
        origins.forEach((name, origin) -> renamed.put(newNames.getOrDefault(name, name), origin));
        origins = renamed;
        steps.add(new Renaming(newNames));
      } else if (command instanceof Command.Eval eval) {
        for (Command.Assignment assignment : eval.assignments()) {
          Set<String> reads = Functions.fieldsOf(assignment.expression());
          Origin origin = originOf(reads, origins);
          origins.put(assignment.field(), origin);
          if (!origin.elsewhere()) {
            steps.add(new Assigning(assignment, reads));
          }
        }
      } else if (command instanceof Command.Convert convert) {
        // Not replayed: what convert makes of a by-value is left to the rows.
        for (Command.Conversion conversion : convert.conversions()) {
          origins.put(conversion.as().orElse(conversion.field()), Origin.ELSEWHERE);
        }
      } else if (command instanceof Command.Search search) {
        SearchExpr expression = search.expression();
        if (expression instanceof SearchExpr.MatchAll || expression.contains(SearchExpr.Subsearch.class::isInstance)) {
          continue;
        }
        Set<String> reads = fieldsOf(expression, new LinkedHashSet<>());
        Origin origin = originOf(reads, origins);
        if (!origin.elsewhere()) {
          steps.add(new Keeping(RowMatcher.compile(expression), reads));
          byFields.addAll(origin.byFields());
        }
      } else if (command instanceof Command.Where where) {
        Set<String> reads = Functions.fieldsOf(where.expression());
        Origin origin = originOf(reads, origins);
        if (!origin.elsewhere()) {
          steps.add(new Keeping(row -> ExprEvaluator.truth(evaluator.evaluate(where.expression(), row)), reads));
          byFields.addAll(origin.byFields());
        }
      } else {
        break;
      }
    }
    List<Step> needed = needed(steps);
    if (needed.stream().noneMatch(step -> step instanceof Keeping)) {
      return ALL;
    }
    return new PushedFilters(plan.groupBy(), new ArrayList<>(byFields), needed, evaluator);
  }

  @Override
  public List<Integer> byFields() {
    return byFields;
  }

  @Override
  public boolean test(String[] byValues) {
    Row row = new Row();
    for (int i : byFields) {
      if (byValues[i] != null) {
        row.put(groupBy.get(i).outputName(), byValues[i]);
      }
    }
    for (Step step : steps) {
      if (step instanceof Renaming renaming) {
        List<String> names = List.copyOf(row.fieldNames());
        row.keepRenamed(names, names.stream().map(n -> renaming.newNames().getOrDefault(n, n)).toList());
      } else if (step instanceof Assigning assigning) {
        SearchExecutor.assign(assigning.assignment(), row, evaluator);
      } else if (!((Keeping) step).filter().test(row)) {
        return false;
      }
    }
    return true;
  }

  /**
   * What {@code rename} makes of each of these field names that it changes; null when it would overwrite a
   * field, which makes a field's presence depend on others'.
   */
  private static Map<String, String> newNames(Command.Rename rename, Set<String> names) {
    Row named = new Row();
    names.forEach(name -> named.put(name, name));
    new RenameCommand(rename).apply(named);
    if (named.fieldNames().size() != names.size()) {
      return null;
    }
    Map<String, String> newNames = new HashMap<>();
    for (String name : named.fieldNames()) {
      String old = named.first(name);
      if (!old.equals(name)) {
        newNames.put(old, name);
      }
    }
    return newNames;
  }

  private static Origin originOf(Set<String> reads, Map<String, Origin> origins) {
    Origin origin = Origin.NOTHING;
    for (String field : reads) {
      origin = origin.and(origins.getOrDefault(field, Origin.NOTHING));
    }
    return origin;
  }

  /** The steps the filters need, found backwards: every filter, and what makes the fields they read. */
  private static List<Step> needed(List<Step> steps) {
    List<Step> needed = new ArrayList<>();
    Set<String> live = new HashSet<>();
    for (int i = steps.size() - 1; i >= 0; i--) {
      Step step = steps.get(i);
      if (step instanceof Keeping keeping) {
        live.addAll(keeping.reads());
        needed.add(step);
      } else if (step instanceof Assigning assigning && live.remove(assigning.assignment().field())) {
        live.addAll(assigning.reads());
        needed.add(step);
      } else if (step instanceof Renaming renaming) {
        Map<String, String> oldNames = new HashMap<>();
        renaming.newNames().forEach((old, renamed) -> oldNames.put(renamed, old));
        Set<String> before = new HashSet<>();
        live.forEach(name -> before.add(oldNames.getOrDefault(name, name)));
        live = before;
        needed.add(step);
      }
    }
    Collections.reverse(needed);
    return needed;
  }

  private static Set<String> fieldsOf(SearchExpr expr, Set<String> fields) {
    if (expr instanceof SearchExpr.And and) {
      and.operands().forEach(operand -> fieldsOf(operand, fields));
    } else if (expr instanceof SearchExpr.Or or) {
      or.operands().forEach(operand -> fieldsOf(operand, fields));
    } else if (expr instanceof SearchExpr.Not not) {
      fieldsOf(not.operand(), fields);
    } else if (expr instanceof SearchExpr.Compare compare) {
      fields.add(compare.field());
    } else if (expr instanceof SearchExpr.In in) {
      fields.add(in.field());
    } else if (expr instanceof SearchExpr.Term) {
      fields.add("_raw"); // never a by-field: a term stays with the rows
    }
    return fields;
  }
}
