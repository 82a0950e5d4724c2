package dev.vigil.schedule;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The line of each value of a YAML file (a mapping's member: the line of its key), by its path ({@code tags.confidence},
 * {@code tags.mitre_attack_id[1]}), from Jackson's token locations: so that a check of a parsed value can name
 * the line the administrator has to change.
 */
final class YamlLines {
  private final Map<String, Integer> lines;

  private YamlLines(Map<String, Integer> lines) {
    this.lines = lines;
  }

  /** The lines of {@code text}; a text that does not parse has none (its parse error is reported elsewhere). */
  static YamlLines of(String text) {
    Map<String, Integer> lines = new LinkedHashMap<>();
    // One frame per open container: its path, and for a list the index of its next element.
    Deque<String> paths = new ArrayDeque<>();
    Deque<int[]> indexes = new ArrayDeque<>();
    String field = null;
    int fieldLine = 0;
    try (JsonParser parser = ContentYaml.MAPPER.getFactory().createParser(text)) {
      for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
        if (token == JsonToken.FIELD_NAME) {
          field = parser.currentName();
          fieldLine = parser.currentTokenLocation().getLineNr();
          continue;
        }
        if (token.isStructEnd()) {
          paths.pop();
          indexes.pop();
          continue;
        }
        boolean member = !indexes.isEmpty() && indexes.peek()[0] < 0;
        String path = paths.isEmpty() ? "" : child(paths.peek(), indexes.peek(), field);
        if (!path.isEmpty()) {
          // A mapping's member is where its key is: a nested mapping's own first token is a line below.
          lines.putIfAbsent(path, member ? fieldLine : parser.currentTokenLocation().getLineNr());
        }
        if (token.isStructStart()) {
          paths.push(path);
          indexes.push(new int[] {token == JsonToken.START_ARRAY ? 0 : -1});
        }
      }
    } catch (IOException e) {
      // Reported by the tree parse; positions are then unknown.
    }
    return new YamlLines(lines);
  }

  private static String child(String parent, int[] index, String field) {
    if (index[0] >= 0) {
      return parent + "[" + index[0]++ + "]";
    }
    return parent.isEmpty() ? field : parent + "." + field;
  }

  /** Every path of the file, containers and values, in the order they appear. */
  Set<String> paths() {
    return lines.keySet();
  }

  /** The 1-based line of the value at {@code path}, or 0 when there is none. */
  int line(String path) {
    return lines.getOrDefault(path, 0);
  }
}
