package dev.vigil.notable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.store.IdempotentLog;
import dev.vigil.store.LogIndex;
import dev.vigil.store.NdjsonLog;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The notables of an index folder ({@code notables/}): {@code notables.ndjson}, append-only and idempotent by
 * {@code event_id}, and {@code reviews.ndjson}, every change an analyst made (status, owner, comment; who and
 * when), append-only like ES's incident review log. A notable's status and owner are the last review's. Beside an
 * OpenSearch cluster, an index of the cluster follows {@code notables.ndjson}, as ES keeps its notable index.
 */
public final class NotableStore {
  /** ES's statuses, as {@code vigil notables update --status} takes them. */
  public static final List<String> STATUSES = List.of("new", "in progress", "pending", "resolved", "closed");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Throttle throttle = new Throttle();
  private final IdempotentLog<Notable> notables;
  private final NdjsonLog reviews;
  private final Consumer<String> warnings;
  private final Optional<LogIndex> index;

  private NotableStore(Path file, Optional<LogIndex> index, Consumer<String> warnings) {
    this.notables = new IdempotentLog<>(file, "notables file", "event_id", Notable::id, Notable::fields, warnings,
        throttle);
    this.reviews = new NdjsonLog(file.resolveSibling("reviews.ndjson"), "notable reviews file", warnings);
    this.index = index;
    this.warnings = warnings;
  }

  public static NotableStore open(Path indexDir, Consumer<String> warnings) {
    return new NotableStore(file(indexDir), Optional.empty(), warnings);
  }

  /** The notables of {@code indexDir}, which {@code index} (of {@link #file(Path)}) follows after each append. */
  public static NotableStore open(Path indexDir, LogIndex index, Consumer<String> warnings) {
    return new NotableStore(file(indexDir), Optional.of(index), warnings);
  }

  /** The notables file of an index folder. */
  public static Path file(Path indexDir) {
    return indexDir.resolve("notables").resolve("notables.ndjson");
  }

  /** What an append wrote, and how many new notables throttling suppressed. */
  public record Appended(List<Notable> written, int suppressed) {}

  /**
   * Appends the notables not stored yet, durably, but those that throttling suppresses.
   *
   * @param throttle the rule's {@code alert.suppress.period}; empty when it is not throttled
   */
  public Appended append(List<Notable> fresh, Optional<Duration> throttle) throws IOException {
    int[] suppressed = {0};
    List<Notable> written = notables.append(fresh, notable -> {
      if (throttle.isEmpty() || this.throttle.admits(notable, throttle.get())) {
        return true;
      }
      suppressed[0]++;
      return false;
    });
    if (!written.isEmpty() && index.isPresent()) {
      index.get().sync();
    }
    return new Appended(written, suppressed[0]);
  }

  /** A change to a notable, as {@code reviews.ndjson} records it. */
  public record Review(String eventId, Optional<String> status, Optional<String> owner, Optional<String> comment,
                       String reviewer, Instant time) {}

  /**
   * Records a review of the notable {@code review.eventId()}.
   *
   * @throws IllegalArgumentException for an id no notable has, or a status ES does not know
   */
  public void review(Review review) throws IOException {
    review.status().ifPresent(status -> {
      if (!STATUSES.contains(status)) {
        throw new IllegalArgumentException("unknown status '" + status + "' (one of " + String.join(", ", STATUSES)
            + ")");
      }
    });
    if (!notables.contains(review.eventId())) {
      throw new IllegalArgumentException("no notable has the id " + review.eventId());
    }
    ObjectNode line = JSON.createObjectNode();
    line.put("_time", review.time().getEpochSecond());
    line.put("event_id", review.eventId());
    review.status().ifPresent(s -> line.put("status", s));
    review.owner().ifPresent(o -> line.put("owner", o));
    review.comment().ifPresent(c -> line.put("comment", c));
    line.put("reviewer", review.reviewer());
    reviews.append(NdjsonLog.Lines.NONE, () -> List.of(line.toString()));
  }

  /** The notables in file order, each with its status and owner as the last review left them. */
  public List<Map<String, Object>> all() throws IOException {
    Map<String, JsonNode> latest = new LinkedHashMap<>();
    new NdjsonLog(reviews.file(), "notable reviews file", warnings).read(lines((number, review) -> {
      ObjectNode merged = (ObjectNode) latest.getOrDefault(review.path("event_id").asText(), JSON.createObjectNode());
      review.fields().forEachRemaining(f -> merged.set(f.getKey(), f.getValue()));
      latest.put(review.path("event_id").asText(), merged);
    }));
    List<Map<String, Object>> all = new ArrayList<>();
    new NdjsonLog(notables.file(), "notables file", warnings).read(lines((number, notable) -> {
      @SuppressWarnings("unchecked")
      Map<String, Object> fields = JSON.convertValue(notable, LinkedHashMap.class);
      JsonNode review = latest.get(notable.path("event_id").asText());
      if (review != null) {
        for (String field : List.of("status", "owner", "comment")) {
          if (review.has(field)) {
            fields.put(field, review.get(field).asText());
          }
        }
        fields.put("review_time", review.path("_time").asLong());
        fields.put("reviewer", review.path("reviewer").asText());
      }
      all.add(fields);
    }));
    return all;
  }

  private interface Line {
    void accept(long number, JsonNode object);
  }

  private static NdjsonLog.Lines lines(Line each) {
    return new NdjsonLog.Lines() {
      @Override
      public void line(long number, JsonNode object) {
        each.accept(number, object);
      }

      @Override
      public void restart() {}
    };
  }

  public Path file() {
    return notables.file();
  }
}
