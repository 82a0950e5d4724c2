package dev.vigil.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/** CrowdStrike Falcon ProcessRollup2 to CIM {@code Endpoint.Processes}, SEMANTICS §3.3. */
final class CrowdStrikeProcessRollup {
  static final String SOURCE = "crowdstrike";
  static final String SOURCETYPE = "crowdstrike:events:sensor";
  private static final Map<String, String> OS_BY_PLATFORM = Map.of(
      "Win", "Microsoft Windows", "Mac", "macOS", "Lin", "Linux");

  private CrowdStrikeProcessRollup() {}

  static Outcome map(JsonNode event, String raw) throws BadEvent {
    String name = text(event, "event_simpleName");
    if (!"ProcessRollup2".equals(name)) {
      return new Outcome.Skipped("CrowdStrike " + name);
    }
    String timestamp = text(event, "timestamp");
    if (timestamp == null || timestamp.isBlank()) {
      throw BadEvent.missing("timestamp");
    }
    long time = Times.epochMillis("timestamp", timestamp.strip());
    String image = text(event, "ImageFileName");
    String platform = text(event, "event_platform");
    ProcessEvent mapped = new EventBuilder()
        .put("dest", firstOf(event, "ComputerName", "aid_computer_name"))
        .put("user", firstOf(event, "UserName", "UserSid"))
        .put("user_id", text(event, "UserSid"))
        .put("process", text(event, "CommandLine"))
        .put("process_path", image) // a \Device\HarddiskVolumeN\… path, as Falcon reports it
        .putFileName("process_name", image)
        // RawProcessId is the OS pid; TargetProcessId is Falcon's own id.
        .put("process_id", text(event, "RawProcessId"))
        // Falcon's id, not an OS pid; mapped anyway because Splunk's add-on maps it so.
        .put("parent_process_id", text(event, "ParentProcessId"))
        .put("parent_process_name", text(event, "ParentBaseFileName"))
        .put("process_hash", text(event, "SHA256HashData"))
        .put("process_integrity_level", IntegrityLevels.fromRid(text(event, "IntegrityLevel")))
        .put("vendor_product", "CrowdStrike Falcon")
        .put("os", platform == null ? null : OS_BY_PLATFORM.get(platform))
        .build(time, SOURCE, SOURCETYPE, raw);
    return new Outcome.Mapped(mapped);
  }

  private static String firstOf(JsonNode event, String first, String second) {
    String value = text(event, first);
    return value == null || value.isEmpty() ? text(event, second) : value;
  }

  /** Falcon writes numbers as strings, but some exports do not; both read the same. */
  private static String text(JsonNode event, String field) {
    JsonNode value = event.get(field);
    return value != null && value.isValueNode() && !value.isNull() ? value.asText() : null;
  }
}
