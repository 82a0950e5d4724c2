package dev.vigil.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each kind of bad line gives exactly one problem naming file, line and field; the rest is still read. */
class MalformedLinesTest {
  private static final String GOOD_XML = Samples.sysmon("");
  private static final String GOOD_JSON = Samples.crowdStrike("ProcessRollup2", "1713805173418");

  static Stream<Arguments> badLines() {
    String truncated = GOOD_XML.substring(0, GOOD_XML.length() - 20);
    return Stream.of(
        Arguments.of("truncated XML", truncated, null, "malformed XML"),
        Arguments.of("XML cut after the root's content", GOOD_XML.replace("</Event>", ""), null, "malformed XML"),
        Arguments.of("undeclared entity", Samples.sysmon("<Data Name='User'>&boom;</Data>"), null, "malformed XML"),
        Arguments.of("not an Event", "<Foo/>", null, "expected an <Event> element, found <Foo>"),
        Arguments.of("invalid JSON", "{\"event_simpleName\": \"ProcessRollup2\", ", null, "invalid JSON"),
        Arguments.of("two JSON objects", GOOD_JSON + " {}", null,
            "invalid JSON at column 225: more than one JSON value on the line"),
        Arguments.of("Sysmon without any time", Samples.sysmon(1, null, "")
            .replace("<TimeCreated SystemTime='2021-01-14T23:41:40.145335200Z'/>", ""), "UtcTime", "missing"),
        Arguments.of("Sysmon bad UtcTime", Samples.sysmon(1, "2024-13-45 10:00:00.000", ""), "UtcTime",
            "cannot parse '2024-13-45 10:00:00.000' as a time"),
        Arguments.of("Sysmon without EventID", GOOD_XML.replace("<EventID>1</EventID>", ""), "EventID", "missing"),
        Arguments.of("4688 without time", Samples.security(4688, null), "TimeCreated/@SystemTime", "missing"),
        Arguments.of("4688 bad time", Samples.security(4688, "yesterday"), "TimeCreated/@SystemTime",
            "cannot parse 'yesterday' as a time"),
        Arguments.of("4688 bad pid", Samples.security(4688, "2021-01-14T23:41:39.9381753Z")
            .replace("0x1b28", "0xZZ"), "NewProcessId", "cannot parse '0xZZ' as a process id"),
        Arguments.of("CrowdStrike without timestamp", Samples.crowdStrike("ProcessRollup2", null), "timestamp",
            "missing"),
        Arguments.of("CrowdStrike bad timestamp", Samples.crowdStrike("ProcessRollup2", "\"soon\""), "timestamp",
            "cannot parse 'soon' as a time"),
        Arguments.of("CIM without _time", "{\"process_name\": \"cmd.exe\"}", "_time", "missing"),
        Arguments.of("CIM bad _time", "{\"_time\": \"2024-02-30T00:00:00Z\", \"dest\": \"h\"}", "_time",
            "cannot parse '2024-02-30T00:00:00Z' as a time"),
        Arguments.of("CIM multivalue", "{\"_time\": 1700000001, \"Processes.dest\": [\"a\", \"b\"]}", "Processes.dest",
            "expected a single value, found an array"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badLines")
  void oneProblemForTheBadLineAndTheRestIsRead(String what, String bad, String field, String message) {
    Ingested in = Ingested.lines("data.log", GOOD_XML, "", bad, GOOD_JSON);

    assertEquals(2, in.events().size(), in.problems().toString());
    assertEquals(1, in.problems().size(), in.problems().toString());
    assertEquals(1, in.summary().errors());
    IngestProblem problem = in.problems().get(0);
    assertEquals("data.log", problem.file());
    assertEquals(3, problem.line());
    assertEquals(field, problem.field());
    assertTrue(problem.message().contains(message), problem.toString());
  }

  @Test
  void problemReadsLikeACompilerMessage() {
    IngestProblem problem = Ingested.lines("data.xml", Samples.sysmon(1, "2024-13-45 10:00:00.000", ""))
        .problems().get(0);

    assertEquals("data.xml:1: field UtcTime: cannot parse '2024-13-45 10:00:00.000' as a time "
        + "(expected yyyy-MM-dd HH:mm:ss.SSS, UTC)", problem.toString());
  }

  @Test
  void truncatedXmlSaysWhere() {
    String truncated = GOOD_XML.substring(0, 200);

    IngestProblem problem = Ingested.lines("data.xml", truncated).problems().get(0);

    assertNull(problem.field());
    assertTrue(problem.toString().startsWith("data.xml:1: malformed XML at column "), problem.toString());
  }

  @Test // XXE and billion laughs: a DOCTYPE is refused, its entity never expanded
  void doctypeWithEntityIsRejectedNotExpanded() {
    String evil = "<!DOCTYPE Event [<!ENTITY x \"EXPANDED\">]>"
        + Samples.sysmon("<Data Name='CommandLine'>&x;</Data>");
    String external = "<?xml version='1.0'?><!DOCTYPE Event [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
        + Samples.sysmon("<Data Name='CommandLine'>&x;</Data>");

    Ingested in = Ingested.lines("evil.xml", evil, GOOD_XML, external);

    assertEquals(1, in.events().size());
    assertFalse(in.events().get(0).raw().contains("EXPANDED"));
    assertEquals(List.of(1L, 3L), in.problems().stream().map(IngestProblem::line).toList());
    for (IngestProblem problem : in.problems()) {
      assertTrue(problem.message().contains("DOCTYPE"), problem.toString());
      assertFalse(problem.message().contains("EXPANDED"), problem.toString());
    }
  }

  @Test // defence in depth: the parser itself refuses DTDs even when the text check is not reached
  void parserRefusesEntitiesOnItsOwn() throws Exception {
    WinEventXml xml = new WinEventXml();
    try {
      xml.parse("<Event><EventData><Data Name='CommandLine'>&x;</Data></EventData></Event>");
      throw new AssertionError("an undeclared entity must not parse");
    } catch (BadEvent e) {
      assertTrue(e.getMessage().startsWith("malformed XML"), e.getMessage());
    }
  }
}
