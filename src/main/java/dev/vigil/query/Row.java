package dev.vigil.query;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One result row: ordered fields whose values are a single string or, for multivalue fields such as the
 * output of {@code values()}, a list of strings. Like Splunk, values are text; commands that compare
 * numbers parse them.
 */
public final class Row {
  private final LinkedHashMap<String, Object> fields;

  public Row() {
    this.fields = new LinkedHashMap<>();
  }

  public Row(Row other) {
    this.fields = new LinkedHashMap<>(other.fields);
  }

  /** The value: a String, an unmodifiable List of String, or null when the field is absent. */
  public Object get(String field) {
    return fields.get(field);
  }

  /** The values of a field as a list: empty when absent, one element for a single value. */
  public List<String> values(String field) {
    Object value = fields.get(field);
    if (value == null) {
      return List.of();
    }
    if (value instanceof String s) {
      return List.of(s);
    }
    @SuppressWarnings("unchecked")
    List<String> list = (List<String>) value;
    return list;
  }

  /** The first value, or null. */
  public String first(String field) {
    List<String> values = values(field);
    return values.isEmpty() ? null : values.get(0);
  }

  public boolean has(String field) {
    return fields.containsKey(field);
  }

  public Row put(String field, String value) {
    fields.put(field, value);
    return this;
  }

  /** A multivalue field; one value is stored as a single value, none removes the field. */
  public Row putValues(String field, List<String> values) {
    if (values.isEmpty()) {
      fields.remove(field);
    } else if (values.size() == 1) {
      fields.put(field, values.get(0));
    } else {
      fields.put(field, Collections.unmodifiableList(new ArrayList<>(values)));
    }
    return this;
  }

  /** Renames a field in place, keeping its position; a field already named {@code to} is replaced. */
  void rename(String from, String to) {
    if (from.equals(to) || !fields.containsKey(from)) {
      return;
    }
    fields.remove(to);
    LinkedHashMap<String, Object> renamed = new LinkedHashMap<>();
    fields.forEach((name, value) -> renamed.put(name.equals(from) ? to : name, value));
    fields.clear();
    fields.putAll(renamed);
  }

  /** Keeps only {@code names}, in that order. */
  void project(List<String> names) {
    LinkedHashMap<String, Object> kept = new LinkedHashMap<>();
    for (String name : names) {
      Object value = fields.get(name);
      if (value != null) {
        kept.put(name, value);
      }
    }
    fields.clear();
    fields.putAll(kept);
  }

  public void remove(String field) {
    fields.remove(field);
  }

  public Set<String> fieldNames() {
    return Collections.unmodifiableSet(fields.keySet());
  }

  /** The fields as an ordered map, for printing as JSON. */
  public Map<String, Object> asMap() {
    return Collections.unmodifiableMap(fields);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Row other && fields.equals(other.fields);
  }

  @Override
  public int hashCode() {
    return fields.hashCode();
  }

  @Override
  public String toString() {
    return fields.toString();
  }
}
