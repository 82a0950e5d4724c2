package dev.vigil.ingest;

import java.util.List;

/** The fields of CIM {@code Endpoint.Processes} that Vigil stores (SEMANTICS §3.1). */
public final class CimFields {
  public static final String DATASET_PREFIX = "Processes.";

  public static final List<String> PROCESS_FIELDS = List.of(
      "dest", "user", "process", "process_name", "process_path", "process_id", "process_guid",
      "process_hash", "process_current_directory", "process_integrity_level", "parent_process",
      "parent_process_name", "parent_process_path", "parent_process_id", "parent_process_guid",
      "original_file_name", "user_id", "action", "vendor_product", "os");

  /** Fields the data model calculates as {@code "unknown"} when missing or empty (SEMANTICS §3.2). */
  public static final List<String> CALCULATED = List.of(
      "dest", "user", "process", "parent_process", "original_file_name", "process_name", "parent_process_name");

  public static final String UNKNOWN = "unknown";

  /** Splunk's event time; epoch seconds in Splunk, epoch milliseconds in {@link ProcessEvent#timeMillis()}. */
  public static final String TIME = "_time";
  public static final String SOURCE = "source";
  public static final String SOURCETYPE = "sourcetype";

  private CimFields() {}
}
