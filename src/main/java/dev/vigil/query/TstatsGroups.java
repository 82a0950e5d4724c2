package dev.vigil.query;

import dev.vigil.plan.TstatsPlan;
import dev.vigil.spl.Aggregation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The grouping and aggregating that every tstats backend shares (SEMANTICS §4.1, §4.2): a backend finds the
 * events of the plan's filter and {@link #add adds} each one's time and values; this class buckets
 * {@code _time} to the span, drops or fills null by-fields, runs the accumulators and returns the rows
 * sorted by the by-fields. The group lookup reuses one scratch key, so an event that joins an existing group
 * allocates nothing. The rows do not depend on the order the events come in (see {@link Accumulator}), so a
 * backend may add them segment by segment, value by value or slice by slice.
 *
 * <p>A group that fails the plan's {@link TstatsPlan#keep() condition} is remembered as dropped and yields no
 * row; a backend that gathers its matches by value may test the condition itself first ({@link #keeps}), on
 * the values of {@link #conditionFields()}, and leave out the events of dropped groups.
 */
public final class TstatsGroups {
  /** Marks a by-field or aggregation that reads {@code _time} (or, for count, nothing) rather than a value. */
  private static final int NO_VALUE = -1;
  /** The accumulators of a group that the plan's condition drops: it is remembered, so tested once. */
  private static final Accumulator[] DROPPED = new Accumulator[0];

  private final TstatsPlan plan;
  private final long spanMillis;
  private final int[] groupValue;
  private final int[] aggregatedValue;
  private final boolean[] overTime;
  private final boolean groupsByTime;
  private final Map<GroupKey, Accumulator[]> groups = new HashMap<>();
  private final GroupKey scratch;

  public TstatsGroups(TstatsPlan plan) {
    this.plan = plan;
    this.spanMillis = plan.span().map(span -> span.toMillis()).orElse(1000L);
    List<String> eventFields = plan.eventFields();
    groupValue = new int[plan.groupBy().size()];
    for (int i = 0; i < groupValue.length; i++) {
      groupValue[i] = eventFields.indexOf(plan.groupBy().get(i).field());
    }
    aggregatedValue = new int[plan.aggregations().size()];
    overTime = new boolean[aggregatedValue.length];
    for (int i = 0; i < aggregatedValue.length; i++) {
      Aggregation aggregation = plan.aggregations().get(i);
      aggregatedValue[i] = aggregation.field().map(eventFields::indexOf).orElse(NO_VALUE);
      overTime[i] = aggregation.field().map(TstatsPlan.TIME::equals).orElse(false);
    }
    groupsByTime = Arrays.stream(groupValue).anyMatch(value -> value == NO_VALUE);
    scratch = new GroupKey(new String[groupValue.length]);
  }

  /**
   * One matching event.
   *
   * @param values its values of {@link TstatsPlan#eventFields()}, in that order, null where it has none; read
   *     during the call only, so the caller may reuse the array
   */
  public void add(long timeMillis, String[] values) {
    Accumulator[] accumulators = groupOf(timeMillis, values);
    if (accumulators != null) {
      accumulate(accumulators, values, timeMillis);
    }
  }

  /**
   * Events that have the same values, at the first {@code count} of {@code timesMillis}: a backend that
   * gathers its matches by value adds each distinct combination once. Without {@code _time} among the
   * by-fields they all join one group, found once.
   *
   * @param values as for {@link #add(long, String[])}
   */
  public void addAll(String[] values, long[] timesMillis, int count) {
    if (count == 0) {
      return;
    }
    if (groupsByTime) {
      for (int i = 0; i < count; i++) {
        add(timesMillis[i], values);
      }
      return;
    }
    Accumulator[] accumulators = groupOf(timesMillis[0], values);
    if (accumulators != null) {
      for (int i = 0; i < count; i++) {
        accumulate(accumulators, values, timesMillis[i]);
      }
    }
  }

  /**
   * {@code count} events that have the same values, the earliest at {@code firstMillis} and the latest at
   * {@code lastMillis}: a backend that aggregates by value (a {@code composite} aggregation) adds each bucket
   * once. The rows are those of adding the events one by one, provided that the events share their bucket of the
   * span where {@code _time} is a by-field, and their second where an aggregation reads the distinct seconds
   * ({@code dc(_time)}, {@code values(_time)}); no other aggregation reads a time between the first and the last.
   *
   * @param values as for {@link #add(long, String[])}
   */
  public void addRun(String[] values, long count, long firstMillis, long lastMillis) {
    if (count == 0) {
      return;
    }
    Accumulator[] accumulators = groupOf(firstMillis, values);
    if (accumulators == null) {
      return;
    }
    accumulate(accumulators, values, firstMillis);
    if (count > 1) {
      for (int i = 0; i < accumulators.length; i++) {
        accumulators[i].addTimes(aggregatedValue[i] == NO_VALUE ? null : values[aggregatedValue[i]], lastMillis,
            count - 1);
      }
    }
  }

  /** Whether some aggregation reads the distinct seconds of its events, so that a run must lie in one second. */
  public static boolean readsSeconds(TstatsPlan plan) {
    return plan.aggregations().stream().anyMatch(aggregation -> aggregation.field().map(TstatsPlan.TIME::equals)
        .orElse(false) && (aggregation.function() == Aggregation.Function.DC
        || aggregation.function() == Aggregation.Function.VALUES));
  }

  /**
   * One matching event of a data set whose fields hold several values ({@code Risk.All_Risk}): as in Splunk, the
   * event joins one group per combination of its by-fields' values, and in each an aggregation sees every value
   * of its field ({@code count(f)} counts them, {@code sum(f)} adds them); a field without values is null.
   *
   * @param values its values of {@link TstatsPlan#eventFields()}, in that order, each list empty where it has none
   */
  public void addMultivalued(long timeMillis, List<List<String>> values) {
    String[] single = new String[values.size()];
    addCombinations(timeMillis, values, single, 0);
  }

  private void addCombinations(long timeMillis, List<List<String>> values, String[] single, int byField) {
    if (byField == groupValue.length) {
      Accumulator[] accumulators = groupOf(timeMillis, single);
      if (accumulators != null) {
        accumulateAll(accumulators, values, timeMillis);
      }
      return;
    }
    int position = groupValue[byField];
    List<String> choices = position == NO_VALUE ? List.of() : values.get(position);
    if (choices.size() <= 1) {
      if (position != NO_VALUE) {
        single[position] = choices.isEmpty() ? null : choices.get(0);
      }
      addCombinations(timeMillis, values, single, byField + 1);
      return;
    }
    for (String choice : choices) {
      single[position] = choice;
      addCombinations(timeMillis, values, single, byField + 1);
    }
  }

  private void accumulateAll(Accumulator[] accumulators, List<List<String>> values, long timeMillis) {
    for (int i = 0; i < accumulators.length; i++) {
      List<String> each = aggregatedValue[i] == NO_VALUE ? List.of() : values.get(aggregatedValue[i]);
      if (each.isEmpty()) {
        accumulators[i].add(null, timeMillis);
      }
      for (String value : each) {
        accumulators[i].add(value, timeMillis);
      }
    }
  }

  /** The accumulators of the event's group, a new group if need be; null when the event is dropped. */
  private Accumulator[] groupOf(long timeMillis, String[] values) {
    String[] key = scratch.values;
    for (int i = 0; i < groupValue.length; i++) {
      key[i] = filled(groupValue[i] == NO_VALUE
          ? Long.toString(Math.floorDiv(timeMillis, spanMillis) * spanMillis / 1000L)
          : values[groupValue[i]]);
      if (key[i] == null) {
        return null;
      }
    }
    scratch.rehash();
    Accumulator[] accumulators = groups.get(scratch);
    if (accumulators == null) {
      accumulators = plan.keep().test(key) ? freshAccumulators() : DROPPED;
      groups.put(new GroupKey(key.clone()), accumulators);
    }
    return accumulators == DROPPED ? null : accumulators;
  }

  /**
   * The positions in {@link TstatsPlan#eventFields()} of the values that decide the plan's condition; empty
   * when there is nothing to test before grouping, or when the condition reads {@code _time}, which is
   * bucketed per event.
   */
  public int[] conditionFields() {
    List<Integer> byFields = plan.keep().byFields();
    int[] fields = new int[byFields.size()];
    for (int i = 0; i < fields.length; i++) {
      fields[i] = groupValue[byFields.get(i)];
      if (fields[i] == NO_VALUE) {
        return new int[0];
      }
    }
    return Arrays.stream(fields).distinct().toArray();
  }

  /**
   * Whether events with these values can belong to a group the plan's condition keeps: when not, a backend
   * may leave them out.
   *
   * @param values as for {@link #add(long, String[])}; only the positions of {@link #conditionFields()} are read
   */
  public boolean keeps(String[] values) {
    String[] key = new String[groupValue.length];
    for (int byField : plan.keep().byFields()) {
      key[byField] = filled(values[groupValue[byField]]);
      if (key[byField] == null) {
        return false;
      }
    }
    return plan.keep().test(key);
  }

  /**
   * A by-value as the row holds it: a null one is the fill value, or null (the event dropped) without
   * fillnull_value, as tstats drops a row whose by-field is null (SEMANTICS §4.1).
   */
  private String filled(String value) {
    return value != null ? value : plan.fillnull().orElse(null);
  }

  private void accumulate(Accumulator[] accumulators, String[] values, long timeMillis) {
    for (int i = 0; i < accumulators.length; i++) {
      accumulators[i].add(aggregatedValue[i] == NO_VALUE ? null : values[aggregatedValue[i]], timeMillis);
    }
  }

  /** Folds in the groups built over other events of the same search, e.g. by another slice of segments. */
  public void merge(TstatsGroups other) {
    other.groups.forEach((key, theirs) -> {
      Accumulator[] ours = groups.putIfAbsent(key, theirs);
      // A group one side dropped the other dropped too: the condition reads nothing but the key.
      if (ours != null && ours != DROPPED) {
        for (int i = 0; i < ours.length; i++) {
          ours[i].merge(theirs[i]);
        }
      }
    });
  }

  /** One row per group, sorted by the by-values compared as UTF-16 strings, as tstats returns them. */
  public List<Row> rows() {
    List<Map.Entry<GroupKey, Accumulator[]>> entries = new ArrayList<>(groups.size());
    groups.entrySet().stream().filter(entry -> entry.getValue() != DROPPED).forEach(entries::add);
    if (plan.groupBy().isEmpty() && entries.isEmpty()) {
      // Without by, tstats returns one row even when no event matched: count 0 (SEMANTICS §4.2).
      entries.add(Map.entry(new GroupKey(new String[0]), freshAccumulators()));
    }
    entries.sort(Map.Entry.comparingByKey(GroupKey.ORDER));
    List<Row> rows = new ArrayList<>(entries.size());
    for (Map.Entry<GroupKey, Accumulator[]> entry : entries) {
      Row row = new Row();
      for (int i = 0; i < groupValue.length; i++) {
        row.put(plan.groupBy().get(i).outputName(), entry.getKey().values[i]);
      }
      Accumulator[] accumulators = entry.getValue();
      for (int i = 0; i < accumulators.length; i++) {
        accumulators[i].writeTo(row, plan.aggregations().get(i).outputName());
      }
      rows.add(row);
    }
    return rows;
  }

  private Accumulator[] freshAccumulators() {
    Accumulator[] accumulators = new Accumulator[overTime.length];
    for (int i = 0; i < accumulators.length; i++) {
      accumulators[i] = Accumulator.of(plan.aggregations().get(i), overTime[i]);
    }
    return accumulators;
  }

  private static final class GroupKey {
    static final Comparator<GroupKey> ORDER = (a, b) -> Arrays.compare(a.values, b.values);

    final String[] values;
    private int hash;

    GroupKey(String[] values) {
      this.values = values;
      rehash();
    }

    void rehash() {
      hash = Arrays.hashCode(values);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof GroupKey other && Arrays.equals(values, other.values);
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }
}
