package dev.vigil.schedule;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text of a rule's file in {@code config/local/rules/}, changed one top-level key at a time, so that what the
 * administrator wrote around those keys (comments, order, other overrides) stays as written, as Splunk keeps a
 * {@code local/savedsearches.conf} that the UI changes.
 */
final class LocalRuleText {
  /** A top-level {@code key: scalar}, then perhaps a comment, which stays. */
  private static final Pattern SCALAR_LINE = Pattern.compile("([A-Za-z_][\\w.]*):[ \\t]*[^#\\s][^#]*?(\\s+#.*)?");

  private LocalRuleText() {}

  /**
   * {@code text} with each key set to its value (YAML scalar text) or removed when the value is empty. A key
   * whose line cannot be changed alone (a block value, a flow mapping) gets the file written anew from its
   * parsed content: correct, though its comments are lost then.
   */
  static String with(String text, Map<String, Optional<String>> values) throws JsonProcessingException {
    ObjectNode expected = parse(text);
    List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
    if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
      lines.remove(lines.size() - 1);
    }
    YamlLines positions = YamlLines.of(text);
    List<Integer> removed = new ArrayList<>();
    for (Map.Entry<String, Optional<String>> entry : values.entrySet()) {
      String key = entry.getKey();
      Optional<String> value = entry.getValue();
      if (value.isPresent()) {
        expected.set(key, ContentYaml.MAPPER.readTree(key + ": " + value.get()).get(key));
      } else {
        expected.remove(key);
      }
      int line = positions.line(key);
      if (line == 0) {
        value.ifPresent(v -> lines.add(key + ": " + v));
        continue;
      }
      Matcher scalar = SCALAR_LINE.matcher(lines.get(line - 1));
      if (!scalar.matches() || !scalar.group(1).equals(key)) {
        return ContentYaml.MAPPER.writeValueAsString(expected);
      }
      if (value.isPresent()) {
        lines.set(line - 1, key + ": " + value.get() + (scalar.group(2) != null ? scalar.group(2) : ""));
      } else {
        removed.add(line - 1);
      }
    }
    removed.stream().sorted((a, b) -> b - a).forEach(index -> lines.remove((int) index));
    String changed = String.join("\n", lines) + "\n";
    // The check that the lines changed are the keys meant: otherwise the file is written from its content.
    return parse(changed).equals(expected) ? changed : ContentYaml.MAPPER.writeValueAsString(expected);
  }

  private static ObjectNode parse(String text) throws JsonProcessingException {
    JsonNode node = text.isBlank() ? null : ContentYaml.MAPPER.readTree(text);
    return node instanceof ObjectNode object ? object : ContentYaml.MAPPER.createObjectNode();
  }
}
