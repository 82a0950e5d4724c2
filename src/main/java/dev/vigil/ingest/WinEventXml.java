package dev.vigil.ingest;

import java.io.StringReader;
import java.util.HashMap;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads one {@code <Event>} element (Windows event XML as Splunk's {@code XmlWinEventLog} stores it) into a
 * {@link WinEvent}. The factory is configured once and reused for every line; one instance per thread.
 */
final class WinEventXml {
  private final XMLInputFactory factory;

  WinEventXml() {
    // The JDK's own StAX, whatever else is on the class path; no DTDs so no entity can expand (XXE, billion laughs).
    factory = XMLInputFactory.newDefaultFactory();
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
  }

  WinEvent parse(String line) throws BadEvent {
    // Rejected before parsing, so that the message is clear and no parser setting has to be trusted alone.
    if (line.contains("<!DOCTYPE") || line.contains("<!ENTITY")) {
      throw new BadEvent(null, "DOCTYPE/ENTITY declarations are not allowed in an event; entities are never expanded");
    }
    XMLStreamReader reader = null;
    try {
      reader = factory.createXMLStreamReader(new StringReader(line));
      return read(reader);
    } catch (XMLStreamException e) {
      throw new BadEvent(null, describe(e));
    } finally {
      close(reader);
    }
  }

  private static WinEvent read(XMLStreamReader r) throws XMLStreamException, BadEvent {
    String provider = null, channel = null, eventId = null, computer = null, systemTime = null;
    Map<String, String> data = new HashMap<>();
    int depth = 0;
    String section = null;
    while (r.hasNext()) {
      switch (r.next()) {
        case XMLStreamConstants.DTD ->
            throw new BadEvent(null, "DOCTYPE declarations are not allowed in an event; entities are never expanded");
        case XMLStreamConstants.END_ELEMENT -> depth--;
        case XMLStreamConstants.START_ELEMENT -> {
          depth++;
          String name = r.getLocalName();
          if (depth == 1 && !name.equals("Event")) {
            throw new BadEvent(null, "expected an <Event> element, found <" + name + ">");
          } else if (depth == 2) {
            section = name;
          } else if (depth == 3 && "System".equals(section)) {
            switch (name) {
              case "Provider" -> provider = r.getAttributeValue(null, "Name");
              case "TimeCreated" -> systemTime = r.getAttributeValue(null, "SystemTime");
              case "EventID" -> eventId = text(r);
              case "Channel" -> channel = text(r);
              case "Computer" -> computer = text(r);
              default -> { }
            }
          } else if (depth == 3 && "EventData".equals(section) && name.equals("Data")) {
            String dataName = r.getAttributeValue(null, "Name");
            String value = r.getElementText(); // values keep their spaces: Splunk's extraction does
            if (dataName != null) {
              data.put(dataName, value);
            }
          }
          if (r.getEventType() == XMLStreamConstants.END_ELEMENT) {
            depth--; // getElementText consumed the end tag
          }
        }
        default -> { }
      }
    }
    return new WinEvent(provider, channel, eventId, computer, systemTime, data);
  }

  private static String text(XMLStreamReader r) throws XMLStreamException {
    return r.getElementText().strip();
  }

  /** The JDK's message without its "ParseError at [row,col]" preamble, with the column, which is what helps. */
  private static String describe(XMLStreamException e) {
    String message = String.valueOf(e.getMessage());
    int at = message.indexOf("Message: ");
    if (at >= 0) {
      message = message.substring(at + "Message: ".length());
    }
    String where = e.getLocation() == null ? "" : " at column " + e.getLocation().getColumnNumber();
    return "malformed XML" + where + ": " + message.strip();
  }

  private static void close(XMLStreamReader reader) {
    if (reader == null) {
      return;
    }
    try {
      reader.close();
    } catch (XMLStreamException ignored) {
      // Reading a String: nothing to release.
    }
  }
}
