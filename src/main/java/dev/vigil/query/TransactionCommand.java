package dev.vigil.query;

import dev.vigil.spl.Command;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * {@code transaction f} [Splunk, transaction]: the rows with the same value of f, taken newest first as Splunk
 * reads events, form one transaction while the pause between a row and the next newer one is at most
 * {@code maxpause} and the transaction spans less than {@code maxspan}. A transaction is one row: every field
 * of its members, a field with several values holding them distinct and sorted (Splunk's default
 * {@code mvlist=false}), {@code _time} of the earliest member, {@code duration} (seconds from the earliest to
 * the latest member) and {@code eventcount}. Transactions come out by {@code _time}, newest first. A row without f belongs to no
 * transaction and is dropped [Vigil].
 */
final class TransactionCommand {
  private TransactionCommand() {}

  private record Member(Row row, double time) {}

  static List<Row> apply(Command.Transaction transaction, List<Row> rows) {
    String field = transaction.fields().get(0);
    Map<List<String>, List<Member>> byValue = new LinkedHashMap<>();
    for (Row row : rows) {
      List<String> value = row.values(field);
      if (value.isEmpty()) {
        continue;
      }
      Double time = Values.parseNumber(row.first("_time"));
      if (time == null) {
        throw new IllegalArgumentException("transaction needs _time on every row; a row has none: " + row);
      }
      byValue.computeIfAbsent(value, v -> new ArrayList<>()).add(new Member(row, time));
    }
    List<List<Member>> transactions = new ArrayList<>();
    double maxPause = seconds(transaction.maxpause().orElse(null));
    double maxSpan = seconds(transaction.maxspan().orElse(null));
    for (List<Member> members : byValue.values()) {
      members.sort(Comparator.comparingDouble(Member::time).reversed());
      List<Member> open = new ArrayList<>();
      for (Member member : members) {
        if (!open.isEmpty()) {
          double pause = open.get(open.size() - 1).time() - member.time();
          double span = open.get(0).time() - member.time();
          if (pause > maxPause || span >= maxSpan) {
            transactions.add(open);
            open = new ArrayList<>();
          }
        }
        open.add(member);
      }
      transactions.add(open);
    }
    transactions.sort(Comparator.comparingDouble((List<Member> t) -> t.get(t.size() - 1).time()).reversed());
    return transactions.stream().map(TransactionCommand::merge).toList();
  }

  private static double seconds(Duration limit) {
    return limit == null ? Double.POSITIVE_INFINITY : limit.toMillis() / 1000.0;
  }

  /** @param members newest first */
  private static Row merge(List<Member> members) {
    Map<String, TreeSet<String>> values = new LinkedHashMap<>();
    for (int i = members.size() - 1; i >= 0; i--) {
      Row row = members.get(i).row();
      for (String name : row.fieldNames()) {
        values.computeIfAbsent(name, n -> new TreeSet<>()).addAll(row.values(name));
      }
    }
    Row merged = new Row();
    values.forEach((name, set) -> merged.putValues(name, List.copyOf(set)));
    double earliest = members.get(members.size() - 1).time();
    merged.put("_time", Values.format(earliest));
    merged.put("duration", Values.format(members.get(0).time() - earliest));
    merged.put("eventcount", Integer.toString(members.size()));
    return merged;
  }
}
