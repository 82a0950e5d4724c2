package dev.vigil.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * An event normalised elsewhere: CIM field names, with or without the {@code Processes.} prefix (as tstats
 * output has them), and Splunk's {@code _time}. Fields outside {@link CimFields#PROCESS_FIELDS} are ignored.
 */
final class CimJson {
  static final String DEFAULT_SOURCETYPE = "vigil:cim";
  private static final Set<String> KNOWN = Set.copyOf(CimFields.PROCESS_FIELDS);
  private static final int MAX_PLAIN_DIGITS = 100;

  private CimJson() {}

  /** True when the object names at least one CIM process field: then a missing {@code _time} is an error. */
  static boolean looksLikeCim(JsonNode object) {
    for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
      if (KNOWN.contains(unprefixed(it.next()))) {
        return true;
      }
    }
    return false;
  }

  static ProcessEvent map(JsonNode object, String defaultSource, String raw) throws BadEvent {
    JsonNode time = object.get(CimFields.TIME);
    if (time == null || time.isNull() || time.asText().isBlank()) {
      throw BadEvent.missing(CimFields.TIME);
    }
    long millis = time.isNumber()
        ? Times.epochSeconds(CimFields.TIME, time.decimalValue())
        : Times.splunkTime(CimFields.TIME, scalar(CimFields.TIME, time).strip());
    EventBuilder builder = new EventBuilder();
    Set<String> prefixed = new HashSet<>();
    for (Map.Entry<String, JsonNode> entry : object.properties()) {
      String name = unprefixed(entry.getKey());
      boolean isPrefixed = !name.equals(entry.getKey());
      // When both spellings are present the prefixed one wins, whatever the order: it is what tstats returned.
      if (!KNOWN.contains(name) || entry.getValue().isNull() || (!isPrefixed && prefixed.contains(name))) {
        continue;
      }
      if (isPrefixed) {
        prefixed.add(name);
      }
      builder.put(name, scalar(entry.getKey(), entry.getValue()));
    }
    String source = optional(object, CimFields.SOURCE, defaultSource);
    String sourcetype = optional(object, CimFields.SOURCETYPE, DEFAULT_SOURCETYPE);
    return builder.build(millis, source, sourcetype, raw);
  }

  private static String optional(JsonNode object, String field, String fallback) throws BadEvent {
    JsonNode value = object.get(field);
    if (value == null || value.isNull()) {
      return fallback;
    }
    String text = scalar(field, value);
    return text.isEmpty() ? fallback : text;
  }

  /**
   * A ProcessEvent holds one value per field; a multivalue field is refused rather than silently flattened. A
   * decimal is written out in full ({@code 1.5e3} as {@code 1500}) unless that would take more than {@link
   * #MAX_PLAIN_DIGITS} digits: {@code 1e999999999} stays as it is rather than become a billion zeros.
   */
  private static String scalar(String field, JsonNode value) throws BadEvent {
    if (!value.isValueNode()) {
      throw new BadEvent(field, "expected a single value, found " + (value.isArray() ? "an array" : "an object"));
    }
    if (!value.isBigDecimal()) {
      return value.asText();
    }
    BigDecimal decimal = value.decimalValue();
    return Math.abs((long) decimal.scale()) <= MAX_PLAIN_DIGITS ? decimal.toPlainString() : decimal.toString();
  }

  private static String unprefixed(String name) {
    return name.startsWith(CimFields.DATASET_PREFIX) ? name.substring(CimFields.DATASET_PREFIX.length()) : name;
  }
}
