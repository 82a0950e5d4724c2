package dev.vigil.ingest;

import dev.vigil.ingest.evtx.EvtxReader;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Reads process-creation events from a file of one event per line, detecting each line's format on its own:
 * Sysmon EventID 1 and Security 4688 as Windows event XML, CrowdStrike ProcessRollup2 JSON, evtx-dump JSON and
 * CIM NDJSON; a JSON object may also span lines as evtx_dump pretty-prints it ({@code {} and {@code }} alone on
 * their lines). The file may be gzip-compressed, and UTF-8 or UTF-16 with a byte order mark ({@link TextLines}),
 * or a binary Windows event log ({@code .evtx}, {@link EvtxReader}), whose records are read as event XML.
 * Events of other kinds (other event ids, multi-line text events) are counted and skipped. A bad line, one that
 * cannot be decoded included, becomes one {@link IngestProblem} naming the file, the line and what is wrong;
 * reading goes on.
 *
 * <p>A reader holds one {@link EventParser}: reuse it for many files, one at a time, on one thread. {@link
 * ParallelEventReader} parses on several.
 */
public final class EventReader {
  /** The longest line (or event over lines) read unless configured otherwise: 1 MiB. */
  public static final int DEFAULT_MAX_LINE_BYTES = TextLines.DEFAULT_MAX_LINE_BYTES;
  static final String TEXT_KIND = "text";
  private static final String PRETTY_OBJECT_START = "{";
  private static final String PRETTY_OBJECT_END = "}";

  private final EventParser parser;
  private final int maxLineBytes;

  /** A reader that takes now from the system clock, for events from files of the past: tests and tools. */
  public EventReader() {
    this(Clock.systemUTC());
  }

  /** @param clock what now is: an event more than two days after it is refused */
  public EventReader(Clock clock) {
    this(clock, TextLines.DEFAULT_MAX_LINE_BYTES);
  }

  /** @param maxLineBytes the longest line (or pretty-printed object) read; a longer one is reported and skipped */
  public EventReader(Clock clock, int maxLineBytes) {
    this.parser = new EventParser(clock);
    this.maxLineBytes = maxLineBytes;
  }

