package dev.vigil.ingest;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * Parses and maps the text of one event. It holds the XML factory and the JSON mapper, created once: use one
 * parser per thread, since the JDK does not promise that its StAX factory is thread-safe.
 */
final class EventParser {
  /** Earlier times come from clocks that were never set (README, Semantics: Input). */
  static final Instant EARLIEST = Instant.parse("1990-01-01T00:00:00Z");
  /** How far ahead of now an event may lie: Splunk's {@code MAX_DAYS_HENCE} default. */
  static final Duration MAX_AHEAD = Duration.ofDays(2);

  /** A Splunk export whose {@code _raw} is none of the formats Vigil reads (e.g. a text event). */
  static final String SPLUNK_EXPORT_OTHER = "Splunk export (other _raw)";

  private final WinEventXml xml = new WinEventXml();
  private final JsonEvents json = new JsonEvents();
  private final Clock clock;

  EventParser(Clock clock) {
    this.clock = clock;
  }

  /** @param fileName used as CIM events' default {@code source} */
  Outcome parse(EventText event, String fileName) throws BadEvent {
    Outcome outcome = event.kind() == LineKind.XML
        ? WindowsEvents.map(xml.parse(event.text()), event.text())
        : json.map(event.text(), fileName);
    if (outcome instanceof Outcome.Wrapped wrapped) {
      String raw = wrapped.raw().strip();
      if (raw.startsWith("<")) {
        return WindowsEvents.map(xml.parse(raw), raw);
      }
      Outcome inner = raw.startsWith("{") ? json.map(raw, fileName) : new Outcome.Skipped(SPLUNK_EXPORT_OTHER);
      return inner instanceof Outcome.Wrapped ? new Outcome.Skipped(SPLUNK_EXPORT_OTHER) : inner;
    }
    return outcome;
  }

  /**
   * Parses {@code event} into {@code tally}, handing a process event to {@code sink} and a bad one to {@code problems}.
   *
   * @param input    the input as problems name it (the path it was read by)
   * @param fileName CIM events' default {@code source}: the file's name, whatever path it was read by, so that
   *                 an event keeps its id when its file is moved
   */
  void parseInto(EventText event, String input, String fileName, Tally tally, Consumer<ProcessEvent> sink,
                 Consumer<IngestProblem> problems) {
    if (event.kind() == LineKind.UNREADABLE) {
      tally.error();
      problems.accept(new IngestProblem(input, event.line(), null, event.text(), event.undecoded()));
      return;
    }
    try {
      Outcome outcome = parse(event, fileName);
      if (outcome instanceof Outcome.Mapped mapped) {
        checkTime(mapped.event().timeMillis());
        sink.accept(mapped.event());
        tally.event();
      } else if (outcome instanceof Outcome.Skipped skip) {
        tally.skipped(skip.kind());
      }
    } catch (BadEvent e) {
      tally.error();
      problems.accept(new IngestProblem(input, event.line(), e.field(), e.getMessage(),
          event.text().getBytes(StandardCharsets.UTF_8)));
    }
  }

  private void checkTime(long millis) throws BadEvent {
    Instant time = Instant.ofEpochMilli(millis);
    if (time.isBefore(EARLIEST)) {
      throw new BadEvent(null, "event time " + time + " is before " + EARLIEST + " (is the sender's clock set?)");
    }
    Instant now = clock.instant();
    if (time.isAfter(now.plus(MAX_AHEAD))) {
      throw new BadEvent(null, "event time " + time + " is more than " + MAX_AHEAD.toDays() + " days after now ("
          + now + "; is the sender's clock set?)");
    }
  }
}
