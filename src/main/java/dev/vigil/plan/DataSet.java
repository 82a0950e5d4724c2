package dev.vigil.plan;

import dev.vigil.ingest.CimFields;
import java.util.List;
import java.util.Optional;

/**
 * A data model data set that tstats can read, and how its fields are named: {@code Processes.dest} is stored as
 * {@code dest}, {@code All_Risk.risk_object} as {@code risk_object}. Fields every object inherits from the root
 * event ({@code _time}, {@code source}, …) go without the prefix.
 */
public enum DataSet {
  /** CIM {@code Endpoint.Processes}: the events (SEMANTICS §3). */
  PROCESSES(CimFields.DATAMODEL, CimFields.DATASET),
  /** ES's {@code Risk.All_Risk}: the risk events (docs/rba.md, "The Risk data model"). */
  RISK("Risk", "All_Risk");

  /**
   * The fields of {@code Risk.All_Risk} that Vigil's risk events carry or that ES's correlation searches read. A
   * field the events lack is a field no event has, as in Splunk; only a name outside this list is an error.
   */
  private static final List<String> RISK_FIELDS = List.of("_time", "source", "sourcetype", "host",
      "risk_object", "risk_object_type", "risk_object_field", "normalized_risk_object", "risk_score",
      "calculated_risk_score", "risk_message", "search_name", "threat_object", "threat_object_type",
      "analyticstories", "annotations.mitre_attack", "annotations.mitre_attack.mitre_technique_id",
      "annotations.mitre_attack.mitre_tactic", "annotations.mitre_attack.mitre_tactic_id", "tag",
      "risk_object_priority", "risk_object_category", "risk_object_bunit", "risk_event_id",
      "info_min_time", "info_max_time", "info_search_time");

  private final String datamodel;
  private final String dataset;

  DataSet(String datamodel, String dataset) {
    this.datamodel = datamodel;
    this.dataset = dataset;
  }

  /** The data set {@code datamodel=D.S} names; empty for one Vigil does not store. */
  public static Optional<DataSet> of(String datamodel, String dataset) {
    for (DataSet known : values()) {
      if (known.datamodel.equals(datamodel) && known.dataset.equals(dataset)) {
        return Optional.of(known);
      }
    }
    return Optional.empty();
  }

  /** {@code Endpoint.Processes}, as tstats names it. */
  public String qualifiedName() {
    return datamodel + "." + dataset;
  }

  /** {@code Processes.}: what fields of the data set start with. */
  public String prefix() {
    return dataset + ".";
  }

  /** The stored name of a field: without the data set's prefix. */
  public String storedField(String field) {
    return field.startsWith(prefix()) ? field.substring(prefix().length()) : field;
  }

  /** Whether {@code bareName}, without the prefix, is a field of this data set. */
  public boolean hasField(String bareName) {
    return switch (this) {
      case PROCESSES -> CimFields.isProcessField(bareName);
      case RISK -> RISK_FIELDS.contains(bareName);
    };
  }

  /** The data sets, for messages: {@code Endpoint.Processes and Risk.All_Risk}. */
  public static String known() {
    return String.join(" and ", java.util.Arrays.stream(values()).map(DataSet::qualifiedName).toList());
  }
}
