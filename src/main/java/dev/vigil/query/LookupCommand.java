package dev.vigil.query;

import dev.vigil.lookup.LookupTable;
import dev.vigil.spl.Command;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code lookup t f [AS g] … [OUTPUT|OUTPUTNEW c [AS d] …]} (SEMANTICS §4.6). A row matches the table rows
 * whose every input column matches the row's field (with the table's wildcard, case and min/max options, see
 * {@link LookupTable#match}); a row without an input field matches nothing. Each output field takes the
 * matched rows' values (several rows make a multivalue field). OUTPUT replaces the field, and removes it when
 * nothing matched; OUTPUTNEW writes only fields the row does not have yet. Without an output clause every
 * column that is not an input is written as with OUTPUT.
 */
final class LookupCommand {
  private LookupCommand() {}

  static void apply(Command.Lookup lookup, LookupTable table, List<Row> rows) {
    List<Command.FieldMapping> outputs = outputs(lookup, table);
    for (Row row : rows) {
      Map<String, List<String>> inputs = new LinkedHashMap<>();
      for (Command.FieldMapping input : lookup.inputs()) {
        inputs.put(input.column(), row.values(input.field())); // absent: no values, so no row matches
      }
      List<Map<String, String>> matches = table.match(inputs);
      for (Command.FieldMapping output : outputs) {
        if (lookup.outputNew() && row.has(output.field())) {
          continue;
        }
        List<String> values = new ArrayList<>();
        for (Map<String, String> match : matches) {
          String value = match.get(output.column());
          if (value != null && !value.isEmpty()) {
            values.add(value);
          }
        }
        row.putValues(output.field(), values);
      }
    }
  }

  static List<Command.FieldMapping> outputs(Command.Lookup lookup, LookupTable table) {
    if (!lookup.outputs().isEmpty()) {
      return lookup.outputs();
    }
    List<String> inputColumns = lookup.inputs().stream().map(Command.FieldMapping::column).toList();
    return table.columns().stream().filter(c -> !inputColumns.contains(c))
        .map(c -> new Command.FieldMapping(c, c)).toList();
  }
}
