package dev.vigil.notable;

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
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns a run's result rows into notables, one per row (docs/rba.md, "Notables"). */
public final class NotableBuilder {
  private static final Pattern TOKEN = Pattern.compile("\\$([^$\\s]+)\\$");
  /** The fields ES looks up in the assets ({@code dest}, {@code src}, {@code dvc}) and identities for priority. */
  private static final List<String> ASSET_FIELDS = List.of("dest", "src", "dvc");
  private static final List<String> IDENTITY_FIELDS = List.of("user", "src_user");

  private NotableBuilder() {}

  /**
   * @param scheduled  the run's scheduled time, the notables' {@code _time}
   * @param searchTime when the search actually ran
   */
  public static List<Notable> build(NotableRule rule, List<Row> rows, Window window, Instant scheduled,
                                    Instant searchTime, AssetsAndIdentities assets) {
    List<Notable> notables = new ArrayList<>();
    String severity = Urgency.severityOf(rule.score());
    for (int r = 0; r < rows.size(); r++) {
      Row row = rows.get(r);
      String priority = priority(row, assets);
      String id = id(rule, window, row);
      Map<String, Object> fields = new LinkedHashMap<>(row.asMap());
      fields.put("_time", scheduled.getEpochSecond());
      fields.put("event_id", id);
      fields.put("rule_id", rule.ruleId());
      fields.put("rule_name", rule.searchName());
      fields.put("search_name", rule.searchName());
      fields.put("rule_title", fill(rule.ruleTitle(), rule, row));
      fields.put("rule_description", fill(rule.ruleDescription(), rule, row));
      fields.put("security_domain", rule.securityDomain());
      fields.put("severity", severity);
      fields.put("priority", priority);
      fields.put("urgency", Urgency.of(severity, priority));
      fields.put("nes_fields", rule.nesFields());
      fields.put("status", "new");
      fields.put("owner", "unassigned");
      fields.put("drilldown_search", drilldown(rule, row));
      fields.put("drilldown_earliest", window.earliest().getEpochSecond());
      fields.put("drilldown_latest", window.latest().getEpochSecond());
      fields.put("orig_sid", "vigil:" + rule.stem() + ":" + scheduled.getEpochSecond());
      fields.put("orig_rid", r);
      fields.put("info_min_time", window.earliest().getEpochSecond());
      fields.put("info_max_time", window.latest().getEpochSecond());
      fields.put("info_search_time", searchTime.getEpochSecond());
      if (rule.throttle().isPresent()) {
        fields.put(Throttle.KEY, throttleKey(rule, row));
      }
      notables.add(new Notable(id, fields));
    }
    return notables;
  }

  /**
   * The highest priority among the assets and identities the row names: its {@code dest}, {@code src},
   * {@code dvc}, {@code user} and {@code src_user}, and a risk incident rule's {@code risk_object} by its type.
   */
  static String priority(Row row, AssetsAndIdentities assets) {
    String priority = "unknown";
    for (String field : ASSET_FIELDS) {
      for (String value : row.values(field)) {
        priority = AssetsAndIdentities.higher(priority, assets.asset(value).map(AssetsAndIdentities.Entry::priority)
            .orElse("unknown"));
      }
    }
    for (String field : IDENTITY_FIELDS) {
      for (String value : row.values(field)) {
        priority = AssetsAndIdentities.higher(priority, assets.identity(value)
            .map(AssetsAndIdentities.Entry::priority).orElse("unknown"));
      }
    }
    for (String type : row.values("risk_object_type")) {
      for (String value : row.values("risk_object")) {
        priority = AssetsAndIdentities.higher(priority, assets.ofRiskObject(type, value)
            .map(AssetsAndIdentities.Entry::priority).orElse("unknown"));
      }
    }
    return priority;
  }

  /** {@code %name%}, {@code %description%} and each {@code $field$} replaced; a field the row lacks stays empty. */
  static String fill(String template, NotableRule rule, Row row) {
    String named = template.replace("%name%", rule.name()).replace("%description%", rule.description());
    Matcher m = TOKEN.matcher(named);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(String.join(", ", row.values(m.group(1)))));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** {@code f=v;g=w}: the row's values of the fields the rule is throttled on, each field's values in order. */
  private static String throttleKey(NotableRule rule, Row row) {
    List<String> parts = new ArrayList<>();
    for (String field : rule.throttleFields()) {
      parts.add(field + "=" + String.join("|", row.values(field)));
    }
    return String.join(";", parts);
  }

  /** The rule's search narrowed to the row's values of the nes_fields it has. */
  private static String drilldown(NotableRule rule, Row row) {
    StringBuilder search = new StringBuilder(rule.search().strip());
    for (String field : rule.nesFields()) {
      List<String> values = row.values(field);
      if (!values.isEmpty()) {
        search.append(" | search ").append(field).append("=\"").append(values.get(0).replace("\"", "\\\""))
            .append('"');
      }
    }
    return search.toString();
  }

  /** Rule, window and the row's identifying values: the same for a window run again. */
  private static String id(NotableRule rule, Window window, Row row) {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime must provide SHA-256", e);
    }
    List<String> parts = new ArrayList<>(List.of("notable", rule.ruleId(), window.earliest().toString(),
        window.latest().toString()));
    // Without by-fields a row is identified by all it holds.
    Iterable<String> identifying = rule.groupFields().isEmpty() ? new TreeSet<>(row.fieldNames()) : rule.groupFields();
    for (String field : identifying) {
      parts.add(field + "=" + String.join("\u0001", row.values(field)));
    }
    for (String part : parts) {
      digest.update(part.getBytes(StandardCharsets.UTF_8));
      digest.update((byte) 0);
    }
    return HexFormat.of().formatHex(digest.digest(), 0, 16);
  }
}
