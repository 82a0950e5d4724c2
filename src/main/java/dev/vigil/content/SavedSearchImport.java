package dev.vigil.content;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code savedsearches.conf} stanza as a security_content detection plus its schedule, read from the keys
 * contentctl writes ({@code savedsearches_detections.j2}): {@code search}, {@code cron_schedule},
 * {@code dispatch.earliest_time}/{@code latest_time}, {@code realtime_schedule}, {@code disabled},
 * {@code enableSched}, {@code description}, {@code action.escu.*}, {@code action.risk.param._risk} and
 * {@code _risk_message}, {@code action.correlationsearch.annotations} and {@code .metadata}.
 */
final class SavedSearchImport {
  /** ESCU names a correlation search {@code <app> - <detection name> - Rule}. */
  private static final Pattern ESCU_NAME = Pattern.compile(".+? - (.+) - Rule");
  /** The annotation keys that security_content keeps under {@code tags}, by annotation name. */
  private static final List<String[]> ANNOTATION_TAGS = List.of(
      new String[] {"analytic_story", "analytic_story"}, new String[] {"mitre_attack", "mitre_attack_id"},
      new String[] {"cis20", "cis20"}, new String[] {"nist", "nist"},
      new String[] {"kill_chain_phases", "kill_chain_phases"}, new String[] {"cve", "cve"});

  private final Set<String> scheduledTypes;
  private final ImportBatch batch;

  SavedSearchImport(Set<String> scheduledTypes, ImportBatch batch) {
    this.scheduledTypes = scheduledTypes;
    this.batch = batch;
  }

  /** The detection's name in a stanza name, and the file stem contentctl would give it. */
  static String detectionName(String stanzaName) {
    Matcher escu = ESCU_NAME.matcher(stanzaName);
    return escu.matches() ? escu.group(1) : stanzaName;
  }

