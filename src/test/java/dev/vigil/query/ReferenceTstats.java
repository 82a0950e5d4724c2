package dev.vigil.query;

import dev.vigil.ingest.ProcessEvent;
import dev.vigil.plan.Filter;
import dev.vigil.plan.TstatsPlan;
import dev.vigil.plan.WildcardPattern;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The deliberately simple tstats backend the contract suites check the others against: a list of events,
 * each plan evaluated on every one of them with SEMANTICS §4.3 written as plainly as it can be. It shares
 * nothing with the Lucene backend but the plan and {@link TstatsGroups}.
 */
public final class ReferenceTstats implements TstatsBackend {
  /** An event as the data model sees it: CIM field → value (source and sourcetype too), and its time. */
  private record Event(long timeMillis, Map<String, String> fields) {}

  private final List<Event> events = new ArrayList<>();

  public ReferenceTstats(List<ProcessEvent> processEvents) {
    for (ProcessEvent event : processEvents) {
      Map<String, String> fields = new HashMap<>(event.fields());
      fields.put("source", event.source());
      fields.put("sourcetype", event.sourcetype());
      events.add(new Event(event.timeMillis(), fields));
    }
  }

  @Override
  public List<Row> tstats(TstatsPlan plan) {
    TstatsGroups groups = new TstatsGroups(plan);
    List<String> fields = plan.eventFields();
    for (Event event : events) {
      if (matches(plan.filter(), event)) {
        String[] values = new String[fields.size()];
        for (int i = 0; i < values.length; i++) {
          values[i] = event.fields().get(fields.get(i));
        }
        groups.add(event.timeMillis(), values);
      }
    }
    return groups.rows();
  }

  private static boolean matches(Filter filter, Event event) {
    if (filter instanceof Filter.MatchAll) {
      return true;
    } else if (filter instanceof Filter.Term term) {
      return equalIgnoringCase(event.fields().get(term.field()), term.value());
    } else if (filter instanceof Filter.TermsInSet set) {
      return set.values().stream().anyMatch(v -> equalIgnoringCase(event.fields().get(set.field()), v));
    } else if (filter instanceof Filter.Wildcard wildcard) {
      String value = event.fields().get(wildcard.field());
      return value != null && wildcard.patterns().stream().anyMatch(p -> glob(p, value));
    } else if (filter instanceof Filter.Exists exists) {
      return event.fields().get(exists.field()) != null;
    } else if (filter instanceof Filter.TimeRange range) {
      return range.earliest().toEpochMilli() <= event.timeMillis() && event.timeMillis() < range.latest().toEpochMilli();
    } else if (filter instanceof Filter.Not not) {
      return !matches(not.operand(), event);
    } else if (filter instanceof Filter.And and) {
      return and.operands().stream().allMatch(operand -> matches(operand, event));
    }
    return ((Filter.Or) filter).operands().stream().anyMatch(operand -> matches(operand, event));
  }

  private static boolean equalIgnoringCase(String value, String wanted) {
    return value != null && lower(value).equals(lower(wanted));
  }

  /** {@code *} is any run of characters; every other character, a backslash too, stands for itself. */
  private static boolean glob(WildcardPattern pattern, String value) {
    String regex = Arrays.stream(lower(pattern.source()).split("\\*", -1)).map(Pattern::quote)
        .collect(Collectors.joining(".*"));
    return Pattern.compile(regex, Pattern.DOTALL).matcher(lower(value)).matches();
  }

  private static String lower(String text) {
    return text.toLowerCase(Locale.ROOT);
  }
}
