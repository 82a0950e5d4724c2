package dev.vigil.content;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.risk.RiskRule;
import dev.vigil.schedule.Detection;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.stream.Collectors;

/**
 * The risk settings of ES's risk action, {@code action.risk.param._risk}: a JSON list of risk objects
 * ({@code risk_object_field}, {@code risk_object_type}, {@code risk_score}) and threat objects
 * ({@code threat_object_field}, {@code threat_object_type}), as contentctl writes it; and their security_content
 * form, {@code tags.observable} (victims are risk objects, attackers threat objects, SEMANTICS §5.1).
 */
final class RiskEntries {
  private RiskEntries() {}

  /** The risk objects first, then the threat objects, each in the order of the detection's observables. */
  static ArrayNode of(Detection detection) {
    int score = detection.riskScore() != null ? detection.riskScore()
        : Math.round(detection.confidence() * detection.impact() / 100f);
    ArrayNode entries = ContentYamlFiles.JSON.createArrayNode();
    for (Detection.Observable o : detection.observables()) {
      if (o.roles().contains("Victim")) {
        entries.addObject().put("risk_object_field", o.name())
            .put("risk_object_type", RiskRule.riskObjectType(o.type())).put("risk_score", score);
      }
    }
    for (Detection.Observable o : detection.observables()) {
      if (o.roles().contains("Attacker")) {
        entries.addObject().put("threat_object_field", o.name())
            .put("threat_object_type", RiskRule.threatObjectType(o.type()));
      }
    }
    return entries;
  }

  /** Observables read from {@code _risk}, and the score the risk objects share. */
  record Observables(List<ObjectNode> observables, OptionalInt score) {}

  /**
   * The observables of a {@code _risk} list: one per entry, typed so that {@link RiskRule} maps them back to the
   * entry's type. Vigil gives a rule one risk score, so risk objects of different scores are an error.
   */
  static Observables observables(ConfValue risk) throws IOException {
    JsonNode list;
    try {
      list = ContentYamlFiles.JSON.readTree(risk.value());
    } catch (IOException e) {
      throw new IOException(risk.location() + ": action.risk.param._risk is not JSON: " + e.getMessage(), e);
    }
    if (!list.isArray()) {
      throw new IOException(risk.location() + ": action.risk.param._risk must be a JSON list");
    }
    List<ObjectNode> observables = new ArrayList<>();
    List<Integer> scores = new ArrayList<>();
    for (JsonNode entry : list) {
      if (entry.hasNonNull("risk_object_field")) {
        String type = entry.path("risk_object_type").asText("");
        String observableType = switch (type) {
          case "user" -> "User";
          case "system" -> "Hostname";
          case "other" -> "Other";
          default -> throw new IOException(risk.location() + ": risk_object_type '" + type
              + "' is not one of ES's user, system, other");
        };
        if (!entry.path("risk_score").canConvertToInt()) {
          throw new IOException(risk.location() + ": risk object " + entry.get("risk_object_field").asText()
              + " has no whole-number risk_score");
        }
        scores.add(entry.get("risk_score").asInt());
        observables.add(observable(entry.get("risk_object_field").asText(), observableType, "Victim"));
      } else if (entry.hasNonNull("threat_object_field")) {
        String type = entry.path("threat_object_type").asText("");
        if (type.isBlank()) {
          throw new IOException(risk.location() + ": threat object " + entry.get("threat_object_field").asText()
              + " has no threat_object_type");
        }
        observables.add(observable(entry.get("threat_object_field").asText(), words(type), "Attacker"));
      } else {
        throw new IOException(risk.location() + ": entry " + entry + " has neither risk_object_field nor threat_object_field");
      }
    }
    if (scores.stream().distinct().count() > 1) {
      throw new IOException(risk.location() + ": risk objects have different scores " + scores
          + "; Vigil gives a rule one risk score");
    }
    return new Observables(observables, scores.isEmpty() ? OptionalInt.empty() : OptionalInt.of(scores.get(0)));
  }

  /** {@code process_name} as {@code Process Name}, which {@link RiskRule#threatObjectType} maps back. */
  private static String words(String threatType) {
    return Arrays.stream(threatType.split("_"))
        .map(w -> w.isEmpty() ? w : w.substring(0, 1).toUpperCase(Locale.ROOT) + w.substring(1))
        .collect(Collectors.joining(" "));
  }

  private static ObjectNode observable(String field, String type, String role) {
    ObjectNode node = ContentYamlFiles.YAML.createObjectNode().put("name", field).put("type", type);
    node.putArray("role").add(role);
    return node;
  }
}
