package dev.vigil.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Parsing on several threads gives what reading on one gives: the same events, counts and problems in order. */
@Timeout(60)
class ParallelEventReaderTest {
  @TempDir
  Path folder;

  static Stream<Path> datasets() throws IOException {
    try (Stream<Path> files = Files.list(Ingested.DATASETS)) {
      return files.filter(Files::isRegularFile).sorted().toList().stream();
    }
  }

  @ParameterizedTest
  @MethodSource("datasets")
  void readsEveryDatasetAsTheSingleThreadedReaderDoes(Path dataset) throws IOException {
    assertSameAsSequential(dataset);
  }

  @Test
  void reportsProblemsInFileOrderAcrossManyBatches() throws IOException {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      lines.add(i % 7 == 3
          ? "{\"_time\": 1715774400, \"dest\": \"broken " + i + "\""
          : "{\"_time\": " + (1715774400 + i) + ", \"dest\": \"WKS-" + i + "\", \"process\": \"cmd.exe /c " + i + "\"}");
      if (i % 50 == 0) {
        lines.add("01/14/2021 11:41:39 PM");
        lines.add("a text event, skipped");
      }
    }
    Path file = folder.resolve("mixed.ndjson");
    Files.write(file, lines, StandardCharsets.UTF_8);

    Read parallel = assertSameAsSequential(file);

    assertEquals(71, parallel.problems().size());
    assertEquals(10, parallel.summary().skipped().get(EventReader.TEXT_KIND));
  }

  @Test
  void aFailingSinkStopsTheReadWithItsError() throws IOException {
    Path file = folder.resolve("events.ndjson");
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      lines.add("{\"_time\": " + (1715774400 + i) + ", \"dest\": \"WKS-" + i + "\"}");
    }
    Files.write(file, lines, StandardCharsets.UTF_8);
    try (ParallelEventReader reader = new ParallelEventReader(2, Clock.systemUTC(), TextLines.DEFAULT_MAX_LINE_BYTES, 4)) {
      IllegalStateException error = assertThrows(IllegalStateException.class, () -> reader.read(file,
          event -> {
            throw new IllegalStateException("disk full");
          }, problem -> {}, (bytes, events) -> {}));
      assertEquals("disk full", error.getMessage());
    }
  }

  private record Read(List<String> events, List<IngestProblem> problems, ReadSummary summary) {}

  private static Read assertSameAsSequential(Path file) throws IOException {
    List<String> events = new ArrayList<>();
    List<IngestProblem> problems = new ArrayList<>();
    ReadSummary summary = new EventReader().read(file, event -> events.add(event.toString()), problems::add);
    List<String> parallelEvents = Collections.synchronizedList(new ArrayList<>());
    List<IngestProblem> parallelProblems = new ArrayList<>();
    long[] lastEvents = {0};
    ReadSummary parallelSummary;
    try (ParallelEventReader reader = new ParallelEventReader(3, Clock.systemUTC(), TextLines.DEFAULT_MAX_LINE_BYTES, 3)) {
      parallelSummary = reader.read(file, event -> parallelEvents.add(event.toString()), parallelProblems::add,
          (bytes, count) -> lastEvents[0] = count);
    }
    events.sort(Comparator.naturalOrder());
    List<String> sortedParallel = new ArrayList<>(parallelEvents);
    sortedParallel.sort(Comparator.naturalOrder());
    assertEquals(summary, parallelSummary);
    assertEquals(events, sortedParallel);
    assertEquals(problems, parallelProblems);
    assertEquals(summary.events(), lastEvents[0], "the last progress report counts every event");
    return new Read(sortedParallel, parallelProblems, parallelSummary);
  }
}
