package dev.vigil.risk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The risk events file: NDJSON, append-only, idempotent. An event whose id is already in the file is not
 * written again (SEMANTICS §5.3), and a last line cut short by a crash is dropped before the next append.
 */
public final class RiskStore {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path file;
  private final Set<String> ids = new HashSet<>();

  private RiskStore(Path file) {
    this.file = file;
  }

  public static RiskStore open(Path file) throws IOException {
    RiskStore store = new RiskStore(file);
    Files.createDirectories(file.toAbsolutePath().getParent());
    if (Files.exists(file)) {
      store.load();
    }
    return store;
  }

  private void load() throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    long keep = 0;
    for (String line : lines) {
      if (line.isBlank()) {
        keep += line.getBytes(StandardCharsets.UTF_8).length + 1;
        continue;
      }
      JsonNode node;
      try {
        node = JSON.readTree(line);
      } catch (IOException e) {
        break;
      }
      ids.add(node.path("risk_event_id").asText());
      keep += line.getBytes(StandardCharsets.UTF_8).length + 1;
    }
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      if (channel.size() > keep) {
        channel.truncate(keep);
      }
    }
  }

  /** Appends the events not stored yet, durably; returns those written. */
  public synchronized List<RiskEvent> append(List<RiskEvent> events) throws IOException {
    List<RiskEvent> fresh = new ArrayList<>();
    StringBuilder lines = new StringBuilder();
    for (RiskEvent event : events) {
      if (ids.contains(event.id())) {
        continue;
      }
      ids.add(event.id());
      fresh.add(event);
      lines.append(JSON.writeValueAsString(event.fields())).append('\n');
    }
    if (!fresh.isEmpty()) {
      try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
          StandardOpenOption.APPEND)) {
        channel.write(StandardCharsets.UTF_8.encode(lines.toString()));
        channel.force(true);
      }
    }
    return fresh;
  }

  public Path file() {
    return file;
  }
}
