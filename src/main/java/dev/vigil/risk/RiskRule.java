package dev.vigil.risk;

import java.util.List;
import java.util.Locale;

/**
 * What a detection says about risk (SEMANTICS §5.1): which result fields are risk objects with which score,
 * which are threat objects, the message template and the annotations.
 *
 * @param groupFields the result fields that identify a row within a window (the tstats group-by fields), so
 *                    that a re-run of the window produces the same risk event ids (SEMANTICS §5.3)
 */
public record RiskRule(String ruleId, String searchName, String message, List<RiskObject> riskObjects,
                       List<ThreatObject> threatObjects, List<String> mitreAttackIds, List<String> analyticStories,
                       List<String> groupFields) {
  public RiskRule {
    riskObjects = List.copyOf(riskObjects);
    threatObjects = List.copyOf(threatObjects);
    mitreAttackIds = List.copyOf(mitreAttackIds);
    analyticStories = List.copyOf(analyticStories);
    groupFields = List.copyOf(groupFields);
  }

  public record RiskObject(String field, String type, int score) {}

  public record ThreatObject(String field, String type) {}

  /** The risk object type of a victim observable: User → user, hosts → system, else other. */
  public static String riskObjectType(String observableType) {
    return switch (observableType.toLowerCase(Locale.ROOT)) {
      case "user", "user name" -> "user";
      case "hostname", "ip address", "endpoint", "system" -> "system";
      default -> "other";
    };
  }

  /** The threat object type of an attacker observable, as contentctl names them. */
  public static String threatObjectType(String observableType) {
    return switch (observableType.toLowerCase(Locale.ROOT)) {
      case "process" -> "process";
      case "process name" -> "process_name";
      case "file", "file name" -> "file_name";
      case "file hash" -> "file_hash";
      case "url", "url string" -> "url";
      case "domain" -> "domain";
      case "ip address" -> "ip_address";
      case "registry path", "registry key" -> "registry_path";
      case "command" -> "command";
      default -> observableType.toLowerCase(Locale.ROOT).replace(' ', '_');
    };
  }
}
