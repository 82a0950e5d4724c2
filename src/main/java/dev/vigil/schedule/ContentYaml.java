package dev.vigil.schedule;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads YAML content files, turning parse failures into errors with file and line. */
final class ContentYaml {
  static final ObjectMapper MAPPER = new ObjectMapper(new YAMLFactory());

  private ContentYaml() {}

  static JsonNode read(Path file) {
    return parse(file, text(file));
  }

  /** The file's text, for a caller that also needs the lines of its keys ({@link YamlLines}). */
  static String text(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new ContentException(file, 0, null, "cannot read: " + e.getMessage());
    }
  }

  /** {@code text}, read from {@code file}, as a YAML mapping. */
  static JsonNode parse(Path file, String text) {
    try {
      JsonNode node = MAPPER.readTree(text);
      if (node == null || !node.isObject()) {
        throw new ContentException(file, 0, null, "expected a YAML mapping");
      }
      return node;
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      throw new ContentException(file, at == null ? 0 : at.getLineNr(), null, e.getOriginalMessage());
    }
  }

  static String requiredText(JsonNode node, String field, Path file) {
    JsonNode value = node.path(field);
    if (!value.isValueNode() || value.asText().isBlank()) {
      throw new ContentException(file, 0, field, "missing or empty");
    }
    return value.asText();
  }
}
