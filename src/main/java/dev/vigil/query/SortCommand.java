package dev.vigil.query;

import dev.vigil.spl.Command;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * {@code sort} [Splunk, sort]: stable, key by key. In the default (auto) order two numbers compare as numbers,
 * a number sorts before text, and text compares lexicographically, as with {@code str()}: by character code,
 * so upper case before lower case; {@code num()} is auto. A row lacking the field
 * sorts after the rows that have it, in either direction [Vigil]; a multivalue field sorts by its first value.
 */
final class SortCommand {
  private SortCommand() {}

  static List<Row> apply(Command.Sort sort, List<Row> rows) {
    Comparator<Row> order = null;
    for (Command.SortKey key : sort.keys()) {
      Comparator<Row> byKey = (a, b) -> compare(key, a.first(key.field()), b.first(key.field()));
      order = order == null ? byKey : order.thenComparing(byKey);
    }
    List<Row> sorted = new ArrayList<>(rows);
    sorted.sort(order);
    return sort.limit() == 0 || sorted.size() <= sort.limit() ? sorted : new ArrayList<>(sorted.subList(0, sort.limit()));
  }

  private static int compare(Command.SortKey key, String a, String b) {
    if (a == null || b == null) {
      return a == null ? (b == null ? 0 : 1) : -1;
    }
    int c = switch (key.order()) {
      case STR -> a.compareTo(b);
      case AUTO -> {
        Double x = Values.parseNumber(a);
        Double y = Values.parseNumber(b);
        if (x != null && y != null) {
          yield Double.compare(x, y);
        }
        if (x != null || y != null) {
          yield x != null ? -1 : 1;
        }
        yield a.compareTo(b);
      }
    };
    return key.descending() ? -c : c;
  }
}
