package dev.vigil.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.ingest.ProcessEvent;
import dev.vigil.lookup.LookupTables;
import dev.vigil.spl.Macro;
import dev.vigil.spl.MacroExpander;
import dev.vigil.spl.MacroSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every shipped detection, unmodified, expands (SEMANTICS §4.4), parses and runs (§4.1-4.6) over the Sigma
 * regression events, the certutil capture and Vigil's three bundled demo samples (Sysmon, 4688, CrowdStrike),
 * all in one index.
 */
class AllDetectionsTest {
  @TempDir
  static Path indexDir;

  @BeforeAll
  static void index() throws IOException {
    List<ProcessEvent> events = new ArrayList<>();
    events.addAll(Searches.read(Searches.CONTENT.resolve("datasets/sigma_regression_process_creation.ndjson")));
    events.addAll(Searches.read(Searches.CONTENT.resolve("datasets/certutil_exe_certificate_extraction.raw")));
    Path demo = Path.of("src/main/resources/dev/vigil/cli/demo");
    for (String sample : List.of(
        "sysmon_eventid_1.xml.log", "security_4688.xml.log", "crowdstrike_processrollup2.json")) {
      events.addAll(Searches.read(demo.resolve(sample)));
    }
    // 129 Sigma + 20 Sysmon and 20 4688 of the capture (its PowerShell text is skipped) + 6 + 4 + 4 demo events
    assertEquals(129 + 40 + 6 + 4 + 4, events.size());
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

  /**
   * Every lookup table a detection names (inputlookup, lookup, also inside its macros) ships in config/lookups
   * with its YAML (SEMANTICS §4.6).
   */
  @Test
  void everyLookupADetectionNamesShips() throws IOException {
    Pattern named = Pattern.compile("\\b(?:inputlookup|lookup)\\s+(?:\\w+=\\S+\\s+)*([\\w.]+)");
    LookupTables shipped = LookupTables.load(Searches.LOOKUPS);
    List<String> seen = new ArrayList<>();
    for (String stem : stems()) {
      MacroSource macros = Searches.macros(new Macro(stem + "_filter", List.of(), "search *"));
      Matcher m = named.matcher(new MacroExpander(macros).expand(Searches.detectionSearch(stem)).text());
      while (m.find()) {
        seen.add(m.group(1));
        assertTrue(shipped.has(m.group(1)), stem + " names lookup " + m.group(1) + ", missing from config/lookups");
        assertTrue(shipped.find(m.group(1)).orElseThrow().rows().size() > 0);
      }
    }
    assertEquals(List.of("linux_tool_discovery_process.csv"), seen);
    assertTrue(Files.exists(Searches.LOOKUPS.resolve("linux_tool_discovery_process.yml")));
  }
}
