package dev.vigil.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.time.Window;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** A CI-sized run of the whole benchmark: the table's shape and DuckDB agreeing with Vigil, never its timings. */
class BenchTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path work;

  @Test
  void oneRunMeasuresEveryPartAndDuckDbFindsTheSeedRulesGroups() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit = new CommandLine(new FullBench(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8)))
        .execute("--events", "2000", "--threads", "2", "--work", work.toString());
    String table = err.toString(StandardCharsets.UTF_8);
    assertEquals(0, exit, table);

    Set<String> measured = new HashSet<>();
    for (String line : out.toString(StandardCharsets.UTF_8).lines().toList()) {
      JsonNode figure = JSON.readTree(line);
      assertTrue(figure.get("value").isNumber() && figure.get("value").asDouble() >= 0, line);
      measured.add(figure.get("section").asText() + " | " + figure.get("subject").asText() + " | "
          + figure.get("metric").asText());
    }
    List<String> expected = new ArrayList<>();
    for (String format : List.of("cim", "sysmon")) {
      expected.add("ingest | " + format + " | events_per_s");
      expected.add("ingest | " + format + " | mb_per_s");
      expected.add("heap | ingest " + format + " | peak");
      for (String part : List.of(IndexFootprint.STORED, IndexFootprint.POSTINGS, IndexFootprint.DOC_VALUES,
          "total without stored fields", "total", "stored fields / raw text")) {
        expected.add("index | " + format + " | " + part);
      }
    }
    expected.add("query | windows_iis_components_add_new_module | one window median");
    expected.add("query | windows_iis_components_add_new_module | 24 windows median");
    expected.add("rules | windows_iis_components_add_new_module | window median");
    expected.add("rules | certutil_exe_certificate_extraction | window median");
    expected.add("rules | all 30 rules | one scheduled hour");
    expected.add("heap | queries | peak");
    expected.add("duckdb | cim | load rows_per_s");
    expected.add("duckdb | windows_iis_components_add_new_module | one window median");
    expected.add("duckdb | windows_iis_components_add_new_module | 24 windows median");
    List<String> missing = expected.stream().filter(e -> !measured.contains(e)).toList();
    assertEquals(List.of(), missing, "measured: " + measured);
    assertEquals(30, measured.stream().filter(m -> m.startsWith("rules | ") && m.endsWith(" | window median")).count());

    List<String> lines = table.lines().toList();
    assertTrue(lines.get(lines.size() - 1).matches("window query: vigil [0-9.]+ ms, duckdb [0-9.]+ ms, ratio [0-9.]+;"
        + " ingest: vigil [0-9]+ ev/s, duckdb load [0-9]+ rows/s"), lines.get(lines.size() - 1));
    assertTrue(lines.get(0).startsWith("section"), "the table's header: " + lines.get(0));
  }

  @Test
  void groupsThatDifferInAnyWindowAreReported() {
    Window first = new Window(Instant.parse("2024-05-15T00:50:00Z"), Instant.parse("2024-05-15T01:50:00Z"));
    Window second = new Window(Instant.parse("2024-05-15T01:50:00Z"), Instant.parse("2024-05-15T02:50:00Z"));
    List<String> group = List.of("WKS-0001", "CORP\\user0001", "cmd.exe", "appcmd.exe", "appcmd.exe",
        "appcmd.exe install module /image:x", "4", "8", "1");
    VigilBench.Report vigil = new VigilBench.Report(List.of(), null, Path.of("events.ndjson"), 2, List.of(first, second),
        DuckDbBench.SEED_GROUP_FIELDS, List.of(Set.of(), Set.of(group)), 1, 1);
    assertEquals(List.of(), FullBench.disagreements(vigil, List.of(Set.of(), Set.of(group))));
    List<String> countDiffers = new ArrayList<>(group);
    countDiffers.set(group.size() - 1, "2");
    List<String> found = FullBench.disagreements(vigil, List.of(Set.of(), Set.of(List.copyOf(countDiffers))));
    assertEquals(1, found.size(), found.toString());
    assertTrue(found.get(0).contains(second.toString()), found.get(0));
    assertEquals(1, FullBench.disagreements(vigil, List.of(Set.of(group), Set.of(group))).size());
  }
}
