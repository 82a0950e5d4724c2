package dev.vigil.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 9's acceptance: each real {@code .evtx} file of the content gives exactly the events of its evtx-dump JSON
 * twin, read the way {@code vigil ingest} reads both: the same process events with the same CIM fields and times,
 * the same events skipped, no problem. Two differences are renderings of the same value, and normalised: a GUID
 * is {@code {UPPER}} as Windows writes it (evtx_dump drops the braces), and evtx_dump trims the trailing spaces
 * that a value holds (Sysmon's {@code ParentCommandLine} of {@code "C:\...\cmd.exe" }), which the binary keeps.
 */
class EvtxIngestTest {
  private static final Path EVTX = Path.of("../shared/content/datasets/evtx");

  static Stream<Path> files() throws IOException {
    try (Stream<Path> files = Files.list(EVTX)) {
      return files.filter(f -> f.toString().endsWith(".evtx")).sorted().toList().stream();
    }
  }

  @ParameterizedTest
  @MethodSource("files")
  void givesTheEventsOfItsJsonTwin(Path evtx) throws IOException {
    Read binary = read(evtx);
    Read twin = read(Path.of(evtx.toString().replaceFirst("\\.evtx$", ".json")));

    assertEquals(List.of(), binary.problems());
    assertEquals(List.of(), twin.problems());
    assertEquals(twin.summary().skipped(), binary.summary().skipped(), "the same events skipped");
    assertEquals(twin.events().size(), binary.events().size());
    for (int i = 0; i < twin.events().size(); i++) {
      ProcessEvent expected = twin.events().get(i);
      ProcessEvent actual = binary.events().get(i);
      assertEquals(expected.timeMillis(), actual.timeMillis(), evtx + " event " + i);
      assertEquals(expected.sourcetype(), actual.sourcetype());
      assertEquals(normalised(expected.fields()), normalised(actual.fields()), evtx + " event " + i);
      assertTrue(actual.raw().startsWith("<Event xmlns=\"http://schemas.microsoft.com/win/2004/08/events/event\">"),
          "stored as the event XML Windows renders: " + actual.raw());
    }
  }

  @ParameterizedTest
  @MethodSource("files")
  void ingestingItTwiceStoresNothingNew(Path evtx) throws IOException {
    assertEquals(read(evtx).events().stream().map(EventId::of).toList(),
        read(evtx).events().stream().map(EventId::of).toList());
  }

  private record Read(List<ProcessEvent> events, List<IngestProblem> problems, ReadSummary summary) {}

  private static Read read(Path file) throws IOException {
    List<ProcessEvent> events = new ArrayList<>();
    List<IngestProblem> problems = new ArrayList<>();
    ReadSummary summary = new EventReader().read(file, events::add, problems::add);
    return new Read(events, problems, summary);
  }

  private static Map<String, String> normalised(Map<String, String> fields) {
    Map<String, String> out = new LinkedHashMap<>();
    fields.forEach((name, value) -> out.put(name, value.matches("\\{[0-9A-Fa-f-]{36}}")
        ? value.substring(1, 37).toUpperCase() : value.stripTrailing()));
    return out;
  }
}
