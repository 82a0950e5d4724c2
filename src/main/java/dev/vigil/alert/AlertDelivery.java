package dev.vigil.alert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.notable.NotableStore;
import dev.vigil.store.AtomicFiles;
import dev.vigil.store.NdjsonLog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Sends the notables to each configured destination, nothing lost and, as far as the receiver's answers go,
 * nothing twice (docs/rba.md, "Alert actions"). The notables file is the spool: each destination has a cursor,
 * {@code index/alerts/NAME.position}, the place in the file up to which it took every notable, written
 * atomically after each batch it took. A destination that fails is tried again after a backoff that doubles up to
 * a limit; meanwhile the notables wait in the file, however long the receiver is down, across restarts.
 */
public final class AlertDelivery {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path notablesFile;
  private final Path cursors;
  private final List<AlertDestination> destinations;
  private final Clock clock;
  private final Duration firstBackoff;
  private final Duration maxBackoff;
  private final Consumer<String> warnings;
  private final Map<String, Failing> failing = new HashMap<>();

  /** What one destination's last attempt gave. */
  public record Report(String destination, int sent, int pending, Optional<String> error, Optional<Instant> retryAt) {}

  private record Failing(int failures, Instant retryAt) {}

  private record Pending(JsonNode notable, NdjsonLog.Position end) {}

  /**
   * @param indexDir     the index folder, whose {@code notables/notables.ndjson} is sent
   * @param firstBackoff how long after a first failure a destination is tried again; each further failure doubles
   *                     it, up to {@code maxBackoff}
   */
  public AlertDelivery(Path indexDir, List<AlertDestination> destinations, Clock clock, Duration firstBackoff,
                       Duration maxBackoff, Consumer<String> warnings) {
    this.notablesFile = NotableStore.file(indexDir);
    this.cursors = indexDir.resolve("alerts");
    this.destinations = List.copyOf(destinations);
    this.clock = clock;
    this.firstBackoff = firstBackoff;
    this.maxBackoff = maxBackoff;
    this.warnings = warnings;
  }

  public boolean isEmpty() {
    return destinations.isEmpty();
  }

  /**
   * Sends each destination what it has not taken yet, unless it failed lately and its backoff has not passed.
   * Failures are reported, not thrown: one receiver that is down never holds up the others.
   */
  public synchronized List<Report> deliver() throws IOException {
    List<Report> reports = new ArrayList<>();
    for (AlertDestination destination : destinations) {
      reports.add(deliverTo(destination));
    }
    return reports;
  }

  private Report deliverTo(AlertDestination destination) throws IOException {
    List<Pending> pending = pending(destination);
    Failing failed = failing.get(destination.name());
    Instant now = clock.instant();
    if (failed != null && now.isBefore(failed.retryAt())) {
      return new Report(destination.name(), 0, pending.size(), Optional.empty(), Optional.of(failed.retryAt()));
    }
    int sent = 0;
    for (int from = 0; from < pending.size(); from += destination.batchSize()) {
      List<Pending> batch = pending.subList(from, Math.min(pending.size(), from + destination.batchSize()));
      try {
        destination.send(batch.stream().map(Pending::notable).toList());
      } catch (IOException e) {
        int failures = failed == null ? 1 : failed.failures() + 1;
        Instant retryAt = now.plus(backoff(failures));
        failing.put(destination.name(), new Failing(failures, retryAt));
        warnings.accept(e.getMessage() + "; " + (pending.size() - sent) + " notables wait in " + notablesFile
            + ", next try at " + retryAt);
        return new Report(destination.name(), sent, pending.size() - sent, Optional.of(e.getMessage()),
            Optional.of(retryAt));
      }
      writeCursor(destination, batch.get(batch.size() - 1).end());
      sent += batch.size();
    }
    failing.remove(destination.name());
    return new Report(destination.name(), sent, 0, Optional.empty(), Optional.empty());
  }

  private Duration backoff(int failures) {
    Duration backoff = firstBackoff.multipliedBy(1L << Math.min(failures - 1, 20));
    return backoff.compareTo(maxBackoff) > 0 ? maxBackoff : backoff;
  }

  /** The notables after the destination's cursor, each with where its line ends. */
  private List<Pending> pending(AlertDestination destination) throws IOException {
    NdjsonLog file = new NdjsonLog(notablesFile, "notables file", warnings);
    file.seek(readCursor(destination));
    List<Pending> pending = new ArrayList<>();
    file.read(new NdjsonLog.Lines() {
      @Override
      public void line(long number, JsonNode object) {
        throw new IllegalStateException("lines are read with their end");
      }

      @Override
      public void line(long number, JsonNode object, NdjsonLog.Position end) {
        pending.add(new Pending(object, end));
      }

      @Override
      public void restart() {
        // The file was replaced by a shorter one: its notables are all new to every destination.
        pending.clear();
      }
    });
    return pending;
  }

  private Path cursorFile(AlertDestination destination) {
    return cursors.resolve(destination.name() + ".position");
  }

  private NdjsonLog.Position readCursor(AlertDestination destination) throws IOException {
    Path file = cursorFile(destination);
    if (!Files.exists(file)) {
      return NdjsonLog.Position.START;
    }
    JsonNode cursor;
    try {
      cursor = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IOException(file + ": not a cursor (" + e.getMessage() + "); delete it to send every notable again",
          e);
    }
    return new NdjsonLog.Position(cursor.path("bytes").asLong(), cursor.path("lines").asLong());
  }

  private void writeCursor(AlertDestination destination, NdjsonLog.Position end) throws IOException {
    Files.createDirectories(cursors);
    ObjectNode cursor = JSON.createObjectNode().put("bytes", end.bytes()).put("lines", end.lines())
        .put("destination", destination.describe());
    AtomicFiles.write(cursorFile(destination), (cursor + "\n").getBytes(StandardCharsets.UTF_8));
  }
}
