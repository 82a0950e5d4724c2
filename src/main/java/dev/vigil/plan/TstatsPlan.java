package dev.vigil.plan;

import dev.vigil.spl.Aggregation;
import dev.vigil.time.Window;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A compiled tstats over a {@link DataSet}: which events, grouped how, aggregated how. Backends
 * find the events of {@link #filter()} and deliver their values of {@link #eventFields()}; grouping and
 * aggregating is shared (SEMANTICS §4.1, §4.2). Field names are stored names, without {@code Processes.}.
 *
 * @param dataSet      the data set the events come from, which decides the store that runs the plan
 * @param groupBy      the by-fields in order; {@code _time} is bucketed to {@code span} (1 s without one)
 * @param aggregations each aggregation with its field's stored name and its output name as written
 * @param fillnull     the literal that replaces a null by-field; empty drops such events
 * @param keep         the groups the rest of the search keeps, as far as by-values alone decide it; a
 *                     backend may drop the others early
 */
public record TstatsPlan(DataSet dataSet, Filter filter, List<GroupField> groupBy, List<Aggregation> aggregations,
                         Optional<String> fillnull, Optional<Duration> span, GroupCondition keep) {
  public static final String TIME = "_time";

  public TstatsPlan {
    groupBy = List.copyOf(groupBy);
    aggregations = List.copyOf(aggregations);
  }

  /** A by-field: the name its column has in the rows, and the stored field it reads. */
  public record GroupField(String outputName, String field) {}

  /** The same plan restricted to the window. */
  public TstatsPlan within(Window window) {
    Filter time = new Filter.TimeRange(window.earliest(), window.latest());
    Filter both = filter instanceof Filter.MatchAll ? time : new Filter.And(List.of(time, filter));
    return new TstatsPlan(dataSet, both, groupBy, aggregations, fillnull, span, keep);
  }

  /** The same plan, whose groups the rest of the search filters with {@code condition}. */
  public TstatsPlan keeping(GroupCondition condition) {
    return new TstatsPlan(dataSet, filter, groupBy, aggregations, fillnull, span, condition);
  }

  /**
   * The stored fields other than {@code _time} whose values the plan groups or aggregates, each once, in the
   * order of first use; a backend delivers an event's values in this order.
   */
  public List<String> eventFields() {
    Set<String> fields = new LinkedHashSet<>();
    groupBy.forEach(g -> fields.add(g.field()));
    aggregations.forEach(a -> a.field().ifPresent(fields::add));
    fields.remove(TIME);
    return new ArrayList<>(fields);
  }

  /** A stable, readable multi-line description, one node per line, for {@code vigil rules show --plan}. */
  public String explain() {
    return PlanText.of(this);
  }
}
