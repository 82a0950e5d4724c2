package dev.vigil.ingest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Reads process-creation events from a file of one event per line, detecting each line's format on its own:
 * Sysmon EventID 1 and Security 4688 as Windows event XML, CrowdStrike ProcessRollup2 JSON, evtx-dump JSON and
 * CIM NDJSON; a JSON object may also span lines as evtx_dump pretty-prints it ({@code {} and {@code }} alone on
 * their lines). Events of other kinds (other event ids, multi-line text events) are counted and skipped. A bad
 * line becomes one {@link IngestProblem} naming the file, the line and what is wrong; reading goes on.
 *
 * <p>A reader holds one {@link EventParser}: reuse it for many files, one at a time, on one thread. {@link
 * ParallelEventReader} parses on several.
 */
public final class EventReader {
  static final String TEXT_KIND = "text";
  private static final char BYTE_ORDER_MARK = '\uFEFF';
  private static final String PRETTY_OBJECT_START = "{";
  private static final String PRETTY_OBJECT_END = "}";

  private final EventParser parser = new EventParser();

  /** Reads a UTF-8 file; messages and CIM events' default {@code source} use the file's name. */
  public ReadSummary read(Path file, Consumer<ProcessEvent> sink, Consumer<IngestProblem> problems)
      throws IOException {
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return read(in, file.getFileName().toString(), sink, problems);
    }
  }

  /**
   * Reads {@code in} to its end, without closing it.
   *
   * @param name the file name shown in problems and used as CIM events' default {@code source}
   * @throws IOException only when reading itself fails; bad content is reported to {@code problems}
   */
  public ReadSummary read(Reader in, String name, Consumer<ProcessEvent> sink, Consumer<IngestProblem> problems)
      throws IOException {
    Objects.requireNonNull(name, "name");
    Tally tally = new Tally();
    split(in, tally, event -> parser.parseInto(event, name, tally, sink, problems));
    return tally.summary();
  }

  /** Takes the texts that {@link #split} cuts; may fail as reading does. */
  interface TextConsumer {
    void accept(EventText text) throws IOException;
  }

  /**
   * Cuts {@code in} into the texts of events, in file order, counting text events (which span lines
   * and are not process events) in {@code tally} as skipped.
   */
  static void split(Reader in, Tally tally, TextConsumer events) throws IOException {
    BufferedReader lines = in instanceof BufferedReader b ? b : new BufferedReader(in);
    boolean insideText = false;
    long number = 0;
    for (String line; (line = lines.readLine()) != null; ) {
      number++;
      if (number == 1 && !line.isEmpty() && line.charAt(0) == BYTE_ORDER_MARK) {
        line = line.substring(1);
      }
      LineKind kind = LineKind.of(line, insideText);
      switch (kind) {
        case BLANK -> { }
        case TEXT_HEADER -> {
          insideText = true;
          tally.skipped(TEXT_KIND);
        }
        case TEXT -> {
          // Text with no header we know still counts once, as one event; the lines after it belong to it.
          if (!insideText) {
            insideText = true;
            tally.skipped(TEXT_KIND);
          }
        }
        case XML, JSON -> {
          insideText = false;
          long first = number;
          if (kind == LineKind.JSON && line.equals(PRETTY_OBJECT_START)) {
            // evtx_dump writes pretty-printed objects one after another: "{" and "}" alone at the line start.
            StringBuilder object = new StringBuilder(line);
            for (String more; !line.equals(PRETTY_OBJECT_END) && (more = lines.readLine()) != null; ) {
              number++;
              line = more;
              object.append('\n').append(line);
            }
            line = object.toString();
          }
          events.accept(new EventText(line, first, kind));
        }
      }
    }
  }
}
