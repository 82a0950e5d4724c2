package dev.vigil.plan;

import dev.vigil.spl.Aggregation;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The explain form of a plan: the filter as an indented tree, then grouping and aggregations. */
final class PlanText {
  private static final String INDENT = "  ";

  private PlanText() {}

  static String of(TstatsPlan plan) {
    StringBuilder text = new StringBuilder("tstats from Endpoint.Processes\n");
    text.append("where\n");
    filter(plan.filter(), 1, text);
    text.append("by").append(plan.groupBy().isEmpty() ? " nothing: one row, even for no events\n" : "\n");
    plan.groupBy().forEach(group -> text.append(INDENT).append(group(group)).append('\n'));
    plan.span().ifPresent(span -> text.append("span ").append(span.toSeconds()).append("s\n"));
    text.append("fillnull_value ").append(plan.fillnull().map(PlanText::quote)
        .orElse("none: an event with a null by-field is dropped")).append('\n');
    text.append("aggregations\n");
    plan.aggregations().forEach(a -> text.append(INDENT).append(aggregation(a)).append('\n'));
    return text.toString();
  }

  private static void filter(Filter filter, int depth, StringBuilder text) {
    text.append(INDENT.repeat(depth));
    if (filter instanceof Filter.MatchAll) {
      text.append("all\n");
    } else if (filter instanceof Filter.Term term) {
      text.append("term ").append(term.field()).append(" = ").append(quote(term.value())).append('\n');
    } else if (filter instanceof Filter.TermsInSet set) {
      text.append("terms-in-set ").append(set.field()).append(' ').append(list(set.values())).append('\n');
    } else if (filter instanceof Filter.Wildcard wildcard) {
      text.append("wildcard ").append(wildcard.field()).append(' ')
          .append(list(wildcard.patterns().stream().map(WildcardPattern::source).toList())).append('\n');
    } else if (filter instanceof Filter.Exists exists) {
      text.append("exists ").append(exists.field()).append('\n');
    } else if (filter instanceof Filter.TimeRange range) {
      text.append("time [").append(range.earliest()).append(", ").append(range.latest()).append(")\n");
    } else if (filter instanceof Filter.Not not) {
      text.append("not\n");
      filter(not.operand(), depth + 1, text);
    } else if (filter instanceof Filter.And and) {
      operands("and", and.operands(), depth, text);
    } else if (filter instanceof Filter.Or or) {
      operands("or", or.operands(), depth, text);
    }
  }

  private static void operands(String name, List<Filter> operands, int depth, StringBuilder text) {
    text.append(name).append(operands.isEmpty() ? " (no operands)\n" : "\n");
    operands.forEach(operand -> filter(operand, depth + 1, text));
  }

  private static String group(TstatsPlan.GroupField group) {
    return group.field().equals(group.outputName()) ? group.field() : group.field() + " as " + group.outputName();
  }

  private static String aggregation(Aggregation aggregation) {
    return aggregation.function().name().toLowerCase(Locale.ROOT)
        + aggregation.field().map(f -> "(" + f + ")").orElse("") + " as " + aggregation.outputName();
  }

  private static String list(List<String> values) {
    return values.stream().map(PlanText::quote).collect(Collectors.joining(", ", "(", ")"));
  }

  /** Double quotes, with {@code \} and {@code "} escaped, so that a value's spaces and edges show. */
  private static String quote(String value) {
    return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }
}
