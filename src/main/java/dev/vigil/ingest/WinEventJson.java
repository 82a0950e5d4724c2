package dev.vigil.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads the JSON that evtx dumpers write ({@code {"Event": {"System": …, "EventData": …}}}, attributes under
 * {@code #attributes}, optionally wrapped as {@code {"origin": …, "event": {"Event": …}}}) into a {@link WinEvent}.
 */
final class WinEventJson {
  private WinEventJson() {}

  /** The {@code Event} object of an evtx-dump line, or a missing node when the line is not one. */
  static JsonNode eventNode(JsonNode root) {
    JsonNode wrapped = root.path("event").path("Event");
    return wrapped.isObject() ? wrapped : root.path("Event");
  }

  static WinEvent parse(JsonNode event) {
    JsonNode system = event.path("System");
    Map<String, String> data = new HashMap<>();
    for (Map.Entry<String, JsonNode> e : event.path("EventData").properties()) {
      if (e.getValue().isValueNode() && !e.getValue().isNull()) {
        data.put(e.getKey(), e.getValue().asText());
      }
    }
    return new WinEvent(
        text(system.path("Provider").path("#attributes").path("Name")),
        text(system.path("Channel")),
        text(system.path("EventID")),
        text(system.path("Computer")),
        text(system.path("TimeCreated").path("#attributes").path("SystemTime")),
        data);
  }

  /** A scalar's text; an element with attributes is dumped as {@code {"#attributes": …, "#text": value}}. */
  private static String text(JsonNode node) {
    JsonNode value = node.isObject() ? node.path("#text") : node;
    return value.isValueNode() && !value.isNull() ? value.asText() : null;
  }
}
