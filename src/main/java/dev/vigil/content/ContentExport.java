package dev.vigil.content;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.lookup.LookupTable;
import dev.vigil.lookup.LookupTables;
import dev.vigil.schedule.Deployment;
import dev.vigil.schedule.Detection;
import dev.vigil.schedule.Rule;
import dev.vigil.spl.Macro;
import dev.vigil.spl.MacroExpander;
import dev.vigil.spl.SplException;
import dev.vigil.store.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code vigil content export}: rules as a Splunk app that Splunk, and {@code vigil content import}, read back:
 * {@code default/savedsearches.conf} with the keys ESCU's build writes ({@code [ESCU - <name> - Rule]}),
 * {@code default/macros.conf} with every macro the searches use (also inside other macros),
 * {@code default/transforms.conf} and {@code lookups/*.csv} for the lookup tables they name. The output holds
 * no time stamps, so exporting the same rules twice gives the same bytes.
 */
public final class ContentExport {
  private static final Pattern LOOKUP = Pattern.compile("\\|\\s*(?:input)?lookup\\s+(?:\\w+=\\S+\\s+)*([^\\s|\\]\\[]+)");
  /** Annotation keys in the order contentctl sorts them, and the security_content tag that holds each. */
  private static final Map<String, String> ANNOTATION_TAGS = new TreeMap<>(Map.of(
      "analytic_story", "analytic_story", "cis20", "cis20", "cve", "cve", "kill_chain_phases", "kill_chain_phases",
      "mitre_attack", "mitre_attack_id", "nist", "nist"));

  /**
   * A rule, macro or lookup and the file of the app it went into; or a file of the app ({@code kind} "file")
   * with whether it was written or already held the same bytes.
   */
  public record Exported(String kind, String name, String file, Optional<Boolean> written) {}

  public record Report(List<Exported> exported, List<String> problems) {}

  private final LookupTables lookups;

  public ContentExport(LookupTables lookups) {
    this.lookups = lookups;
  }

  public Report run(List<Rule> rules, Path out) throws IOException {
    List<Exported> exported = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    ConfWriter searches = new ConfWriter().comment("Correlation searches exported by vigil content export");
    Map<String, Macro> macros = new TreeMap<>();
    Map<String, LookupTable> tables = new TreeMap<>();
    for (Rule rule : rules) {
      try {
        Map<String, Macro> used = new TreeMap<>();
        MacroExpander.Expansion expansion = new MacroExpander((name, arity) -> {
          Optional<Macro> found = rule.macros().find(name, arity);
          found.ifPresent(m -> used.put(m.key(), m));
          return found;
        }).expand(rule.detection().search());
        Map<String, LookupTable> named = new TreeMap<>();
        Matcher lookup = LOOKUP.matcher(expansion.text());
        while (lookup.find()) {
          LookupTable table = lookups.find(lookup.group(1)).orElseThrow(() -> new IllegalArgumentException(
              "names the lookup table " + lookup.group(1) + ", which is not in config/lookups/ or config/local/lookups/"));
          named.put(table.name(), table);
        }
        ConfWriter stanza = new ConfWriter();
        savedSearch(stanza, rule);
        searches.append(stanza);
        macros.putAll(used);
        tables.putAll(named);
        exported.add(new Exported("detection", rule.detection().name(), "default/savedsearches.conf", Optional.empty()));
      } catch (SplException | IllegalArgumentException | IOException e) {
        problems.add(rule.detection().file() + ": " + rule.stem() + ": " + e.getMessage());
      }
    }
    List<Exported> files = new ArrayList<>();
    files.add(write(out, "default/app.conf", appConf()));
    files.add(write(out, "metadata/default.meta", ("# Share the searches, macros and lookups with every app, as ES"
        + " needs\n[]\naccess = read : [ * ], write : [ admin ]\nexport = system\n").getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    files.add(write(out, "default/savedsearches.conf", searches.bytes()));
    ConfWriter macroConf = new ConfWriter().comment("Macros the exported searches use");
    for (Macro macro : macros.values()) {
      macroConf.stanza(macro.key());
      if (!macro.arguments().isEmpty()) {
        macroConf.set("args", String.join(", ", macro.arguments()));
      }
      macroConf.set("definition", macro.definition());
      exported.add(new Exported("macro", macro.key(), "default/macros.conf", Optional.empty()));
    }
    files.add(write(out, "default/macros.conf", macroConf.bytes()));
    if (!tables.isEmpty()) {
      ConfWriter transforms = new ConfWriter().comment("Lookup tables the exported searches name");
      for (LookupTable table : tables.values()) {
        transforms(transforms, table);
        Path csv = lookups.csvFile(table.name()).orElseThrow(() -> new IOException(
            "lookup table " + table.name() + " has no CSV file to export"));
        files.add(write(out, "lookups/" + table.filename(), Files.readAllBytes(csv)));
        exported.add(new Exported("lookup", table.name(), "default/transforms.conf", Optional.empty()));
      }
      files.add(write(out, "default/transforms.conf", transforms.bytes()));
    }
    exported.addAll(files);
    return new Report(exported, problems);
  }

  private static void savedSearch(ConfWriter conf, Rule rule) throws IOException {
    Detection d = rule.detection();
    Deployment schedule = rule.deployment();
    JsonNode yaml = ContentYamlFiles.read(d.file());
    JsonNode tags = yaml.path("tags");
    ObjectNode mappings = ContentYamlFiles.JSON.createObjectNode();
    ObjectNode annotations = ContentYamlFiles.JSON.createObjectNode();
    ANNOTATION_TAGS.forEach((annotation, tag) -> {
      if (tags.path(tag).isArray() && !tags.path(tag).isEmpty()) {
        annotations.set(annotation, tags.get(tag));
        if (!annotation.equals("analytic_story")) {
          mappings.set(annotation, tags.get(tag));
        }
      }
    });
    annotations.put("type", d.type());
    ArrayNode stories = ContentYamlFiles.JSON.createArrayNode();
    d.analyticStories().forEach(stories::add);
    ObjectNode metadata = ContentYamlFiles.JSON.createObjectNode().put("detection_id", d.id());
    if (yaml.hasNonNull("version")) {
      metadata.put("detection_version", yaml.get("version").asText());
    }
    ArrayNode risk = RiskEntries.of(d);
    conf.stanza(d.searchName());
    conf.set("action.escu", "0");
    conf.set("action.escu.enabled", "1");
    conf.set("description", d.description());
    conf.set("action.escu.mappings", json(mappings));
    conf.set("action.escu.how_to_implement", ContentYamlFiles.text(yaml, "how_to_implement"));
    conf.set("action.escu.known_false_positives", ContentYamlFiles.text(yaml, "known_false_positives"));
    if (yaml.hasNonNull("date")) {
      conf.set("action.escu.creation_date", yaml.get("date").asText());
      conf.set("action.escu.modification_date", yaml.get("date").asText());
    }
    conf.set("action.escu.full_search_name", d.searchName());
    conf.set("action.escu.search_type", "detection");
    conf.set("action.escu.analytic_story", json(stories));
    conf.set("action.risk", schedule.riskEnabled() ? "1" : "0");
    if (!d.message().isBlank()) {
      conf.set("action.risk.param._risk_message", d.message());
    }
    if (!risk.isEmpty()) {
      conf.set("action.risk.param._risk", json(risk));
      conf.set("action.risk.param._risk_score", "0");
      conf.set("action.risk.param.verbose", "0");
    }
    conf.set("cron_schedule", schedule.cron());
    conf.set("dispatch.earliest_time", schedule.earliest());
    conf.set("dispatch.latest_time", schedule.latest());
    conf.set("action.correlationsearch.enabled", "1");
    conf.set("action.correlationsearch.label", d.searchName());
    conf.set("action.correlationsearch.annotations", json(annotations));
    conf.set("action.correlationsearch.metadata", json(metadata));
    if (!schedule.scheduleWindow().isBlank()) {
      conf.set("schedule_window", schedule.scheduleWindow());
    }
    conf.set("disabled", rule.enabled() ? "false" : "true");
    conf.set("enableSched", "1");
    conf.set("realtime_schedule", schedule.realtimeSchedule() ? "1" : "0");
    if (schedule.suppression().isPresent()) {
      conf.set("alert.suppress", "1");
      conf.set("alert.suppress.period", schedule.suppression().get().period().toSeconds() + "s");
      conf.set("alert.suppress.fields", String.join(",", schedule.suppression().get().fields()));
    }
    conf.set("search", d.search());
  }

  /** A lookup definition with only the settings that differ from Splunk's defaults (transforms.conf.spec). */
  private static void transforms(ConfWriter conf, LookupTable table) {
    conf.stanza(table.name());
    conf.set("filename", table.filename());
    if (!table.wildcardFields().isEmpty()) {
      conf.set("match_type", String.join(", ", table.wildcardFields().stream().sorted().map(f -> "WILDCARD(" + f + ")").toList()));
    }
    if (!table.caseSensitive()) {
      conf.set("case_sensitive_match", "false");
    }
    table.defaultMatch().ifPresent(v -> conf.set("default_match", v));
    if (table.minMatches() != 0) {
      conf.set("min_matches", Integer.toString(table.minMatches()));
    }
    if (table.maxMatches() != LookupTable.DEFAULT_MAX_MATCHES) {
      conf.set("max_matches", Integer.toString(table.maxMatches()));
    }
  }

  private static byte[] appConf() {
    return new ConfWriter().comment("Written by vigil content export")
        .stanza("install").set("is_configured", "false")
        .stanza("ui").set("is_visible", "false").set("label", "Vigil exported detections")
        .stanza("launcher").set("author", "Vigil").set("description", "Detections exported by vigil content export")
        .set("version", "1.0.0")
        .stanza("package").set("id", "vigil_exported_detections")
        .bytes();
  }

  private static String json(JsonNode node) throws IOException {
    return ContentYamlFiles.JSON.writeValueAsString(node);
  }

  private static Exported write(Path out, String relative, byte[] content) throws IOException {
    boolean written = AtomicFiles.write(out.resolve(relative), content);
    return new Exported("file", relative, relative, Optional.of(written));
  }
}
