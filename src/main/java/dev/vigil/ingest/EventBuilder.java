package dev.vigil.ingest;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Collects one event's CIM fields, then applies the data model's calculated fields (SEMANTICS §3.2).
 * Empty values count as missing, as in the data model's {@code isnull(f) OR f=""} tests.
 */
final class EventBuilder {
  private final Map<String, String> fields = new HashMap<>();

  EventBuilder put(String field, String value) {
    if (value != null && !value.isEmpty()) {
      fields.put(field, value);
    }
    return this;
  }

  /** Puts the text after the last {@code \} or {@code /} of {@code path}. */
  EventBuilder putFileName(String field, String path) {
    return put(field, fileName(path));
  }

  boolean has(String field) {
    return fields.containsKey(field);
  }

  ProcessEvent build(long timeMillis, String source, String sourcetype, String raw) {
    // Names first: they fall back on process/parent_process before those may become "unknown".
    fillName("process_name", fields.get("process"), null);
    fillName("parent_process_name", fields.get("parent_process"), fields.get("parent_process_path"));
    fields.computeIfPresent("process_integrity_level", (k, v) -> v.toLowerCase(Locale.ROOT));
    // The data model's vendor_product falls back on the sourcetype.
    fields.putIfAbsent("vendor_product", sourcetype);
    for (String field : CimFields.CALCULATED) {
      fields.putIfAbsent(field, CimFields.UNKNOWN);
    }
    return new ProcessEvent(timeMillis, source, sourcetype, raw, fields);
  }

  private void fillName(String field, String commandLine, String path) {
    if (!fields.containsKey(field)) {
      put(field, fileName(firstToken(commandLine)));
    }
    if (!fields.containsKey(field)) {
      put(field, fileName(path));
    }
  }

  /** The text after the last {@code \} or {@code /}; null stays null. */
  static String fileName(String path) {
    if (path == null) {
      return null;
    }
    int cut = Math.max(path.lastIndexOf('\\'), path.lastIndexOf('/'));
    return path.substring(cut + 1);
  }

  /**
   * The program part of a command line: up to the closing quote when it starts with one (Windows paths hold
   * spaces), else up to the first whitespace.
   */
  static String firstToken(String commandLine) {
    if (commandLine == null) {
      return null;
    }
    String s = commandLine.stripLeading();
    if (s.startsWith("\"")) {
      int close = s.indexOf('"', 1);
      if (close >= 0) {
        return s.substring(1, close);
      }
      s = s.substring(1); // no closing quote: read it as unquoted
    }
    int end = 0;
    while (end < s.length() && !Character.isWhitespace(s.charAt(end))) {
      end++;
    }
    return s.substring(0, end);
  }
}
