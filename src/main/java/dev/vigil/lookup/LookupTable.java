package dev.vigil.lookup;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * A CSV lookup table with the match options of its security_content YAML (SEMANTICS §4.6):
 * {@code match_type: WILDCARD(f)} makes column f's values {@code *} patterns, {@code case_sensitive_match:
 * 'false'} makes matching ignore case, {@code min_matches}/{@code default_match} pad with the default when
 * fewer rows match, {@code max_matches} keeps the first n matching rows in file order.

 */
public final class LookupTable {
  public static final int DEFAULT_MAX_MATCHES = 1000;

  private final String name;
  private final String filename;
  private final List<String> columns;
  private final List<Map<String, String>> rows;
  private final Set<String> wildcardFields;
  private final boolean caseSensitive;
  private final Optional<String> defaultMatch;
  private final int minMatches;
  private final int maxMatches;
  private final Map<String, Pattern> patterns = new ConcurrentHashMap<>();

  public LookupTable(String name, String filename, List<String> columns, List<Map<String, String>> rows,
                     Set<String> wildcardFields, boolean caseSensitive, Optional<String> defaultMatch,
                     int minMatches, int maxMatches) {
    this.name = name;
    this.filename = filename;
    this.columns = List.copyOf(columns);
    this.rows = rows.stream().map(r -> Collections.unmodifiableMap(new LinkedHashMap<>(r))).toList();
    this.wildcardFields = Set.copyOf(wildcardFields);
    this.caseSensitive = caseSensitive;
    this.defaultMatch = defaultMatch;
    this.minMatches = minMatches;
    this.maxMatches = maxMatches;
  }

  public String name() {
    return name;
  }

  public String filename() {
    return filename;
  }

  public List<String> columns() {
    return columns;
  }

  /** Each row's values by column, in file order; a short row lacks the missing columns. */
  public List<Map<String, String>> rows() {
    return rows;
  }

  public Set<String> wildcardFields() {
    return wildcardFields;
  }

  public boolean caseSensitive() {
    return caseSensitive;
  }

  public Optional<String> defaultMatch() {
    return defaultMatch;
  }

  public int minMatches() {
    return minMatches;
  }

  public int maxMatches() {
    return maxMatches;
  }

  /** A table with Splunk's default options: exact, case-sensitive, no default, up to 1000 matches. */
  public static LookupTable plain(String name, List<String> columns, List<List<String>> rows) {
    return new LookupTable(name, name + ".csv", columns, toMaps(columns, rows), Set.of(), true, Optional.empty(),
        0, DEFAULT_MAX_MATCHES);
  }

  static List<Map<String, String>> toMaps(List<String> columns, List<List<String>> records) {
    List<Map<String, String>> rows = new ArrayList<>(records.size());
    for (List<String> record : records) {
      Map<String, String> row = new LinkedHashMap<>();
      for (int c = 0; c < columns.size() && c < record.size(); c++) {
        row.put(columns.get(c), record.get(c));
      }
      rows.add(row);
    }
    return rows;
  }

  public boolean hasColumn(String column) {
    return columns.contains(column);
  }

  /**
   * The rows whose every input column matches one of the given values (a multivalue input matches when any of
   * its values does), at most {@code maxMatches} in file order, then padded with rows whose every column is
   * {@code defaultMatch} up to {@code minMatches}. An input column with no values matches no row.
   *
   * @param inputs lookup column → the event's values for it
   */
  public List<Map<String, String>> match(Map<String, List<String>> inputs) {
    List<Map<String, String>> matched = new ArrayList<>();
    List<Map.Entry<String, List<Matcher>>> compiled = new ArrayList<>();
    for (Map.Entry<String, List<String>> input : inputs.entrySet()) {
      compiled.add(Map.entry(input.getKey(), input.getValue().stream().map(v -> new Matcher(v)).toList()));
    }
    for (Map<String, String> row : rows) {
      if (matched.size() >= maxMatches) {
        break;
      }
      boolean all = true;
      for (Map.Entry<String, List<Matcher>> input : compiled) {
        String cell = row.get(input.getKey());
        if (cell == null || input.getValue().stream().noneMatch(m -> m.matches(input.getKey(), cell))) {
          all = false;
          break;
        }
      }
      if (all) {
        matched.add(row);
      }
    }
    if (defaultMatch.isPresent()) {
      while (matched.size() < minMatches) {
        Map<String, String> fill = new LinkedHashMap<>();
        columns.forEach(c -> fill.put(c, defaultMatch.get()));
        matched.add(fill);
      }
    }
    return matched;
  }

  /** One event value, compared with a column's cells as that column's options say. */
  private final class Matcher {
    private final String value;

    Matcher(String value) {
      this.value = value;
    }

    boolean matches(String column, String cell) {
      if (wildcardFields.contains(column) && cell.indexOf('*') >= 0) {
        return wildcard(cell).matcher(value).matches();
      }
      return caseSensitive ? cell.equals(value) : cell.toLowerCase(Locale.ROOT).equals(value.toLowerCase(Locale.ROOT));
    }
  }

  private Pattern wildcard(String cell) {
    return patterns.computeIfAbsent(cell, c -> {
      StringBuilder regex = new StringBuilder();
      for (String part : c.split("\\*", -1)) {
        if (regex.length() > 0) {
          regex.append(".*");
        }
        regex.append(Pattern.quote(part));
      }
      return Pattern.compile(regex.toString(),
          Pattern.DOTALL | (caseSensitive ? 0 : Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
    });
  }
}
