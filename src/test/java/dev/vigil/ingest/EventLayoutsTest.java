package dev.vigil.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The layouts real collectors write besides one event a line: Windows event XML over many lines or several on one
 * (Event Viewer's "Save as XML", wevtutil), and Splunk's JSON export of a search. Each gives the events the one-line
 * form gives; where the event's text is the same (several on a line, an export), with the same ids, so that the
 * same events ingested both ways are stored once. A pretty-printed event keeps its own text as {@code _raw}.
 */
class EventLayoutsTest {
  private static final String SYSMON = Samples.sysmon("");
  private static final String OTHER_SYSMON = Samples.sysmon(1, "2021-01-14 23:45:00.000", "").replace("6952", "7000");
  private static final String CROWDSTRIKE = Samples.crowdStrike("ProcessRollup2", "1713805173418");

  private static String pretty(String xml) {
    return xml.replace("><", ">\n  <");
  }

  private static List<EventId> ids(Ingested read) {
    return read.events().stream().map(EventId::of).toList();
  }

  private static EventId idOf(String line) {
    return EventId.of(Ingested.lines("one.log", line).only());
  }

  /** What the event says, without its text. */
  private static List<Object> fields(ProcessEvent event) {
    return List.of(event.timeMillis(), event.sourcetype(), event.fields());
  }

  private static List<List<Object>> fields(Ingested read) {
    return read.events().stream().map(EventLayoutsTest::fields).toList();
  }

  private static List<Object> fieldsOf(String line) {
    return fields(Ingested.lines("one.log", line).only());
  }

  @Test
  void aPrettyPrintedEventIsOneEvent() {
    Ingested read = Ingested.text("pretty.xml", pretty(SYSMON) + "\n");

    assertEquals(List.of(), read.problems());
    assertEquals(List.of(fieldsOf(SYSMON)), fields(read));
    assertEquals(pretty(SYSMON), read.only().raw());
  }

  @Test // Event Viewer's "Save as XML" on one line
  void severalEventsOnOneLineInAnEventsWrapper() {
    Ingested read = Ingested.lines("saved.xml",
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Events>" + SYSMON + OTHER_SYSMON + "</Events>");

    assertEquals(List.of(), read.problems());
    assertEquals(List.of(idOf(SYSMON), idOf(OTHER_SYSMON)), ids(read));
  }

  @Test // the same, pretty-printed: a problem names the line its event starts on
  void prettyPrintedEventsInAWrapperWithTheLineOfEach() {
    String broken = pretty(SYSMON).replace("<Data Name='ProcessId'>", "<Data Name='ProcessId'>&nope;");
    String file = String.join("\n", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>", "<Events>", pretty(SYSMON),
        broken, pretty(OTHER_SYSMON), "</Events>", "");
    long brokenLine = 3 + pretty(SYSMON).lines().count();

    Ingested read = Ingested.text("saved.xml", file);

    assertEquals(List.of(fieldsOf(SYSMON), fieldsOf(OTHER_SYSMON)), fields(read));
    assertEquals(1, read.problems().size(), read.problems().toString());
    assertEquals(brokenLine, read.problems().get(0).line());
  }

  @Test // an event whose end never comes is cut short by the next event, which is read
  void anUnendedEventIsCutShortByTheNextOne() {
    String unended = pretty(SYSMON).replace("</Event>", "");

    Ingested read = Ingested.text("cut.xml", unended + "\n" + OTHER_SYSMON + "\n" + CROWDSTRIKE + "\n");

    assertEquals(List.of(idOf(OTHER_SYSMON), idOf(CROWDSTRIKE)), ids(read));
    assertEquals(1, read.problems().size(), read.problems().toString());
    assertEquals(1, read.problems().get(0).line());
  }

  @Test // the events Splunk exported are the events ingested from the source: the same ids, stored once
  void splunksJsonExportGivesTheEventsOfItsRaw() throws Exception {
    ObjectMapper json = new ObjectMapper();
    String exportedSysmon = json.writeValueAsString(Map.of("preview", false, "result",
        Map.of("_raw", SYSMON, "sourcetype", "XmlWinEventLog", "host", "host1")));
    String exportedCrowdStrike = json.writeValueAsString(Map.of("result", Map.of("_raw", CROWDSTRIKE)));
    String exportedText = json.writeValueAsString(Map.of("result", Map.of("_raw", "01/14/2021 11:41:39 PM text")));

    Ingested read = Ingested.lines("export.json", exportedSysmon, exportedCrowdStrike, exportedText);

    assertEquals(List.of(), read.problems());
    assertEquals(List.of(idOf(SYSMON), idOf(CROWDSTRIKE)), ids(read));
    assertEquals(Map.of(EventParser.SPLUNK_EXPORT_OTHER, 1L), read.summary().skipped());
  }

  @Test // the limit bounds an event over lines as it bounds a line; the event after it is read
  void anEventOverLinesLongerThanTheLimitIsOneProblem() throws Exception {
    String cim = "{\"_time\": 1716000000, \"dest\": \"after\"}";
    String text = pretty(SYSMON) + "\n" + cim + "\n";
    List<IngestProblem> problems = new ArrayList<>();
    List<ProcessEvent> events = new ArrayList<>();

    new EventReader(Clock.systemUTC(), 300).read(
        new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "long.xml",
        events::add, problems::add);

    assertEquals(List.of("long.xml:1: an XML event longer than the limit of 300 characters"),
        problems.stream().map(IngestProblem::toString).toList());
    assertEquals(List.of("after"), events.stream().map(e -> e.fields().get("dest")).toList());
  }
}
