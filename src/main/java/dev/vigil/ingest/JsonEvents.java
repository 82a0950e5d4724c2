package dev.vigil.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Tells the JSON event formats apart by their shape and maps each, with one mapper for all lines.
 *
 * <ul>
 *   <li>{@code event_simpleName} present: CrowdStrike Falcon;
 *   <li>{@code Event} (or {@code event.Event}) object: an evtx dump of a Windows event;
 *   <li>{@code result} object with a text {@code _raw}: Splunk's JSON export of a search, whose {@code _raw} is read
 *       as the event it is ({@link Outcome.Wrapped});
 *   <li>{@code _time} present, or any CIM process field: CIM, normalised elsewhere;
 *   <li>anything else: counted as unrecognised JSON.
 * </ul>
 */
final class JsonEvents {
  static final String UNRECOGNISED = "JSON (unrecognised)";

  private final ObjectMapper mapper = JsonMapper.builder()
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS) // two objects on one line is a broken line
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS) // _time fractions stay exact
      .build();

  Outcome map(String line, String fileName) throws BadEvent {
    JsonNode root = parse(line);
    if (!root.isObject()) {
      throw new BadEvent(null, "expected a JSON object, found " + root.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
    }
    if (root.has("event_simpleName")) {
      return CrowdStrikeProcessRollup.map(root, line);
    }
    JsonNode exported = root.path("result").path("_raw");
    if (exported.isTextual()) {
      return new Outcome.Wrapped(exported.asText());
    }
    JsonNode winEvent = WinEventJson.eventNode(root);
    if (winEvent.isObject()) {
      return WindowsEvents.map(WinEventJson.parse(winEvent), line);
    }
    if (root.has(CimFields.TIME) || CimJson.looksLikeCim(root)) {
      return new Outcome.Mapped(CimJson.map(root, fileName, line));
    }
    return new Outcome.Skipped(UNRECOGNISED);
  }

  private JsonNode parse(String line) throws BadEvent {
    try {
      return mapper.readTree(line);
    } catch (JsonProcessingException e) {
      String where = e.getLocation() == null ? "" : " at column " + e.getLocation().getColumnNr();
      String message = e.getOriginalMessage();
      // Jackson's own wording for this case talks about data binding; say what is wrong with the line.
      if (message.startsWith("Trailing token")) {
        message = "more than one JSON value on the line";
      }
      throw new BadEvent(null, "invalid JSON" + where + ": " + message);
    } catch (NumberFormatException e) {
      // Jackson refuses numbers BigDecimal cannot hold (an exponent of ten digits) with this unchecked exception.
      throw new BadEvent(null, "invalid JSON: a number out of range (" + BadEvent.quote(e.getMessage()) + ")");
    }
  }
}
