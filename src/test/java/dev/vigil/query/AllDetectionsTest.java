package dev.vigil.query;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vigil.ingest.ProcessEvent;
import dev.vigil.spl.Macro;
import dev.vigil.spl.MacroSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every shipped detection, unmodified, expands (SEMANTICS §4.4), parses and runs (§4.1-4.6) over the Sigma
 * regression events plus the certutil capture.
 */
class AllDetectionsTest {
  @TempDir
  static Path indexDir;

  @BeforeAll
  static void index() throws IOException {
    List<ProcessEvent> events = new ArrayList<>();
    events.addAll(Searches.read(Searches.CONTENT.resolve("datasets/sigma_regression_process_creation.ndjson")));
    events.addAll(Searches.read(Searches.CONTENT.resolve("datasets/certutil_exe_certificate_extraction.raw")));
    Searches.index(indexDir, events);
  }

  static List<String> stems() throws IOException {
    try (Stream<Path> files = Files.list(Searches.CONTENT.resolve("detections"))) {
      return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yml"))
          .map(n -> n.substring(0, n.length() - 4)).sorted().toList();
    }
  }

  @Test
  void everyDetectionParsesAndRuns() throws IOException {
    List<String> stems = stems();
    assertEquals(30, stems.size());
    List<String> failures = new ArrayList<>();
    for (String stem : stems) {
      MacroSource macros = Searches.macros(new Macro(stem + "_filter", List.of(), "search *"));
      try {
        Searches.run(indexDir, Searches.detectionSearch(stem), macros, Searches.ALL_TIME);
      } catch (RuntimeException | IOException e) {
        failures.add(stem + ": " + e.getClass().getSimpleName() + ": " + e.getMessage());
      }
    }
    assertEquals("", String.join("\n\n", failures));
  }
}
