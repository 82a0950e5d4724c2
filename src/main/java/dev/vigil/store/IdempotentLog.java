package dev.vigil.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * An {@link NdjsonLog} of objects with a deterministic id: an object whose id is in the file already is not
 * written again, whichever process wrote it first (the append reads what others appended, under the lock).
 * Risk events and notables are kept this way, so that a window run twice writes each of them once.
 *
 * @param <T> what is written; {@code id} and {@code fields} say how it is written
 */
public final class IdempotentLog<T> {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final NdjsonLog log;
  private final String idField;
  private final Function<T, String> id;
  private final Function<T, Map<String, Object>> fields;
  private final Set<String> ids = new HashSet<>();
  private final NdjsonLog.Lines remember = new NdjsonLog.Lines() {
    @Override
    public void line(long number, JsonNode object) {
      ids.add(object.path(idField).asText());
    }

    @Override
    public void restart() {
      ids.clear();
    }
  };

  /**
   * @param what     what the file holds, for messages ({@code "risk events file"})
   * @param idField  the field of each line that holds its id
   * @param warnings told about lines of the file that are skipped or dropped
   */
  public IdempotentLog(Path file, String what, String idField, Function<T, String> id,
                       Function<T, Map<String, Object>> fields, Consumer<String> warnings) {
    this.log = new NdjsonLog(file, what, warnings);
    this.idField = idField;
    this.id = id;
    this.fields = fields;
  }

  /** Appends the objects not in the file yet, durably; returns those written, in order. */
  public synchronized List<T> append(List<T> objects) throws IOException {
    List<T> fresh = new ArrayList<>();
    log.append(remember, () -> {
      List<String> lines = new ArrayList<>();
      for (T object : objects) {
        if (ids.add(id.apply(object))) {
          fresh.add(object);
          lines.add(json(object));
        }
      }
      return lines;
    });
    return fresh;
  }

  /** Whether an object of this id is in the file, as far as it was read. */
  public synchronized boolean contains(String objectId) throws IOException {
    log.read(remember);
    return ids.contains(objectId);
  }

  private String json(T object) {
    try {
      return JSON.writeValueAsString(fields.apply(object));
    } catch (IOException e) {
      throw new IllegalStateException("an object that Jackson cannot write: " + id.apply(object), e);
    }
  }

  public Path file() {
    return log.file();
  }
}
