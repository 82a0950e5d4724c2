package dev.vigil.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.ingest.IngestProblem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Consumer;

/**
 * Input that could not be stored, kept with why: {@code quarantine/quarantine.ndjson} under the index, one
 * JSON object per bad event with the time, the file and line, the field at fault, the reason and the event as it
 * was ({@code raw}, or {@code raw_base64} for bytes that are not UTF-8), so that it can be fixed and ingested
 * again. Lines are appended in batches, each forced to disk, before the events around them are committed.
 */
public final class Quarantine {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int BATCH = 1000;

  private final Path file;
  private final Clock clock;
  private final List<String> pending = new ArrayList<>();

  private Quarantine(Path file, Clock clock) {
    this.file = file;
    this.clock = clock;
  }

  public static Quarantine of(Path indexDir, Clock clock) {
    return new Quarantine(indexDir.resolve("quarantine").resolve("quarantine.ndjson"), clock);
  }

  public Path file() {
    return file;
  }

  /** Takes a problem of {@code source}; every {@value #BATCH} of them are written at once. */
  public synchronized void add(Path source, IngestProblem problem) throws IOException {
    ObjectNode line = JSON.createObjectNode()
        .put("quarantined", clock.instant().toString())
        .put("file", source.toString())
        .put("line", problem.line());
    if (problem.field() != null) {
      line.put("field", problem.field());
    }
    line.put("reason", problem.message());
    byte[] raw = problem.raw();
    if (raw == null) {
      line.put("raw_kept", false);
    } else {
      try {
        line.put("raw", StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(raw)).toString());
      } catch (CharacterCodingException e) {
        line.put("raw_base64", Base64.getEncoder().encodeToString(raw));
      }
    }
    pending.add(JSON.writeValueAsString(line));
    if (pending.size() >= BATCH) {
      flush();
    }
  }

  /** Takes the problems of {@code source} as they are reported; a write that fails is unchecked. */
  public Consumer<IngestProblem> of(Path source) {
    return problem -> {
      try {
        add(source, problem);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    };
  }

  /** Writes what was taken and forces it to disk; call it before the events read with it are committed. */
  public synchronized void flush() throws IOException {
    if (pending.isEmpty()) {
      return;
    }
    StringBuilder text = new StringBuilder();
    pending.forEach(line -> text.append(line).append('\n'));
    AtomicFiles.append(file, text.toString());
    pending.clear();
  }
}
