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
import java.util.function.Predicate;

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
  private final NdjsonLog.Lines observer;
  private final NdjsonLog.Lines remember = new NdjsonLog.Lines() {
    @Override
    public void line(long number, JsonNode object) throws IOException {
      ids.add(object.path(idField).asText());
      observer.line(number, object);
    }

    @Override
    public void restart() {
      ids.clear();
      observer.restart();
    }
  };

  /**
   * @param what     what the file holds, for messages ({@code "risk events file"})
   * @param idField  the field of each line that holds its id
   * @param warnings told about lines of the file that are skipped or dropped
   */
  public IdempotentLog(Path file, String what, String idField, Function<T, String> id,
                       Function<T, Map<String, Object>> fields, Consumer<String> warnings) {
    this(file, what, idField, id, fields, warnings, NdjsonLog.Lines.NONE);
  }

  /** @param observer also told every line read, for state kept beside the ids */
  public IdempotentLog(Path file, String what, String idField, Function<T, String> id,
                       Function<T, Map<String, Object>> fields, Consumer<String> warnings, NdjsonLog.Lines observer) {
    this.log = new NdjsonLog(file, what, warnings);
    this.observer = observer;
    this.idField = idField;
    this.id = id;
    this.fields = fields;
  }

  /** Appends the objects not in the file yet, durably; returns those written, in order. */
  public List<T> append(List<T> objects) throws IOException {
    return append(objects, object -> true);
  }

  /**
   * Appends the objects not in the file yet that {@code admit} lets through, durably; returns those written, in
   * order. {@code admit} is asked under the file's lock, after every line written before was read, and only about
   * objects not in the file.
   */
  public synchronized List<T> append(List<T> objects, Predicate<T> admit) throws IOException {
    List<T> fresh = new ArrayList<>();
    log.append(remember, () -> {
      List<String> lines = new ArrayList<>();
      for (T object : objects) {
        if (!ids.contains(id.apply(object)) && admit.test(object) && ids.add(id.apply(object))) {
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
