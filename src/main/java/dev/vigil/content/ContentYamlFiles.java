package dev.vigil.content;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reading and writing security_content-format YAML, with parse errors naming file and line. */
final class ContentYamlFiles {
  static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
      .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
      .disable(YAMLGenerator.Feature.SPLIT_LINES)
      .build());
  static final ObjectMapper JSON = new ObjectMapper();

  private ContentYamlFiles() {}

  /** The YAML mapping in {@code text}; anything else is an {@link IOException} naming {@code source} and line. */
  static JsonNode mapping(String text, String source) throws IOException {
    try {
      JsonNode node = YAML.readTree(text);
      if (node == null || !node.isObject()) {
        throw new IOException(source + ": expected a YAML mapping");
      }
      return node;
    } catch (JsonProcessingException e) {
      int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
      throw new IOException(source + (line > 0 ? ":" + line : "") + ": not valid YAML: " + e.getOriginalMessage(), e);
    }
  }

  static JsonNode read(Path file) throws IOException {
    return mapping(Files.readString(file, StandardCharsets.UTF_8), file.toString());
  }

  static byte[] bytes(ObjectNode node) throws IOException {
    return YAML.writeValueAsString(node).getBytes(StandardCharsets.UTF_8);
  }

  /** The 1-based line on which {@code key:} starts at the top level of a YAML text, else 1. */
  static int lineOf(String text, String key) {
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].startsWith(key + ":")) {
        return i + 1;
      }
    }
    return 1;
  }

  static String text(JsonNode node, String field) {
    JsonNode value = node.path(field);
    return value.isValueNode() ? value.asText() : "";
  }
}
