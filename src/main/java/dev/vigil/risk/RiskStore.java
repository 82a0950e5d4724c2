package dev.vigil.risk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.store.NdjsonLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The risk events file: NDJSON, append-only, idempotent. An event whose id is already in the file is not
 * written again (SEMANTICS §5.3). Appends hold an exclusive file lock and first read whatever other processes (a
 * {@code vigil run} beside {@code vigil start}) appended since, so ids stay unique across processes; torn and
 * corrupt lines are handled as {@link NdjsonLog} says.
 */
public final class RiskStore {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final NdjsonLog log;
  private final Set<String> ids = new HashSet<>();
  private final NdjsonLog.Lines remember = new NdjsonLog.Lines() {
    @Override
    public void line(long number, JsonNode object) {
      ids.add(object.path("risk_event_id").asText());
    }

    @Override
    public void restart() {
      ids.clear();
    }
  };

  private RiskStore(NdjsonLog log) {
    this.log = log;
  }

  /** @param warnings told about lines of the file that are skipped or dropped */
  public static RiskStore open(Path file, Consumer<String> warnings) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    return new RiskStore(new NdjsonLog(file, "risk events file", warnings));
  }

  /** Appends the events not stored yet, durably; returns those written. */
  public synchronized List<RiskEvent> append(List<RiskEvent> events) throws IOException {
    List<RiskEvent> fresh = new ArrayList<>();
    log.append(remember, () -> {
      List<String> lines = new ArrayList<>();
      for (RiskEvent event : events) {
        if (ids.add(event.id())) {
          fresh.add(event);
          lines.add(json(event));
        }
      }
      return lines;
    });
    return fresh;
  }

  private static String json(RiskEvent event) {
    try {
      return JSON.writeValueAsString(event.fields());
    } catch (IOException e) {
      throw new IllegalStateException("a risk event that Jackson cannot write: " + event.id(), e);
    }
  }

  public Path file() {
    return log.file();
  }
}
