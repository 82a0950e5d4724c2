package dev.vigil.query;

import dev.vigil.spl.Aggregation;
import dev.vigil.store.EventSchema;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SimpleCollector;
import org.apache.lucene.util.BytesRef;

/**
 * Groups matching events by the tstats {@code by} fields and feeds each group's accumulators. Field values
 * come from sorted doc values; each segment decodes a distinct value once (per ordinal), and the group
 * lookup reuses one scratch key, so an event that joins an existing group allocates nothing.
 */
final class GroupingCollector extends SimpleCollector {
  private static final String TIME = EventSchema.TIME;

  private final List<String> groupByNames;
  private final List<String> groupByFields;
  private final long spanMillis;
  private final Optional<String> fillnull;
  private final List<Aggregation> aggregations;
  private final List<Optional<String>> aggregatedFields;
  private final Map<GroupKey, Accumulator[]> groups = new HashMap<>();
  private final GroupKey scratch;
  private final boolean[] overTime;

  private NumericDocValues times;
  private final FieldReader[] groupReaders;
  private final FieldReader[] aggregateReaders;

  GroupingCollector(List<String> groupByNames, List<String> groupByFields, Optional<Duration> span,
                    Optional<String> fillnull, List<Aggregation> aggregations, List<Optional<String>> aggregatedFields) {
    this.groupByNames = groupByNames;
    this.groupByFields = groupByFields;
    this.spanMillis = span.map(Duration::toMillis).orElse(1000L);
    this.fillnull = fillnull;
    this.aggregations = aggregations;
    this.aggregatedFields = aggregatedFields;
    this.scratch = new GroupKey(new String[groupByFields.size()]);
    this.groupReaders = new FieldReader[groupByFields.size()];
    this.aggregateReaders = new FieldReader[aggregations.size()];
    this.overTime = new boolean[aggregations.size()];
    for (int i = 0; i < overTime.length; i++) {
      overTime[i] = aggregatedFields.get(i).map(TIME::equals).orElse(false);
    }
  }

  @Override
  public ScoreMode scoreMode() {
    return ScoreMode.COMPLETE_NO_SCORES;
  }

  @Override
  protected void doSetNextReader(LeafReaderContext context) throws IOException {
    times = DocValues.getNumeric(context.reader(), TIME);
    for (int i = 0; i < groupReaders.length; i++) {
      String field = groupByFields.get(i);
      groupReaders[i] = field.equals(TIME) ? null : new FieldReader(DocValues.getSorted(context.reader(), field));
    }
    for (int i = 0; i < aggregateReaders.length; i++) {
      Optional<String> field = aggregatedFields.get(i);
      aggregateReaders[i] = field.isEmpty() || field.get().equals(TIME)
          ? null
          : new FieldReader(DocValues.getSorted(context.reader(), field.get()));
    }
  }

  @Override
  public void collect(int doc) throws IOException {
    long time = times.advanceExact(doc) ? times.longValue() : 0L;
    String[] key = scratch.values;
    for (int i = 0; i < groupReaders.length; i++) {
      String value = groupReaders[i] == null
          ? Long.toString(Math.floorDiv(time, spanMillis) * spanMillis / 1000L)
          : groupReaders[i].valueOf(doc);
      if (value == null) {
        if (fillnull.isEmpty()) {
          return; // Without fillnull_value tstats drops a row whose by-field is null (SEMANTICS §4.1).
        }
        value = fillnull.get();
      }
      key[i] = value;
    }
    scratch.rehash();
    Accumulator[] accumulators = groups.get(scratch);
    if (accumulators == null) {
      accumulators = new Accumulator[aggregations.size()];
      for (int i = 0; i < accumulators.length; i++) {
        accumulators[i] = Accumulator.of(aggregations.get(i), overTime[i]);
      }
      groups.put(new GroupKey(key.clone()), accumulators);
    }
    for (int i = 0; i < accumulators.length; i++) {
      accumulators[i].add(aggregateReaders[i] == null ? null : aggregateReaders[i].valueOf(doc), time);
    }
  }

  /** Folds in the groups another collector built over other segments of the same search. */
  void merge(GroupingCollector other) {
    other.groups.forEach((key, theirs) -> {
      Accumulator[] ours = groups.putIfAbsent(key, theirs);
      if (ours != null) {
        for (int i = 0; i < ours.length; i++) {
          ours[i].merge(theirs[i]);
        }
      }
    });
  }

  /** One row per group, sorted by the group-by values as tstats returns them. */
  List<Row> rows() {
    if (groupByNames.isEmpty() && groups.isEmpty()) {
      // Without by, tstats returns one row even when no event matched: count 0 (SEMANTICS §4.2).
      Accumulator[] accumulators = new Accumulator[aggregations.size()];
      for (int i = 0; i < accumulators.length; i++) {
        accumulators[i] = Accumulator.of(aggregations.get(i), overTime[i]);
      }
      groups.put(new GroupKey(new String[0]), accumulators);
    }
    List<Map.Entry<GroupKey, Accumulator[]>> entries = new ArrayList<>(groups.entrySet());
    entries.sort(Map.Entry.comparingByKey(GroupKey.ORDER));
    List<Row> rows = new ArrayList<>(entries.size());
    for (Map.Entry<GroupKey, Accumulator[]> entry : entries) {
      Row row = new Row();
      for (int i = 0; i < groupByNames.size(); i++) {
        row.put(groupByNames.get(i), entry.getKey().values[i]);
      }
      Accumulator[] accumulators = entry.getValue();
      for (int i = 0; i < accumulators.length; i++) {
        accumulators[i].writeTo(row, aggregations.get(i).outputName());
      }
      rows.add(row);
    }
    return rows;
  }

  /** A segment's values of one field, each ordinal decoded to a String once. */
  private static final class FieldReader {
    private final SortedDocValues values;
    private final String[] decoded;

    FieldReader(SortedDocValues values) {
      this.values = values;
      this.decoded = new String[values.getValueCount()];
    }

    String valueOf(int doc) throws IOException {
      if (!values.advanceExact(doc)) {
        return null;
      }
      int ord = values.ordValue();
      String value = decoded[ord];
      if (value == null) {
        BytesRef bytes = values.lookupOrd(ord);
        value = bytes.utf8ToString();
        decoded[ord] = value;
      }
      return value;
    }
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
