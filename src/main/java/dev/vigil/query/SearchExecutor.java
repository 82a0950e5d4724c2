package dev.vigil.query;

import dev.vigil.spl.Command;
import dev.vigil.spl.Pipeline;
import dev.vigil.time.Window;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs a parsed search over one window: the opening {@code tstats} on the backend, then each later command
 * over the rows (SEMANTICS §4.5).
 */
public final class SearchExecutor {
  private final TstatsBackend backend;
  private final ZoneId zone;

  public SearchExecutor(TstatsBackend backend, ZoneId zone) {
    this.backend = backend;
    this.zone = zone;
  }

  /**
   * @param spl the macro-expanded text the pipeline was parsed from, for errors found while running
   */
  public List<Row> execute(Pipeline pipeline, Window window, String spl) throws IOException {
    if (!(pipeline.first() instanceof Command.Tstats tstats)) {
      throw new UnsupportedOperationException("a Vigil search starts with | tstats");
    }
    List<Row> rows = backend.tstats(tstats, window);
    ExprEvaluator evaluator = new ExprEvaluator(spl);
    for (Command command : pipeline.rest()) {
      rows = apply(command, rows, evaluator);
    }
    return rows;
  }

  private List<Row> apply(Command command, List<Row> rows, ExprEvaluator evaluator) {
    if (command instanceof Command.Rename rename) {
      rows.forEach(row -> rename(rename, row));
    } else if (command instanceof Command.Convert convert) {
      StrfTime format = new StrfTime(convert.timeformat());
      rows.forEach(row -> convert(convert, format, row));
    } else if (command instanceof Command.Search search) {
      Predicate<Row> matcher = RowMatcher.compile(search.expression());
      rows = rows.stream().filter(matcher).toList();
    } else if (command instanceof Command.Where where) {
      rows = rows.stream().filter(row -> ExprEvaluator.truth(evaluator.evaluate(where.expression(), row))).toList();
    } else if (command instanceof Command.Eval eval) {
      rows.forEach(row -> eval(eval, row, evaluator));
    } else if (command instanceof Command.Table table) {
      rows.forEach(row -> row.project(matchingFields(table.fields(), row)));
    } else if (command instanceof Command.Fields fields) {
      for (Row row : rows) {
        List<String> named = matchingFields(fields.fields(), row);
        if (fields.remove()) {
          named.forEach(row::remove);
        } else {
          row.project(named);
        }
      }
    } else {
      throw new UnsupportedOperationException("a search can use " + command.getClass().getSimpleName()
          + " only as its first command");
    }
    return new ArrayList<>(rows);
  }

  /** Renames with {@code *} wildcards: each {@code *} of the new name takes what the old one's matched. */
  private static void rename(Command.Rename rename, Row row) {
    for (Command.Renaming renaming : rename.renamings()) {
      if (!renaming.from().contains("*")) {
        row.rename(renaming.from(), renaming.to());
        continue;
      }
      Pattern from = fieldPattern(renaming.from());
      for (String field : List.copyOf(row.fieldNames())) {
        Matcher m = from.matcher(field);
        if (m.matches()) {
          StringBuilder to = new StringBuilder();
          int group = 1;
          for (char c : renaming.to().toCharArray()) {
            if (c == '*' && group <= m.groupCount()) {
              to.append(m.group(group++));
            } else {
              to.append(c);
            }
          }
          row.rename(field, to.toString());
        }
      }
    }
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

  /** The row's fields named by a list that may hold {@code *} patterns, in the list's order. */
  private static List<String> matchingFields(List<String> names, Row row) {
    Set<String> matched = new LinkedHashSet<>();
    for (String name : names) {
      if (name.contains("*")) {
        Pattern pattern = fieldPattern(name);
        row.fieldNames().stream().filter(f -> pattern.matcher(f).matches()).forEach(matched::add);
      } else if (row.has(name)) {
        matched.add(name);
      }
    }
    return new ArrayList<>(matched);
  }

  private static Pattern fieldPattern(String wildcard) {
    StringBuilder regex = new StringBuilder();
    for (String part : wildcard.split("\\*", -1)) {
      if (regex.length() > 0) {
        regex.append("(.*)");
      }
      regex.append(Pattern.quote(part));
    }
    return Pattern.compile(regex.toString());
  }
}
