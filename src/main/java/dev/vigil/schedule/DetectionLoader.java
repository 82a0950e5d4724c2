package dev.vigil.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads a security_content detection YAML file, unmodified, into a {@link Detection}. */
public final class DetectionLoader {
  private DetectionLoader() {}

  /**
   * Whether {@code file} is meant as a detection: a YAML mapping with a {@code search} field. Other YAML
   * (a macro, a lookup, a deployment) is not one.
   *
   * @throws ContentException when the file is not YAML
   */
  public static boolean isDetection(Path file) {
    return ContentYaml.read(file).has("search");
  }

  public static Detection load(Path file) {
    JsonNode root = ContentYaml.read(file);
    JsonNode tags = root.path("tags");
    String fileName = file.getFileName().toString();
    String stem = fileName.replaceFirst("\\.ya?ml$", "");
    List<Detection.Observable> observables = new ArrayList<>();
    for (JsonNode observable : tags.path("observable")) {
      List<String> roles = new ArrayList<>();
      observable.path("role").forEach(r -> roles.add(r.asText()));
      observables.add(new Detection.Observable(
          ContentYaml.requiredText(observable, "name", file), observable.path("type").asText(""), roles));
    }
    return new Detection(file, stem,
        ContentYaml.requiredText(root, "id", file),
        ContentYaml.requiredText(root, "name", file),
        ContentYaml.requiredText(root, "type", file),
        ContentYaml.requiredText(root, "search", file),
        root.path("description").asText(""),
        tags.path("message").asText(""),
        tags.path("confidence").asInt(0),
        tags.path("impact").asInt(0),
        tags.hasNonNull("risk_score") ? tags.get("risk_score").asInt() : null,
        texts(tags.path("mitre_attack_id")),
        texts(tags.path("analytic_story")),
        observables,
        tags.path("security_domain").asText("threat"));
  }

  private static List<String> texts(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(v -> values.add(v.asText()));
    return values;
  }
}
