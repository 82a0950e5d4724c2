package dev.vigil.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** NDJSON already normalised to CIM names elsewhere, with Splunk's {@code _time}. */
class CimJsonTest {

  @ParameterizedTest(name = "_time {0}")
  @CsvSource(delimiter = '|', value = {
      "1610667699               | 1610667699000",
      "1610667699.938           | 1610667699938", // exact: a double would give ...937
      "1610667699.9389          | 1610667699938", // sub-millisecond truncated
      "\"1610667699\"           | 1610667699000",
      "\"1610667699.5\"         | 1610667699500",
      "\"2021-01-14T23:41:39.938Z\"      | 1610667699938",
      "\"2021-01-15T00:41:39.938+01:00\" | 1610667699938",
      "\"2021-01-14T18:41:39.938-05:00\" | 1610667699938",
  })
  void timeAsEpochSecondsOrIsoWithOffset(String time, long millis) {
    ProcessEvent e = Ingested.lines("cim.json", "{\"_time\": " + time + ", \"dest\": \"h\"}").only();

    assertEquals(millis, e.timeMillis());
  }

  @Test
  void prefixedAndPlainNamesBothMapToThePlainCimField() {
    ProcessEvent e = Ingested.lines("cim.json",
        "{\"_time\": 1700000001, \"Processes.dest\": \"web-1\", \"user\": \"alice\", "
            + "\"Processes.process\": \"\\\"C:\\\\Program Files\\\\x\\\\a b.exe\\\" -x\", \"Processes.process_id\": 42, "
            + "\"process_integrity_level\": \"High\", \"host\": \"ignored\"}").only();

    assertEquals("web-1", e.field("dest"));
    assertEquals("alice", e.field("user"));
    assertEquals("a b.exe", e.field("process_name"));
    assertEquals("42", e.field("process_id"));
    assertEquals("high", e.field("process_integrity_level"));
    assertEquals(null, e.field("host"));
  }

  @Test // what tstats returned beats a plain copy, in either order
  void prefixedNameWinsOverPlain() {
    List<ProcessEvent> events = Ingested.lines("cim.json",
        "{\"_time\": 1700000001, \"dest\": \"plain\", \"Processes.dest\": \"prefixed\"}",
        "{\"_time\": 1700000001, \"Processes.dest\": \"prefixed\", \"dest\": \"plain\"}").events();

    assertEquals(List.of("prefixed", "prefixed"), events.stream().map(e -> e.field("dest")).toList());
  }

  @Test
  void sourceDefaultsToTheFileNameAndSourcetypeToVigilCim() {
    List<ProcessEvent> events = Ingested.lines("export.ndjson",
        "{\"_time\": 1700000001, \"dest\": \"h\"}",
        "{\"_time\": 1700000001, \"dest\": \"h\", \"source\": \"XmlWinEventLog:Security\", \"sourcetype\": \"xmlwineventlog\"}")
        .events();

    assertEquals("export.ndjson", events.get(0).source());
    assertEquals("vigil:cim", events.get(0).sourcetype());
    assertEquals("vigil:cim", events.get(0).field("vendor_product")); // the data model's fallback
    assertEquals("XmlWinEventLog:Security", events.get(1).source());
    assertEquals("xmlwineventlog", events.get(1).sourcetype());
  }

  @Test
  void rawIsTheLine() {
    String line = "{\"_time\": 1700000001, \"dest\": \"h\"}";

    assertEquals(line, Ingested.lines("cim.json", line).only().raw());
  }
}
