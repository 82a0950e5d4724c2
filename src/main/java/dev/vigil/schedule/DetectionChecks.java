package dev.vigil.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.plan.DataSet;
import dev.vigil.spl.Command;
import dev.vigil.spl.OutputFields;
import dev.vigil.spl.Pipeline;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a detection must get right besides a search that parses: the fields of its YAML that risk events and
 * rule lookups rely on, and whether the search's output carries the fields its risk objects, threat objects and
 * message name. Which problems are errors and which warnings is decided in {@link RuleCheck}.
 */
final class DetectionChecks {
  private static final Pattern UUID = Pattern.compile(
      "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
  private static final Pattern MITRE_TECHNIQUE = Pattern.compile("T\\d{4}(\\.\\d{3})?");
  private static final Pattern MESSAGE_TOKEN = Pattern.compile("\\$([^$\\s]+)\\$");

  private final Path file;
  private final JsonNode root;
  private final YamlLines lines;
  private final Consumer<RuleCheck.Finding> findings;

  private DetectionChecks(Path file, JsonNode root, YamlLines lines, Consumer<RuleCheck.Finding> findings) {
    this.file = file;
    this.root = root;
    this.lines = lines;
    this.findings = findings;
  }

  static DetectionChecks of(Path file, Consumer<RuleCheck.Finding> findings) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new ContentException(file, 0, null, "cannot read: " + e.getMessage());
    }
    return new DetectionChecks(file, ContentYaml.read(file), YamlLines.of(text), findings);
  }

  /** The fields of the YAML itself: id, MITRE ids, the numbers risk scores come from. */
  void checkFields(Detection detection) {
    if (!UUID.matcher(detection.id()).matches()) {
      error("id", "'" + detection.id() + "' is not a UUID (expected 8-4-4-4-12 hex digits)");
    }
    JsonNode mitre = root.path("tags").path("mitre_attack_id");
    for (int i = 0; i < mitre.size(); i++) {
      String id = mitre.get(i).asText();
      if (!MITRE_TECHNIQUE.matcher(id).matches()) {
        error("tags.mitre_attack_id[" + i + "]", "'" + id + "' is not a MITRE ATT&CK technique id (T1234 or T1234.001)");
      }
    }
    JsonNode tags = root.path("tags");
    boolean scoredByTags = !tags.hasNonNull("risk_score") && detection.observables().stream()
        .anyMatch(o -> o.roles().contains("Victim"));
    for (String field : List.of("confidence", "impact")) {
      if (tags.has(field)) {
        score("tags." + field, tags.get(field));
      } else if (scoredByTags) {
        error("tags." + field, "missing: the risk score of the risk objects is confidence × impact / 100");
      }
    }
    if (tags.has("risk_score")) {
      score("tags.risk_score", tags.get("risk_score"));
    }
    JsonNode riskObjects = root.path("rba").path("risk_objects");
    for (int i = 0; i < riskObjects.size(); i++) {
      score("rba.risk_objects[" + i + "].score", riskObjects.get(i).path("score"));
    }
  }

  /** The search reads a data set Vigil stores, and every field of it that the search names is in that data set. */
  void checkDataModel(Pipeline pipeline, String expanded, SearchProblems problems) {
    if (!(pipeline.first() instanceof Command.Tstats tstats)) {
      return;
    }
    Optional<DataSet> dataSet = DataSet.of(tstats.datamodel(), tstats.dataset());
    if (dataSet.isEmpty()) {
      Matcher model = Pattern.compile("datamodel\\s*=\\s*\"?([^\\s\"|]+)", Pattern.CASE_INSENSITIVE).matcher(expanded);
      problems.error(model.find() ? model.start(1) : 0, "data model '" + tstats.datamodel() + "." + tstats.dataset()
          + "' is not one Vigil stores: tstats can read " + DataSet.known() + " only");
      return;
    }
    Matcher field = Pattern.compile("(?<![\\w.$])" + Pattern.quote(dataSet.get().prefix())
        + "([A-Za-z_][A-Za-z0-9_]*(?:\\.[A-Za-z_][A-Za-z0-9_]*)*)(?![\\w*])").matcher(expanded);
    Set<String> reported = new HashSet<>();
    while (field.find()) {
      if (!dataSet.get().hasField(field.group(1)) && reported.add(field.group())) {
        problems.error(field.start(), "'" + field.group() + "' is not a field of the "
            + dataSet.get().qualifiedName() + " data model");
      }
    }
  }

  /**
   * Every risk object is a field of the search's output (else its risk events silently never appear: an error);
   * threat objects and message tokens too (else they stay empty: a warning).
   */
  void checkOutput(Detection detection, OutputFields output) {
    List<Detection.Observable> observables = detection.observables();
    for (int i = 0; i < observables.size(); i++) {
      Detection.Observable o = observables.get(i);
      String path = "tags.observable[" + i + "].name";
      if (o.roles().contains("Victim")) {
        riskObject(path, o.name(), output);
      }
      if (o.roles().contains("Attacker")) {
        threatObject(path, o.name(), output);
      }
    }
    JsonNode rba = root.path("rba");
    for (int i = 0; i < rba.path("risk_objects").size(); i++) {
      riskObject("rba.risk_objects[" + i + "].field", rba.path("risk_objects").get(i).path("field").asText(), output);
    }
    for (int i = 0; i < rba.path("threat_objects").size(); i++) {
      threatObject("rba.threat_objects[" + i + "].field", rba.path("threat_objects").get(i).path("field").asText(), output);
    }
    String messagePath = rba.hasNonNull("message") ? "rba.message" : "tags.message";
    Matcher token = MESSAGE_TOKEN.matcher(root.at("/" + messagePath.replace('.', '/')).asText(""));
    while (token.find()) {
      if (output.has(token.group(1)).equals(Optional.of(false))) {
        warning(messagePath, "$" + token.group(1) + "$ is not a field of the search's output ("
            + output.listed() + "): the risk message shows it empty");
      }
    }
  }

  private void riskObject(String path, String field, OutputFields output) {
    Optional<Boolean> has = output.has(field);
    if (has.isEmpty()) {
      warning(path, "whether the search's output has risk object '" + field + "' is unknown until it runs (after "
          + output.why() + ")");
    } else if (!has.get()) {
      error(path, "risk object '" + field + "' is not a field of the search's output (" + output.listed()
          + "): the rule would write no risk event for it");
    }
  }

  private void threatObject(String path, String field, OutputFields output) {
    if (output.has(field).equals(Optional.of(false))) {
      warning(path, "threat object '" + field + "' is not a field of the search's output (" + output.listed()
          + "): risk events would carry no threat object for it");
    }
  }

  private void score(String path, JsonNode value) {
    if (!value.canConvertToExactIntegral() || !value.isNumber() || value.asInt() < 1 || value.asInt() > 100) {
      error(path, "'" + value.asText() + "' is not a whole number from 1 to 100");
    }
  }

  private void error(String path, String message) {
    findings.accept(RuleCheck.Finding.error(ContentException.format(file, lines.line(path), path, message)));
  }

  private void warning(String path, String message) {
    findings.accept(RuleCheck.Finding.warning(ContentException.format(file, lines.line(path), path, message)));
  }

  /** Where problems found in the expanded search are reported: positioned in the search as the file wrote it. */
  interface SearchProblems {
    void error(int expandedOffset, String message);
  }
}
