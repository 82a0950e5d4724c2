package dev.vigil.query;

import dev.vigil.spl.Aggregation;
import dev.vigil.spl.Command;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code stats} over result rows (SEMANTICS §4.2, §4.5), with the same aggregations as tstats. A row whose
 * by-field is absent joins no group; a multivalue by-field puts the row in one group per value. Groups come
 * out sorted by their by-values; without {@code by} there is exactly one row, even over no rows
 * ({@code count} 0), as in Splunk.
 */
final class StatsCommand {
  private StatsCommand() {}

  static List<Row> apply(Command.Stats stats, List<Row> rows) {
    List<Aggregation> aggregations = stats.aggregations();
    List<String> by = stats.groupBy();
    Map<List<String>, Accumulator[]> groups = groups(aggregations, by, rows);
    if (by.isEmpty() && groups.isEmpty()) {
      groups.put(List.of(), fresh(aggregations));
    }
    List<Map.Entry<List<String>, Accumulator[]>> entries = new ArrayList<>(groups.entrySet());
    entries.sort((a, b) -> Arrays.compare(a.getKey().toArray(new String[0]), b.getKey().toArray(new String[0])));
    List<Row> out = new ArrayList<>(entries.size());
    for (Map.Entry<List<String>, Accumulator[]> entry : entries) {
      Row result = new Row();
      for (int i = 0; i < by.size(); i++) {
        result.put(by.get(i), entry.getKey().get(i));
      }
      write(aggregations, entry.getValue(), result);
      out.add(result);
    }
    return out;
  }

  /**
   * eventstats: each row gets its group's aggregations, in place and in order; a row that joins no group (a
   * by-field is absent) gets none. A row in several groups (a multivalue by-field) gets its first group's.
   */
  static void addTo(Command.Eventstats eventstats, List<Row> rows) {
    List<Aggregation> aggregations = eventstats.aggregations();
    Map<List<String>, Accumulator[]> groups = groups(aggregations, eventstats.groupBy(), rows);
    Map<List<String>, Row> results = new HashMap<>();
    groups.forEach((key, accumulators) -> results.put(key, write(aggregations, accumulators, new Row())));
    for (Row row : rows) {
      List<List<String>> keys = keys(row, eventstats.groupBy());
      if (!keys.isEmpty()) {
        Row result = results.get(keys.get(0));
        result.fieldNames().forEach(field -> row.putValues(field, result.values(field)));
      }
    }
  }

  private static Row write(List<Aggregation> aggregations, Accumulator[] accumulators, Row result) {
    for (int i = 0; i < aggregations.size(); i++) {
      accumulators[i].writeTo(result, aggregations.get(i).outputName());
    }
    return result;
  }

  private static Map<List<String>, Accumulator[]> groups(List<Aggregation> aggregations, List<String> by,
                                                         List<Row> rows) {
    Map<List<String>, Accumulator[]> groups = new LinkedHashMap<>();
    long order = 0;
    for (Row row : rows) {
      long time = time(row, order++);
      for (List<String> key : keys(row, by)) {
        Accumulator[] accumulators = groups.computeIfAbsent(key, k -> fresh(aggregations));
        for (int i = 0; i < accumulators.length; i++) {
          Aggregation aggregation = aggregations.get(i);
          List<String> values = aggregation.field().map(row::values).orElse(List.of());
          if (values.isEmpty()) {
            accumulators[i].add(null, time);
          } else {
            for (String value : values) {
              accumulators[i].add(value, time);
            }
          }
        }
      }
    }
    return groups;
  }

  private static Accumulator[] fresh(List<Aggregation> aggregations) {
    Accumulator[] accumulators = new Accumulator[aggregations.size()];
    for (int i = 0; i < accumulators.length; i++) {
      accumulators[i] = Accumulator.of(aggregations.get(i), false);
    }
    return accumulators;
  }

  /** The row's time for earliest/latest: its {@code _time} in epoch seconds, else its position. */
  private static long time(Row row, long position) {
    Double seconds = Values.parseNumber(row.first("_time"));
    return seconds == null ? position : Math.round(seconds * 1000);
  }

  /** Every combination of the by-fields' values; none when a by-field is absent. */
  private static List<List<String>> keys(Row row, List<String> by) {
    List<List<String>> keys = new ArrayList<>();
    keys.add(List.of());
    for (String field : by) {
      List<String> values = row.values(field);
      if (values.isEmpty()) {
        return List.of();
      }
      List<List<String>> extended = new ArrayList<>(keys.size() * values.size());
      for (List<String> key : keys) {
        for (String value : new java.util.LinkedHashSet<>(values)) {
          List<String> k = new ArrayList<>(key);
          k.add(value);
          extended.add(List.copyOf(k));
        }
      }
      keys = extended;
    }
    return keys;
  }
}
