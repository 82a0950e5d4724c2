package dev.vigil.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Events that are not process creations are counted by kind and skipped, never fatal. */
class SkippedKindsTest {

  @Test
  void otherEventIdsAndCrowdStrikeEventsAreCountedByKind() {
    Ingested in = Ingested.lines("mixed.log",
        Samples.sysmon(3, "2021-01-14 23:41:39.938", ""),
        Samples.sysmon(3, "2021-01-14 23:41:39.938", ""),
        Samples.security(4624, "2021-01-14T23:41:39Z"),
        Samples.crowdStrike("DnsRequest", "1713805173418"),
        Samples.sysmon(""),
        "{\"hello\": \"world\"}",
        "<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><EventID>7045</EventID>"
            + "<Channel>System</Channel></System></Event>");

    assertEquals(List.of(), in.problems());
    assertEquals(1, in.summary().events());
    assertEquals(Map.of("Sysmon EventID 3", 2L, "Security EventID 4624", 1L, "CrowdStrike DnsRequest", 1L,
        "JSON (unrecognised)", 1L, "System EventID 7045", 1L), in.summary().skipped());
    assertEquals(6, in.summary().skippedTotal());
  }

  @Test // a skipped event is still checked no further than needed: its time does not matter
  void skippedEventsNeedNoTime() {
    Ingested in = Ingested.lines("s.log", Samples.sysmon(3, null, "").replace("TimeCreated", "NoTime"));

    assertEquals(List.of(), in.problems());
    assertEquals(Map.of("Sysmon EventID 3", 1L), in.summary().skipped());
  }

  @Test // one count per text event; script lines inside it, even ones like '{' or '<#', are part of it
  void multiLineTextEventsCountOncePerHeader() {
    Ingested in = Ingested.lines("ps.log",
        "01/14/2021 11:41:39 PM",
        "LogName=Microsoft-Windows-PowerShell/Operational",
        "EventCode=4104",
        "Message=Creating Scriptblock text (1 of 1):",
        "function Get-X",
        "{",
        "<#",
        "  .SYNOPSIS",
        "#>",
        "}",
        "",
        "01/14/2021 11:41:40 PM",
        "EventCode=4104",
        Samples.sysmon(""),
        "a stray line of text",
        "and its continuation");

    assertEquals(List.of(), in.problems());
    assertEquals(1, in.events().size());
    assertEquals(Map.of("text", 3L), in.summary().skipped());
  }

  @Test
  void blankLinesAndCrLfAreIgnored() {
    Ingested in = Ingested.text("crlf.log", "\r\n" + Samples.sysmon("") + "\r\n   \r\n\t\r\n");

    assertEquals(Samples.sysmon(""), in.only().raw());
    assertEquals(Map.of(), in.summary().skipped());
  }

  @Test
  void aByteOrderMarkOnTheFirstLineIsNotPartOfTheEvent() {
    ProcessEvent e = Ingested.text("bom.log", "\uFEFF" + Samples.sysmon("")).only();

    assertEquals(Samples.sysmon(""), e.raw());
  }
}
