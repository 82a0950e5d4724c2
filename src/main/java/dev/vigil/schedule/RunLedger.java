package dev.vigil.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.store.NdjsonLog;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The durable run ledger, {@code ledger/runs.ndjson} under the index folder: append-only, each line forced
 * to disk under the file's lock before the run goes on, so that it survives {@code kill -9} and two writers
 * never tear each other's lines; torn and corrupt lines are handled as {@link NdjsonLog} says.
 */
public final class RunLedger {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path indexDir;
  private final NdjsonLog log;
  private final Consumer<String> warnings;
  private final List<RunRecord> parsed = new ArrayList<>();
  private final NdjsonLog.Lines collect = new NdjsonLog.Lines() {
    @Override
    public void line(long number, JsonNode object) {
      parse(number, object).ifPresent(parsed::add);
    }

    @Override
    public void restart() {
      parsed.clear();
    }
  };

  /** @param warnings told about lines of the ledger that are skipped or dropped */
  public RunLedger(Path indexDir, Consumer<String> warnings) {
    this.indexDir = indexDir;
    Path file = indexDir.resolve("ledger").resolve("runs.ndjson");
    this.log = new NdjsonLog(file, "run ledger", warnings);
    this.warnings = warnings;
  }

  public Path file() {
    return log.file();
  }

  /** The index folder the ledger belongs to: what a run keeps beside it lives there too. */
  public Path indexDir() {
    return indexDir;
  }

  public synchronized void append(RunRecord record) throws IOException {
    ObjectNode line = JSON.createObjectNode()
        .put("rule", record.rule())
        .put("scheduled", record.scheduled().toString())
        .put("earliest", record.earliest().toString())
        .put("latest", record.latest().toString())
        .put("state", record.state().label())
        .put("rows", record.rows())
        .put("risk_events", record.riskEvents())
        .put("duration_ms", record.durationMillis())
        .put("recorded", record.recorded().toString());
    if (record.error() != null) {
      line.put("error", record.error());
    }
    if (record.indexedThrough() != null) {
      line.put("indexed_through", record.indexedThrough().toString());
    }
    // Absent means none: the ledgers of rules without notables stay as they were.
    if (record.notables() > 0 || record.suppressed() > 0) {
      line.put("notables", record.notables()).put("suppressed", record.suppressed());
    }
    log.append(collect, () -> List.of(line.toString()));
  }

  /**
   * Every record in the order written. Lines are parsed once: later calls read only what was appended since,
   * by this process or another, so asking at every scheduled fire stays cheap as the ledger grows.
   */
  public synchronized List<RunRecord> records() throws IOException {
    log.read(collect);
    return List.copyOf(parsed);
  }

  /** A line that is JSON but not a run record is reported with its number: its run is treated as not finished. */
  private Optional<RunRecord> parse(long number, JsonNode n) {
    try {
      return Optional.of(new RunRecord(text(n, "rule"), Instant.parse(text(n, "scheduled")),
          Instant.parse(text(n, "earliest")), Instant.parse(text(n, "latest")),
          RunRecord.State.of(text(n, "state")), n.path("rows").asLong(), n.path("risk_events").asLong(),
          n.path("duration_ms").asLong(), n.hasNonNull("error") ? n.get("error").asText() : null,
          Instant.parse(text(n, "recorded")),
          n.hasNonNull("indexed_through") ? Instant.parse(text(n, "indexed_through")) : null,
          n.path("notables").asLong(), n.path("suppressed").asLong()));
    } catch (RuntimeException e) {
      warnings.accept(file() + ":" + number + ": not a run record (" + e.getMessage() + "); skipped");
      return Optional.empty();
    }
  }

  private static String text(JsonNode record, String field) {
    JsonNode value = record.get(field);
    if (value == null || !value.isTextual()) {
      throw new IllegalArgumentException("no " + field);
    }
    return value.asText();
  }

  /** The latest state of each scheduled time of a rule, oldest scheduled time first; runs by hand aside. */
  public Map<Instant, RunRecord> latestByScheduledTime(String rule) throws IOException {
    Map<Instant, RunRecord> latest = new java.util.TreeMap<>();
    for (RunRecord record : records()) {
      if (record.rule().equals(rule) && record.state().scheduled()) {
        latest.put(record.scheduled(), record);
      }
    }
    return new LinkedHashMap<>(latest);
  }

  /** How many scheduled runs of each of a rule's scheduled times failed. */
  public Map<Instant, Long> failures(String rule) throws IOException {
    Map<Instant, Long> failures = new java.util.HashMap<>();
    for (RunRecord record : records()) {
      if (record.rule().equals(rule) && record.state() == RunRecord.State.FAILED) {
        failures.merge(record.scheduled(), 1L, Long::sum);
      }
    }
    return failures;
  }

  /** The newest scheduled time of a rule whose run finished. */
  public Optional<Instant> lastFinished(String rule) throws IOException {
    return latestByScheduledTime(rule).values().stream()
        .filter(r -> r.state().finished())
        .map(RunRecord::scheduled)
        .max(Instant::compareTo);
  }

  /**
   * The latest state of every scheduled time (the last line written for it, SEMANTICS §2.12), by rule in
   * name order, each oldest scheduled time first; runs by hand aside.
   */
  public Map<String, Map<Instant, RunRecord>> latestByRule() throws IOException {
    Map<String, Map<Instant, RunRecord>> byRule = new java.util.TreeMap<>();
    for (RunRecord record : records()) {
      if (record.state().scheduled()) {
        byRule.computeIfAbsent(record.rule(), r -> new java.util.TreeMap<>()).put(record.scheduled(), record);
      }
    }
    return byRule;
  }

  /** Every run by hand that wrote risk events, by rule in name order, each in the order run. */
  public Map<String, List<RunRecord>> manualRunsByRule() throws IOException {
    Map<String, List<RunRecord>> byRule = new java.util.TreeMap<>();
    for (RunRecord record : records()) {
      if (!record.state().scheduled()) {
        byRule.computeIfAbsent(record.rule(), r -> new ArrayList<>()).add(record);
      }
    }
    return byRule;
  }
}
