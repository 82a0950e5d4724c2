package dev.vigil.opensearch;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * How Vigil's fields are named and mapped in an OpenSearch index, for events and risk events alike. Every field is a
 * {@code keyword} with a lower-case normalizer, so that {@code term} and {@code wildcard} compare ignoring case as
 * Splunk does, with a {@code .raw} sub-field (doc values, not indexed) that keeps the original case for the values
 * of groups; {@code _time} is {@code time_ms} (epoch milliseconds), {@code _raw} is kept and not indexed.
 */
final class OpenSearchFields {
  static final String TIME = "time_ms";
  static final String RAW = "raw_event";
  static final String ORIGINAL = ".raw";

  private OpenSearchFields() {}

  /**
   * The document field of a Vigil field. OpenSearch reads a dot as a path into objects, so the risk data model's
   * {@code annotations.mitre_attack} and {@code annotations.mitre_attack.mitre_technique_id} could not both be
   * values: a dot is written {@code %2E} (and a percent sign {@code %25}), which keeps names one to one.
   */
  static String name(String field) {
    return field.indexOf('.') < 0 && field.indexOf('%') < 0 ? field
        : field.replace("%", "%25").replace(".", "%2E");
  }

  /** The Vigil field of a document field: {@link #name} undone. */
  static String field(String name) {
    return name.indexOf('%') < 0 ? name : name.replace("%2E", ".").replace("%25", "%");
  }

  /** The body that creates an index with Vigil's settings and mapping; its {@code properties} may take more. */
  static ObjectNode indexBody(int shards, int replicas) {
    ObjectNode body = OpenSearchCluster.JSON.createObjectNode();
    body.putObject("settings").put("number_of_shards", shards).put("number_of_replicas", replicas)
        .putObject("analysis").putObject("normalizer").putObject("lowercase").put("type", "custom")
        .putArray("filter").add("lowercase");
    ObjectNode mappings = body.putObject("mappings");
    ObjectNode keyword = OpenSearchCluster.JSON.createObjectNode().put("type", "keyword").put("normalizer", "lowercase");
    keyword.putObject("fields").putObject(ORIGINAL.substring(1)).put("type", "keyword").put("index", false);
    mappings.putArray("dynamic_templates").addObject().putObject("vigil_fields")
        .put("match_mapping_type", "string").set("mapping", keyword);
    ObjectNode properties = mappings.putObject("properties");
    properties.putObject(TIME).put("type", "long");
    properties.putObject(RAW).put("type", "keyword").put("index", false).put("doc_values", false);
    return body;
  }
}
