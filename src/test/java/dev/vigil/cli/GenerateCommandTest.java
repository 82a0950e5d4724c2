package dev.vigil.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerateCommandTest {
  @TempDir
  Path dir;

  @Test
  void writesTheEventsAndPrintsTheGroundTruthPerRuleAndAsJson() throws Exception {
    Path out = dir.resolve("events.xml.log");
    Path truth = dir.resolve("truth.json");
    Cli.Outcome run = Cli.vigil("generate", "--events", "500", "--hours", "2", "--seed", "4", "--format", "sysmon",
        "--end", "2024-06-01T12:00:00Z", "--out", out.toString(), "--truth", truth.toString());
    assertEquals(0, run.exit(), run.err());
    assertEquals("", run.out(), "data goes to the file, not stdout");
    assertEquals(500, Files.readAllLines(out).size());
    assertTrue(Files.readString(out).startsWith("<Event xmlns="));
    assertEquals(30, run.err().lines().filter(line -> line.startsWith("truth: ")).count(), run.err());
    assertTrue(run.err().contains("truth: windows_iis_components_add_new_module rows=3 planted=3"), run.err());
    JsonNode json = Cli.JSON.readTree(truth.toFile());
    assertEquals(500, json.get("events").asLong());
    assertEquals("2024-06-01T10:00:00Z", json.get("start").asText());
    assertEquals("2024-06-01T12:00:00Z", json.get("end").asText());
    assertEquals(30, json.get("rules").size());
  }

  @Test
  void badOptionsAreUsageErrorsThatWriteNothing() {
    Path out = dir.resolve("never.ndjson");
    assertUsage(Cli.vigil("generate", "--format", "xml", "--out", out.toString()), "--format must be cim or sysmon");
    assertUsage(Cli.vigil("generate", "--events", "10", "--out", out.toString()), "--events must be at least");
    assertUsage(Cli.vigil("generate", "--hours", "0", "--out", out.toString()), "--hours must be at least 1");
    assertUsage(Cli.vigil("generate", "--end", "yesterday", "--out", out.toString()), "yesterday");
    assertUsage(Cli.vigil("generate", "--events", "100"), "--out");
    assertFalse(Files.exists(out));
  }

  private static void assertUsage(Cli.Outcome run, String message) {
    assertEquals(2, run.exit(), run.err());
    assertTrue(run.err().contains(message), run.err());
  }
}
