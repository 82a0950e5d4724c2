package dev.vigil.ingest;

import java.util.function.Consumer;

/**
 * Parses and maps the text of one event. It holds the XML factory and the JSON mapper, created once: use one
 * parser per thread, since the JDK does not promise that its StAX factory is thread-safe.
 */
final class EventParser {
  private final WinEventXml xml = new WinEventXml();
  private final JsonEvents json = new JsonEvents();

  /** @param fileName used as CIM events' default {@code source} */
  Outcome parse(EventText event, String fileName) throws BadEvent {
    return event.kind() == LineKind.XML
        ? WindowsEvents.map(xml.parse(event.text()), event.text())
        : json.map(event.text(), fileName);
  }

  /** Parses {@code event} into {@code tally}, handing a process event to {@code sink} and a bad one to {@code problems}. */
  void parseInto(EventText event, String fileName, Tally tally, Consumer<ProcessEvent> sink,
                 Consumer<IngestProblem> problems) {
    try {
      Outcome outcome = parse(event, fileName);
      if (outcome instanceof Outcome.Mapped mapped) {
        sink.accept(mapped.event());
        tally.event();
      } else if (outcome instanceof Outcome.Skipped skip) {
        tally.skipped(skip.kind());
      }
    } catch (BadEvent e) {
      tally.error();
      problems.accept(new IngestProblem(fileName, event.line(), e.field(), e.getMessage()));
    }
  }
}
