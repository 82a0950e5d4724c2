package dev.vigil.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchCommandTest {
  @TempDir
  Path work;

  @Test
  void theProductsBenchMeasuresVigilAndSaysWhereTheDuckDbComparisonIs() throws Exception {
    Cli.Outcome run = Cli.vigil("bench", "--events", "1500", "--hours", "4", "--threads", "1", "--work", work.toString());
    assertEquals(0, run.exit(), run.err());
    List<JsonNode> figures = run.rows();
    assertTrue(figures.stream().anyMatch(f -> f.get("metric").asText().equals("4 windows median")), run.out());
    assertTrue(figures.stream().noneMatch(f -> f.get("section").asText().equals("duckdb")), run.out());
    List<String> lines = run.err().lines().toList();
    assertTrue(lines.get(lines.size() - 1).matches("window query: vigil [0-9.]+ ms; ingest: vigil [0-9]+ ev/s"
        + " \\(DuckDB: mvn -Pbench, see docs/performance.md\\)"), lines.get(lines.size() - 1));
    assertTrue(Files.exists(work.resolve("events.ndjson")), "--work keeps the files");
  }

  @Test
  void badOptionsAreUsageErrors() {
    Cli.Outcome threads = Cli.vigil("bench", "--threads", "0", "--work", work.resolve("t").toString());
    assertEquals(2, threads.exit(), threads.err());
    assertTrue(threads.err().contains("--threads must be at least 1"), threads.err());
    Cli.Outcome events = Cli.vigil("bench", "--events", "5", "--work", work.resolve("e").toString());
    assertEquals(2, events.exit(), events.err());
    assertTrue(events.err().contains("--events must be at least"), events.err());
    Cli.Outcome shards = Cli.vigil("bench", "--shards", "4", "--work", work.resolve("s").toString());
    assertEquals(2, shards.exit(), shards.err());
    assertTrue(shards.err().startsWith("--shards and --replicas are for --backend opensearch\n"), shards.err());
    assertTrue(!Files.exists(work.resolve("t")) && !Files.exists(work.resolve("e")) && !Files.exists(work.resolve("s")),
        "nothing generated");
  }
}
