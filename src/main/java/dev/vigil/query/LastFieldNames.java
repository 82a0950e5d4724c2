package dev.vigil.query;

import java.util.List;
import java.util.function.Function;

/**
 * What a command works out from a row's field names, kept for the next row: the rows of a result set mostly
 * have the same fields in the same order, so a {@code rename} or {@code table} works out its change once
 * rather than once per row.
 */
final class LastFieldNames<T> {
  private final Function<List<String>, T> workOut;
  private List<String> names;
  private T result;

  LastFieldNames(Function<List<String>, T> workOut) {
    this.workOut = workOut;
  }

  T of(Row row) {
    List<String> current = List.copyOf(row.fieldNames());
    if (!current.equals(names)) {
      names = current;
      result = workOut.apply(current);
    }
    return result;
  }
}