  static String stem(String detectionName) {
    return detectionName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "_");
  }

  void read(ConfStanza stanza) {
    String name = detectionName(stanza.name());
    Optional<ConfValue> search = stanza.value("search");
    if (search.isEmpty() || search.get().value().isBlank()) {
      batch.skip("detection", name, stanza.location(), "has no search");
      return;
    }
    Optional<String> unsupported = DataSets.unsupported(search.get().value());
    if (unsupported.isPresent()) {
      batch.skip("detection", name, search.get().location(), "reads " + unsupported.get() + ", which Vigil does not store");
      return;
    }
    if (stanza.text("cron_schedule").orElse("").isBlank()) {
      batch.skip("detection", name, stanza.location(), "not a scheduled search (no cron_schedule)");
      return;
    }
    try {
      JsonNode annotations = json(stanza, "action.correlationsearch.annotations");
      JsonNode metadata = json(stanza, "action.correlationsearch.metadata");
      if (metadata.path("deprecated").asText("0").equals("1")) {
        batch.skip("detection", name, stanza.location(), "deprecated: ESCU's build ships only production detections");
        return;
      }
      boolean risk = SplunkBooleans.parse(stanza.value("action.risk")).orElse(false);
      String type = type(stanza, annotations, risk);
      if (!scheduledTypes.contains(type.toLowerCase(Locale.ROOT))) {
        batch.skip("detection", name, stanza.location(), "type " + type + " has no ESCU default schedule");
        return;
      }
      String stem = stem(name);
      ObjectNode detection = detection(stanza, name, type, search.get().value(), annotations, metadata);
      batch.add("detection", name, Path.of("detections", stem + ".yml"), ContentYamlFiles.bytes(detection),
          search.get().location());
      batch.add("schedule", name, Path.of("rules", stem + ".yml"), ContentYamlFiles.bytes(schedule(stanza)),
          stanza.location());
    } catch (IOException e) {
      batch.problem(e.getMessage());
    }
  }

  private ObjectNode detection(ConfStanza stanza, String name, String type, String search, JsonNode annotations,
                               JsonNode metadata) throws IOException {
    ObjectNode d = ContentYamlFiles.YAML.createObjectNode();
    d.put("name", name);
    d.put("id", metadata.hasNonNull("detection_id") ? metadata.get("detection_id").asText()
        : UUID.nameUUIDFromBytes(stanza.name().getBytes(StandardCharsets.UTF_8)).toString());
    if (metadata.hasNonNull("detection_version")) {
      d.put("version", metadata.get("detection_version").asText());
    }
    stanza.text("action.escu.creation_date").ifPresent(v -> d.put("date", v));
    d.put("status", "production");
    d.put("type", type);
    d.put("description", stanza.text("description").orElse(""));
    d.put("search", search);
    d.put("how_to_implement", stanza.text("action.escu.how_to_implement").orElse(""));
    d.put("known_false_positives", stanza.text("action.escu.known_false_positives").orElse(""));
    ObjectNode tags = d.putObject("tags");
    JsonNode mappings = json(stanza, "action.escu.mappings");
    for (String[] pair : ANNOTATION_TAGS) {
      JsonNode values = annotations.has(pair[0]) ? annotations.get(pair[0]) : mappings.path(pair[0]);
      if (pair[0].equals("analytic_story") && values.isMissingNode()) {
        values = json(stanza, "action.escu.analytic_story");
      }
      if (values.isArray() && !values.isEmpty()) {
        tags.set(pair[1], values.deepCopy());
      }
    }
    stanza.text("action.risk.param._risk_message").ifPresent(m -> tags.put("message", m));
    Optional<ConfValue> riskList = stanza.value("action.risk.param._risk");
    if (riskList.isPresent()) {
      RiskEntries.Observables observables = RiskEntries.observables(riskList.get());
      observables.score().ifPresent(s -> tags.put("risk_score", s));
      ArrayNode observable = tags.putArray("observable");
      observables.observables().forEach(observable::add);
    }
    return d;
  }

  /**
   * The detection type: the {@code type} annotation contentctl writes; else what the actions say (a notable
   * means TTP, risk alone Anomaly, neither Hunting), as ESCU's deployments pair them.
   */
  private static String type(ConfStanza stanza, JsonNode annotations, boolean risk) throws IOException {
    if (annotations.hasNonNull("type")) {
      return annotations.get("type").asText();
    }
    if (SplunkBooleans.parse(stanza.value("action.notable")).orElse(false)) {
      return "TTP";
    }
    return risk ? "Anomaly" : "Hunting";
  }

  /**
   * The local rule override: Splunk's defaults where the stanza is silent, from savedsearches.conf.spec:
   * {@code disabled = 0}, {@code enableSched = 0} (not scheduled, so not enabled), {@code realtime_schedule = 1},
   * and empty dispatch times, which search all time ({@code 0} .. {@code now}); {@code alert.suppress} with its
   * period and fields when the search is throttled.
   */
  private static ObjectNode schedule(ConfStanza stanza) throws IOException {
    boolean disabled = SplunkBooleans.parse(stanza.value("disabled")).orElse(false);
    boolean scheduled = SplunkBooleans.parse(stanza.value("enableSched")).orElse(false);
    boolean realtime = SplunkBooleans.parse(stanza.value("realtime_schedule")).orElse(true);
    ObjectNode local = ContentYamlFiles.YAML.createObjectNode();
    local.put("enabled", scheduled && !disabled);
    local.put("cron_schedule", stanza.text("cron_schedule").orElseThrow());
    local.put("earliest_time", nonBlank(stanza.text("dispatch.earliest_time"), "0"));
    local.put("latest_time", nonBlank(stanza.text("dispatch.latest_time"), "now"));
    local.put("realtime_schedule", realtime ? 1 : 0);
    // Throttling, as the stanza says it; the rule's local file then carries it (docs/rba.md, "Throttling").
    if (SplunkBooleans.parse(stanza.value("alert.suppress")).orElse(false)) {
      local.put("alert.suppress", 1);
      stanza.text("alert.suppress.period").ifPresent(period -> local.put("alert.suppress.period", period));
      stanza.text("alert.suppress.fields").ifPresent(fields -> local.put("alert.suppress.fields", fields));
    }
    return local;
  }

  private static String nonBlank(Optional<String> value, String fallback) {
    return value.filter(v -> !v.isBlank()).orElse(fallback);
  }

  private static JsonNode json(ConfStanza stanza, String key) throws IOException {
    Optional<ConfValue> value = stanza.value(key);
    if (value.isEmpty() || value.get().value().isBlank()) {
      return ContentYamlFiles.JSON.missingNode();
    }
    try {
      return ContentYamlFiles.JSON.readTree(value.get().value());
    } catch (IOException e) {
      throw new IOException(value.get().location() + ": " + key + " is not JSON: " + e.getMessage(), e);
    }
  }
}