  /**
   * Reads a file; messages name it by the path it was read by, CIM events' default {@code source} is its name (so
   * that a moved file's events keep their ids).
   */
  public ReadSummary read(Path file, Consumer<ProcessEvent> sink, Consumer<IngestProblem> problems)
      throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return read(in, file.toString(), file.getFileName().toString(), 0, sink, problems);
    }
  }

  /**
   * Reads {@code in} to its end, without closing it.
   *
   * @param name the file name shown in problems and used as CIM events' default {@code source}
   * @throws IOException only when the input cannot be opened; bad content, and a read that fails half-way, are
   *                     reported to {@code problems}
   */
  public ReadSummary read(InputStream in, String name, Consumer<ProcessEvent> sink, Consumer<IngestProblem> problems)
      throws IOException {
    return read(in, name, 0, sink, problems);
  }

  /**
   * As {@link #read(InputStream, String, Consumer, Consumer)}, for input that starts after {@code linesBefore}
   * lines of its file (the spool reads a growing file a part at a time): problems name the file's lines.
   */
  public ReadSummary read(InputStream in, String name, long linesBefore, Consumer<ProcessEvent> sink,
                          Consumer<IngestProblem> problems) throws IOException {
    return read(in, name, name, linesBefore, sink, problems);
  }

  private ReadSummary read(InputStream in, String input, String source, long linesBefore,
                           Consumer<ProcessEvent> sink, Consumer<IngestProblem> problems) throws IOException {
    Objects.requireNonNull(input, "input");
    Tally tally = new Tally();
    split(in, maxLineBytes, linesBefore, tally, event -> parser.parseInto(event, input, source, tally, sink, problems));
    return tally.summary();
  }

  /** Takes the texts that {@link #split} cuts; may fail as reading does. */
  interface TextConsumer {
    void accept(EventText text) throws IOException;
  }

  /**
   * Cuts {@code in} into the texts of events, in file order, counting text events (which span lines and are not
   * process events) in {@code tally} as skipped. A line that cannot be read becomes an {@link LineKind#UNREADABLE}
   * text; so does a read that fails half-way (a truncated gzip file), which ends the input; an input that is not
   * text at all is one such text, at line 0.
   */
  static void split(InputStream raw, int maxLineBytes, long linesBefore, Tally tally, TextConsumer events)
      throws IOException {
    BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
    if (isEvtx(in)) {
      evtxRecords(in, events);
      return;
    }
    TextLines lines;
    try {
      lines = TextLines.of(in, maxLineBytes, linesBefore);
    } catch (TextLines.NotTextException e) {
      events.accept(new EventText(e.getMessage(), 0, LineKind.UNREADABLE));
      return;
    }
    boolean insideText = false;
    TextLines.Line line = next(lines, events);
    while (line != null) {
      TextLines.Line following = null;
      if (!line.readable()) {
        insideText = false;
        events.accept(new EventText(line.unreadable(), line.number(), LineKind.UNREADABLE, line.undecoded()));
      } else {
        String text = line.text();
        LineKind kind = LineKind.of(text, insideText);
        switch (kind) {
          case BLANK, UNREADABLE -> { }
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
            if (kind == LineKind.XML) {
              following = XmlEvents.cut(text, line.number(), () -> next(lines, events), maxLineBytes, events)
                  .following();
            } else if (text.equals(PRETTY_OBJECT_START)) {
              PrettyObject object = prettyObject(lines, line.number(), maxLineBytes, events);
              events.accept(object.text());
              following = object.following();
            } else {
              events.accept(new EventText(text, line.number(), kind));
            }
          }
        }
      }
      line = following != null ? following : next(lines, events);
    }
  }

  private static boolean isEvtx(BufferedInputStream in) throws IOException {
    in.mark(EvtxReader.FILE_MAGIC.length);
    byte[] head = in.readNBytes(EvtxReader.FILE_MAGIC.length);
    in.reset();
    return Arrays.equals(head, EvtxReader.FILE_MAGIC);
  }

  /**
   * A binary Windows event log: each record is the event XML that Windows renders (what Splunk's XmlWinEventLog
   * stores), numbered as the file numbers its records, in place of a line number; a record or chunk that cannot be
   * read is one unreadable text, with its bytes.
   */
  private static void evtxRecords(InputStream in, TextConsumer events) throws IOException {
    try {
      EvtxReader.read(in, record -> accept(events, new EventText(record.xml(), record.recordId(), LineKind.XML)),
          problem -> accept(events, new EventText("(.evtx) " + problem, 0, LineKind.UNREADABLE,
              problem.raw().length == 0 ? null : problem.raw())));
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  private static void accept(TextConsumer events, EventText text) {
    try {
      events.accept(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A pretty-printed object, and the line that cut it short when it did not end with its own closing line. */
  private record PrettyObject(EventText text, TextLines.Line following) {}

  /**
   * evtx_dump writes pretty-printed objects one after another: "{" and "}" alone at the line start, every line
   * between indented. The object ends at its closing line; a line that starts an event at the line start
   * (<code>{</code> or <code>&lt;</code>) cuts it short and is read as what it is, so that a stray "{" cannot swallow
   * the events after it. An object cut short, or with an unreadable line, or longer than the limit, is one
   * unreadable text at its first line.
   */
  private static PrettyObject prettyObject(TextLines lines, long first, int maxChars, TextConsumer events)
      throws IOException {
    StringBuilder object = new StringBuilder(PRETTY_OBJECT_START);
    String problem = null;
    TextLines.Line following = null;
    boolean closed = false;
    for (TextLines.Line more; (more = next(lines, events)) != null; ) {
      if (more.readable() && more.text().equals(PRETTY_OBJECT_END)) {
        object.append('\n').append(PRETTY_OBJECT_END);
        closed = true;
        break;
      }
      if (more.readable() && (more.text().startsWith("{") || more.text().startsWith("<"))) {
        following = more;
        break;
      }
      if (problem == null && !more.readable()) {
        problem = "line " + more.number() + " of the object: " + more.unreadable();
      } else if (problem == null && object.length() + more.text().length() >= maxChars) {
        problem = "object longer than the limit of " + maxChars + " characters";
      } else if (problem == null) {
        object.append('\n').append(more.text());
      }
    }
    if (problem == null && !closed) {
      problem = "a pretty-printed object without its closing \"}\" line";
    }
    return new PrettyObject(problem == null ? new EventText(object.toString(), first, LineKind.JSON)
        : new EventText(problem, first, LineKind.UNREADABLE, object.toString().getBytes(StandardCharsets.UTF_8)),
        following);
  }

  /** The next line; a read that fails half-way is reported as the line after the last one and ends the input. */
  private static TextLines.Line next(TextLines lines, TextConsumer events) throws IOException {
    try {
      return lines.next();
    } catch (InterruptedIOException e) {
      throw e;
    } catch (IOException e) {
      events.accept(new EventText("reading stopped (" + e.getMessage() + "); the rest of the file is not read",
          lines.number + 1, LineKind.UNREADABLE));
      return null;
    }
  }
}
