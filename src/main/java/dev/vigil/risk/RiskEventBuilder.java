package dev.vigil.risk;

import dev.vigil.lookup.AssetsAndIdentities;
import dev.vigil.query.Row;
import dev.vigil.time.Window;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns a run's result rows into risk events: one per row and risk object (SEMANTICS §5.1–5.3). */
public final class RiskEventBuilder {
  private static final Pattern TOKEN = Pattern.compile("\\$([^$\\s]+)\\$");

  private RiskEventBuilder() {}

  /**
   * @param scheduled the run's scheduled time, the risk events' {@code _time}
   * @param searchTime when the search actually ran
   * @param enrichment the assets and identities that give risk objects their priority, category and business
   *                   unit, and the tactics of the rule's techniques
   * @param warnings   told about message tokens that name a field the row lacks
   */
  public static List<RiskEvent> build(RiskRule rule, List<Row> rows, Window window, Instant scheduled,
                                      Instant searchTime, RiskEnrichment enrichment, Consumer<String> warnings) {
    AssetsAndIdentities assets = enrichment.assets();
    List<String> tactics = enrichment.tactics().tactics(rule.mitreAttackIds());
    List<RiskEvent> events = new ArrayList<>();
    for (Row row : rows) {
      String message = message(rule, row, warnings);
      List<String> threatValues = new ArrayList<>();
      List<String> threatTypes = new ArrayList<>();
      for (RiskRule.ThreatObject threat : rule.threatObjects()) {
        for (String value : row.values(threat.field())) {
          threatValues.add(value);
          threatTypes.add(threat.type());
        }
      }
      for (RiskRule.RiskObject riskObject : rule.riskObjects()) {
        for (String value : row.values(riskObject.field())) {
          // A missing or null risk object gives no event for that object (SEMANTICS §5.1).
          if (value.isEmpty() || value.equals("null")) {
            continue;
          }
          Map<String, Object> fields = new LinkedHashMap<>(row.asMap());
          fields.put("_time", scheduled.getEpochSecond());
          fields.put("source", rule.searchName());
          fields.put("search_name", rule.searchName());
          fields.put("risk_object", value);
          fields.put("normalized_risk_object", value.toLowerCase(Locale.ROOT));
          fields.put("risk_object_type", riskObject.type());
          fields.put("risk_object_field", riskObject.field());
          fields.put("risk_score", riskObject.score());
          Optional<AssetsAndIdentities.Entry> entry = assets.ofRiskObject(riskObject.type(), value);
          String priority = entry.map(AssetsAndIdentities.Entry::priority).orElse("unknown");
          fields.put("calculated_risk_score", calculated(riskObject.score(), riskObject.type(), priority));
          if (entry.isPresent()) {
            fields.put("risk_object_priority", priority);
            entry.get().field("category").ifPresent(c -> fields.put("risk_object_category", c));
            entry.get().field("bunit").ifPresent(b -> fields.put("risk_object_bunit", b));
          }
          fields.put("risk_message", message);
          if (!threatValues.isEmpty()) {
            fields.put("threat_object", threatValues);
            fields.put("threat_object_type", threatTypes);
          }
          fields.put("annotations.mitre_attack", rule.mitreAttackIds());
          fields.put("annotations.mitre_attack.mitre_technique_id", rule.mitreAttackIds());
          if (!tactics.isEmpty()) {
            fields.put("annotations.mitre_attack.mitre_tactic", tactics);
            fields.put("annotations.mitre_attack.mitre_tactic_id", AttackTactics.ids(tactics));
          }
          fields.put("analyticstories", rule.analyticStories());
          fields.put("info_min_time", window.earliest().getEpochSecond());
          fields.put("info_max_time", window.latest().getEpochSecond());
          fields.put("info_search_time", searchTime.getEpochSecond());
          String id = id(rule, window, row, riskObject, value);
          fields.put("risk_event_id", id);
          events.add(new RiskEvent(id, fields));
        }
      }
    }
    return events;
  }

  /**
   * The score with ES's priority risk factors applied (docs/rba.md, "Risk factors"): a critical system's score
   * × 1.5 ("Critical Priority Destination"), a high-priority user's × 1.25 ("High Priority User"); whole when
   * it comes out whole.
   */
  static Number calculated(int score, String type, String priority) {
    double factor = type.equals("system") && priority.equals("critical") ? 1.5
        : type.equals("user") && priority.equals("high") ? 1.25 : 1.0;
    double calculated = score * factor;
    return calculated == Math.rint(calculated) ? (Number) (long) calculated : (Number) calculated;
  }

  private static String message(RiskRule rule, Row row, Consumer<String> warnings) {
    Matcher m = TOKEN.matcher(rule.message());
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      List<String> values = row.values(m.group(1));
      if (values.isEmpty()) {
        warnings.accept(rule.searchName() + ": risk message names $" + m.group(1) + "$, which the result row lacks");
      }
      m.appendReplacement(out, Matcher.quoteReplacement(String.join(", ", values)));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** Rule, window, the row's group key and the risk object: the same for a re-run of the window (SEMANTICS §5.3). */
  private static String id(RiskRule rule, Window window, Row row, RiskRule.RiskObject riskObject, String value) {
    MessageDigest digest = sha256();
    List<String> parts = new ArrayList<>(List.of(rule.ruleId(), window.earliest().toString(), window.latest().toString(),
        riskObject.field(), value));
    for (String field : rule.groupFields()) {
      parts.add(field + "=" + String.join("\u0001", row.values(field)));
    }
    for (String part : parts) {
      digest.update(part.getBytes(StandardCharsets.UTF_8));
      digest.update((byte) 0);
    }
    return HexFormat.of().formatHex(digest.digest(), 0, 16);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime must provide SHA-256", e);
    }
  }
}
