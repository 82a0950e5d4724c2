package dev.vigil.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The fields of CIM {@code Endpoint.Processes} (SEMANTICS §3.1), read from the data model Vigil ships
 * ({@code Endpoint.datamodel.json}, Splunk_SA_CIM 5.0.1): the {@code Processes} object's own fields and the
 * outputs of its calculations. Every one of them is stored when an event carries it.
 */
public final class CimFields {
  public static final String DATAMODEL = "Endpoint";
  public static final String DATASET = "Processes";
  public static final String DATASET_PREFIX = DATASET + ".";

  /** The fields of {@code Endpoint.Processes} without the {@code Processes.} prefix, sorted. */
  public static final List<String> PROCESS_FIELDS = processFields();

  /**
   * Fields every data model object inherits from its root event; tstats names them without the
   * {@code Processes.} prefix, but the prefixed spelling is accepted too.
   */
  public static final List<String> INHERITED = List.of("_time", "host", "source", "sourcetype");

  /** Fields the data model calculates as {@code "unknown"} when missing or empty (SEMANTICS §3.2). */
  public static final List<String> CALCULATED = List.of(
      "dest", "user", "process", "parent_process", "original_file_name", "process_name", "parent_process_name");

  public static final String UNKNOWN = "unknown";

  /** Splunk's event time; epoch seconds in Splunk, epoch milliseconds in {@link ProcessEvent#timeMillis()}. */
  public static final String TIME = "_time";
  public static final String SOURCE = "source";
  public static final String SOURCETYPE = "sourcetype";

  private CimFields() {}

  /** Whether {@code name}, without its {@code Processes.} prefix, is a field of {@code Endpoint.Processes}. */
  public static boolean isProcessField(String name) {
    String bare = name.startsWith(DATASET_PREFIX) ? name.substring(DATASET_PREFIX.length()) : name;
    return PROCESS_FIELDS.contains(bare) || INHERITED.contains(bare);
  }

  private static List<String> processFields() {
    try (InputStream in = CimFields.class.getResourceAsStream("Endpoint.datamodel.json")) {
      if (in == null) {
        throw new IllegalStateException("Endpoint.datamodel.json is missing from the build");
      }
      Set<String> fields = new TreeSet<>();
      for (JsonNode object : new ObjectMapper().readTree(in).path("objects")) {
        if (object.path("objectName").asText().equals(DATASET)) {
          object.path("fields").forEach(f -> fields.add(f.path("fieldName").asText()));
          for (JsonNode calculation : object.path("calculations")) {
            calculation.path("outputFields").forEach(f -> fields.add(f.path("fieldName").asText()));
          }
        }
      }
      return List.copyOf(new ArrayList<>(fields));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
