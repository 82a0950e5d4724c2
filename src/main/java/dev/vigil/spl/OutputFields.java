package dev.vigil.spl;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fields a search's rows can have, worked out from the pipeline without running it, so that a risk object
 * or message token that no row can carry is found when the rule loads rather than by risk events that never
 * appear (SEMANTICS §5.1). Where a command's output is not known statically ({@code inputlookup}, a
 * {@code lookup} without {@code OUTPUT}, a command this analysis does not model) the result is open: the known
 * fields are certain, others may exist.
 *
 * @param fields the fields rows may carry
 * @param open   whether rows may carry other fields too
 * @param why    for an open result, the command that opened it
 */
public record OutputFields(Set<String> fields, boolean open, String why) {
  public OutputFields {
    fields = Set.copyOf(fields);
  }

  /** Whether a row can carry {@code field}: yes, no, or unknown (empty) for an open result. */
  public Optional<Boolean> has(String field) {
    if (fields.contains(field)) {
      return Optional.of(true);
    }
    return open ? Optional.empty() : Optional.of(false);
  }

  /** The known fields, sorted, for messages. */
  public String listed() {
    return String.join(", ", new TreeSet<>(fields));
  }

  public static OutputFields of(Pipeline pipeline) {
    Set<String> fields = new LinkedHashSet<>();
    String openedBy = null;
    for (Command command : pipeline.commands()) {
      if (command instanceof Command.Tstats tstats) {
        fields.addAll(tstats.groupBy());
        tstats.aggregations().forEach(a -> fields.add(a.outputName()));
      } else if (command instanceof Command.Stats stats) {
        fields.clear();
        openedBy = null;
        fields.addAll(stats.groupBy());
        stats.aggregations().forEach(a -> fields.add(a.outputName()));
      } else if (command instanceof Command.Rename rename) {
        rename.renamings().forEach(r -> rename(fields, r));
      } else if (command instanceof Command.Convert convert) {
        for (Command.Conversion conversion : convert.conversions()) {
          conversion.as().filter(as -> fields.contains(conversion.field())).ifPresent(fields::add);
        }
      } else if (command instanceof Command.Eval eval) {
        eval.assignments().forEach(a -> fields.add(a.field()));
      } else if (command instanceof Command.Table table) {
        if (table.fields().contains("*")) {
          continue;
        }
        fields.retainAll(matching(fields, table.fields()));
      } else if (command instanceof Command.Fields select) {
        Set<String> matched = matching(fields, select.fields());
        if (select.remove()) {
          fields.removeAll(matched);
        } else if (!select.fields().contains("*")) {
          fields.retainAll(matched);
        }
      } else if (command instanceof Command.Lookup lookup) {
        if (lookup.outputs().isEmpty()) {
          openedBy = "lookup " + lookup.table() + " without OUTPUT";
        }
        lookup.outputs().forEach(o -> fields.add(o.field()));
      } else if (command instanceof Command.Inputlookup inputlookup) {
        openedBy = "inputlookup " + inputlookup.table();
      } else if (command instanceof Command.Rex rex) {
        fields.addAll(rex.regex().groupFields());
      } else if (command instanceof Command.Eventstats eventstats) {
        eventstats.aggregations().forEach(a -> fields.add(a.outputName()));
      } else if (command instanceof Command.Fillnull fillnull) {
        fields.addAll(fillnull.fields());
      } else if (command instanceof Command.Bin bin) {
        if (bin.as() != null && fields.contains(bin.field())) {
          fields.add(bin.as());
        }
      } else if (command instanceof Command.Transaction) {
        fields.add("eventcount");
        fields.add("duration");
      } else if (command instanceof Command.Join join) {
        OutputFields joined = of(join.subsearch());
        fields.addAll(joined.fields());
        if (joined.open()) {
          openedBy = "join over a subsearch whose fields are unknown (" + joined.why() + ")";
        }
      } else if (!rowFilter(command)) {
        openedBy = command.getClass().getSimpleName().toLowerCase(Locale.ROOT);
      }
    }
    return new OutputFields(fields, openedBy != null, openedBy);
  }

  /** Commands that keep or drop rows, or change values, but add no field. */
  private static boolean rowFilter(Command command) {
    return command instanceof Command.Search || command instanceof Command.Where || command instanceof Command.Dedup
        || command instanceof Command.Regex || command instanceof Command.RexSed || command instanceof Command.Sort
        || command instanceof Command.Head;
  }

  /** As the rename command: {@code *} in the new name takes what it matched in the old; onto a field replaces it. */
  private static void rename(Set<String> fields, Command.Renaming renaming) {
    if (!renaming.from().contains("*")) {
      if (fields.remove(renaming.from())) {
        fields.add(renaming.to());
      }
      return;
    }
    Pattern from = fieldNamePattern(renaming.from());
    for (String field : new ArrayList<>(fields)) {
      Matcher m = from.matcher(field);
      if (m.matches()) {
        StringBuilder to = new StringBuilder();
        int group = 1;
        for (char c : renaming.to().toCharArray()) {
          to.append(c == '*' && group <= m.groupCount() ? m.group(group++) : String.valueOf(c));
        }
        fields.remove(field);
        fields.add(to.toString());
      }
    }
  }

  private static Set<String> matching(Set<String> fields, List<String> patterns) {
    Set<String> matched = new LinkedHashSet<>();
    for (String pattern : patterns) {
      Pattern glob = fieldNamePattern(pattern);
      fields.stream().filter(f -> glob.matcher(f).matches()).forEach(matched::add);
    }
    return matched;
  }

  /**
   * A field name as {@code table}, {@code fields} and {@code rename} take it: each {@code *} matches any run of
   * characters, case-sensitively, and is a capturing group (which {@code rename} copies into the new name).
   */
  public static Pattern fieldNamePattern(String pattern) {
    StringBuilder regex = new StringBuilder();
    for (String part : pattern.split("\\*", -1)) {
      if (regex.length() > 0) {
        regex.append("(.*)");
      }
      regex.append(Pattern.quote(part));
    }
    return Pattern.compile(regex.toString());
  }
}
