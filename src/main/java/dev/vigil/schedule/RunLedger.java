package dev.vigil.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The durable run ledger, {@code ledger/runs.ndjson} under the index folder: append-only, each line forced
 * to disk before the run goes on, so that it survives {@code kill -9}. A line cut short by a crash is
 * ignored when the ledger is read.
 */
public final class RunLedger {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path file;
  private final List<RunRecord> parsed = new ArrayList<>();
  private long parsedBytes;

  public RunLedger(Path indexDir) {
    this.file = indexDir.resolve("ledger").resolve("runs.ndjson");
  }

  public Path file() {
    return file;
  }

  public synchronized void append(RunRecord record) throws IOException {
    Files.createDirectories(file.getParent());
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
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
        StandardOpenOption.WRITE)) {
      ensureEndsWithNewline(channel);
      channel.position(channel.size());
      channel.write(StandardCharsets.UTF_8.encode(JSON.writeValueAsString(line) + "\n"));
      channel.force(true);
    }
  }

  /** A crash mid-line leaves a fragment; start the next record on a line of its own. */
  private static void ensureEndsWithNewline(FileChannel channel) throws IOException {
    long size = channel.size();
    if (size == 0) {
      return;
    }
    ByteBuffer last = ByteBuffer.allocate(1);
    channel.read(last, size - 1);
    if (last.get(0) != '\n') {
      channel.write(StandardCharsets.UTF_8.encode("\n"), size);
    }
  }

  /**
   * Every record in the order written. Lines are parsed once: later calls read only what was appended since,
   * by this process or another, so asking at every scheduled fire stays cheap as the ledger grows.
   */
  public synchronized List<RunRecord> records() throws IOException {
    if (!Files.exists(file)) {
      parsed.clear();
      parsedBytes = 0;
      return List.of();
    }
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = channel.size();
      if (size < parsedBytes) {
        parsed.clear();
        parsedBytes = 0;
      }
      if (size > parsedBytes) {
        ByteBuffer tail = ByteBuffer.allocate(Math.toIntExact(size - parsedBytes));
        while (tail.hasRemaining() && channel.read(tail, parsedBytes + tail.position()) >= 0) {
          // fills the buffer
        }
        byte[] bytes = tail.array();
        int lineStart = 0;
        for (int i = 0; i < bytes.length; i++) {
          if (bytes[i] == '\n') {
            parse(new String(bytes, lineStart, i - lineStart, StandardCharsets.UTF_8)).ifPresent(parsed::add);
            lineStart = i + 1;
          }
        }
        // A last line without its newline is still being written, or was cut by a crash: read it next time.
        parsedBytes += lineStart;
      }
    }
    return List.copyOf(parsed);
  }

  private static Optional<RunRecord> parse(String line) {
    if (line.isBlank()) {
      return Optional.empty();
    }
    try {
      JsonNode n = JSON.readTree(line);
      return Optional.of(new RunRecord(n.get("rule").asText(), Instant.parse(n.get("scheduled").asText()),
          Instant.parse(n.get("earliest").asText()), Instant.parse(n.get("latest").asText()),
          RunRecord.State.of(n.get("state").asText()), n.path("rows").asLong(), n.path("risk_events").asLong(),
          n.path("duration_ms").asLong(), n.hasNonNull("error") ? n.get("error").asText() : null,
          Instant.parse(n.get("recorded").asText())));
    } catch (IOException | RuntimeException e) {
      // A fragment left by a crash mid-write: the run it described is treated as not finished.
      return Optional.empty();
    }
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
