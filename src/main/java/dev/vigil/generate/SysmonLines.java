package dev.vigil.generate;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Sysmon EventID 1 in the shape of {@code content/datasets/certutil_sysmon_eid1.xml.log}: one {@code <Event>} per
 * line, the System section and the EventData fields Sysmon writes, escaped by the JDK's StAX writer.
 */
final class SysmonLines implements EventLines {
  private static final DateTimeFormatter UTC_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);
  private static final String NAMESPACE = "http://schemas.microsoft.com/win/2004/08/events/event";

  private final Writer out;
  private final XMLStreamWriter xml;
  private long recordId = 1;

  SysmonLines(OutputStream stream) throws IOException {
    out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 1 << 16);
    try {
      xml = XMLOutputFactory.newDefaultFactory().createXMLStreamWriter(out);
    } catch (XMLStreamException e) {
      throw new IOException(e);
    }
  }

  @Override
  public void write(SyntheticEvent e) throws IOException {
    try {
      xml.writeStartElement("Event");
      xml.writeDefaultNamespace(NAMESPACE);
      writeSystem(e);
      xml.writeStartElement("EventData");
      data("RuleName", "");
      data("UtcTime", UTC_TIME.format(Instant.ofEpochMilli(e.timeMillis())));
      data("ProcessGuid", e.processGuid());
      data("ProcessId", Long.toString(e.processId()));
      data("Image", e.image());
      data("OriginalFileName", e.originalFileName());
      data("CommandLine", e.commandLine());
      data("CurrentDirectory", e.currentDirectory());
      data("User", e.user());
      data("IntegrityLevel", e.integrityLevel());
      data("Hashes", e.hashes());
      data("ParentProcessGuid", e.parentProcessGuid());
      data("ParentProcessId", Long.toString(e.parentProcessId()));
      data("ParentImage", e.parentImage());
      data("ParentCommandLine", e.parentCommandLine());
      xml.writeEndElement();
      xml.writeEndElement();
      xml.flush();
    } catch (XMLStreamException x) {
      throw new IOException(x);
    }
    out.write('\n');
  }

  private void writeSystem(SyntheticEvent e) throws XMLStreamException {
    xml.writeStartElement("System");
    xml.writeEmptyElement("Provider");
    xml.writeAttribute("Name", "Microsoft-Windows-Sysmon");
    xml.writeAttribute("Guid", "{5770385F-C22A-43E0-BF4C-06F5698FFBD9}");
    element("EventID", "1");
    element("Version", "5");
    element("Level", "4");
    element("Task", "1");
    element("Opcode", "0");
    element("Keywords", "0x8000000000000000");
    xml.writeEmptyElement("TimeCreated");
    // Sysmon logs the event a moment after the process started.
    xml.writeAttribute("SystemTime", Instant.ofEpochMilli(e.timeMillis() + 7).toString());
    element("EventRecordID", Long.toString(recordId++));
    xml.writeEmptyElement("Correlation");
    xml.writeEmptyElement("Execution");
    xml.writeAttribute("ProcessID", "2468");
    xml.writeAttribute("ThreadID", "3128");
    element("Channel", "Microsoft-Windows-Sysmon/Operational");
    element("Computer", e.dest());
    xml.writeEmptyElement("Security");
    xml.writeAttribute("UserID", "S-1-5-18");
    xml.writeEndElement();
  }

  private void element(String name, String text) throws XMLStreamException {
    xml.writeStartElement(name);
    xml.writeCharacters(text);
    xml.writeEndElement();
  }

  private void data(String name, String value) throws XMLStreamException {
    xml.writeStartElement("Data");
    xml.writeAttribute("Name", name);
    xml.writeCharacters(value);
    xml.writeEndElement();
  }

  @Override
  public void close() throws IOException {
    try {
      xml.close();
    } catch (XMLStreamException e) {
      throw new IOException(e);
    }
    out.close();
  }
}
