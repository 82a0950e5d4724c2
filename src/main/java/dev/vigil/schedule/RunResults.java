package dev.vigil.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.query.Row;
import dev.vigil.store.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The result rows of the scheduled runs of rules that write no risk events (Hunting searches): without them a
 * hunting rule's runs would leave nothing to look at, as a saved search's results in Splunk are kept for each
 * run. One NDJSON file a run, {@code results/RULE/SCHEDULED.ndjson} under the index folder (the scheduled time in
 * epoch seconds), written whole and atomically before the run is recorded as finished; a rerun replaces it.
 */
public final class RunResults {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path folder;

  public RunResults(Path indexDir) {
    this.folder = indexDir.resolve("results");
  }

  public void keep(String rule, Instant scheduled, List<Row> rows) throws IOException {
    StringBuilder text = new StringBuilder();
    for (Row row : rows) {
      text.append(JSON.writeValueAsString(row.asMap())).append('\n');
    }
    AtomicFiles.write(file(rule, scheduled), text.toString().getBytes(StandardCharsets.UTF_8));
  }

  /** The rows of the rule's run at {@code scheduled}, if it kept them. */
  public Optional<List<JsonNode>> of(String rule, Instant scheduled) throws IOException {
    Path file = file(rule, scheduled);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    List<JsonNode> rows = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      rows.add(JSON.readTree(line));
    }
    return Optional.of(rows);
  }

  /** The scheduled times of the rule's runs that kept their rows, oldest first. */
  public List<Instant> runs(String rule) throws IOException {
    Path ruleFolder = folder.resolve(rule);
    if (!Files.isDirectory(ruleFolder)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(ruleFolder)) {
      return files.map(f -> f.getFileName().toString())
          .filter(name -> name.matches("-?\\d+\\.ndjson"))
          .map(name -> Instant.ofEpochSecond(Long.parseLong(name.substring(0, name.length() - ".ndjson".length()))))
          .sorted().toList();
    }
  }

  private Path file(String rule, Instant scheduled) {
    return folder.resolve(rule).resolve(scheduled.getEpochSecond() + ".ndjson");
  }
}
