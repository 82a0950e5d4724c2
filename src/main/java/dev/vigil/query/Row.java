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
  private LinkedHashMap<String, Object> fields;

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

  /** Keeps only {@code names}, in that order. */
  void project(List<String> names) {
    keepRenamed(names, names);
  }

  /** Keeps only the fields named in {@code from}, in that order, each under the name at its place in {@code to}. */
  void keepRenamed(List<String> from, List<String> to) {
    LinkedHashMap<String, Object> kept = new LinkedHashMap<>(from.size() * 4 / 3 + 1);
    for (int i = 0; i < from.size(); i++) {
      Object value = fields.get(from.get(i));
      if (value != null) {
        kept.put(to.get(i), value);
      }
    }
    fields = kept;
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
