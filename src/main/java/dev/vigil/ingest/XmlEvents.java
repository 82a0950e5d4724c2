package dev.vigil.ingest;

import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cuts Windows event XML into one text per {@code <Event>}, however it is laid out: one event a line, several on
 * a line (Event Viewer's "Save as XML" writes {@code <Events><Event>…</Event><Event>…</Event></Events>}), or one
 * event over many lines (pretty-printed, {@code wevtutil qe /f:xml /format:…}). The XML declaration and the
 * {@code <Events>} wrapper are dropped. An event whose end never comes is cut short by a line that starts another
 * event (<code>&lt;Event</code> or <code>{</code>), an unreadable line, the limit or the end of the file, and
 * handed on as it is for the parser to report; the line that cut it is read as what it is. Text the parser must
 * refuse (a DTD) is handed on whole.
 */
final class XmlEvents {
  /** The start of an {@code <Event>} element, not of {@code <EventData>} or {@code <EventID>}. */
  private static final Pattern START = Pattern.compile("<Event[\\s>/]");
  private static final String END = "</Event>";
  private static final Pattern WRAPPER = Pattern.compile(
      "\\s*(?:<\\?xml[^>]*\\?>\\s*)?(?:<Events(?:\\s[^>]*)?>\\s*)?(?:</Events>\\s*)?");

  /** What cutting one starting line gave: the line after the events, when one cut an event short. */
  record Cut(TextLines.Line following) {}

  /** Takes each next line, as {@link EventReader} reads them. */
  interface Lines {
    TextLines.Line next() throws IOException;
  }

  private XmlEvents() {}

  static Cut cut(String firstText, long firstLine, Lines lines, int maxChars, EventReader.TextConsumer events)
      throws IOException {
    if (firstText.contains("<!DOCTYPE") || firstText.contains("<!ENTITY")) {
      events.accept(new EventText(firstText, firstLine, LineKind.XML));
      return new Cut(null);
    }
    StringBuilder buffer = new StringBuilder(firstText);
    long bufferLine = firstLine;
    while (true) {
      int consumed = emitWhole(buffer, bufferLine, events);
      bufferLine += newlines(buffer, consumed);
      buffer.delete(0, consumed);
      Matcher start = START.matcher(buffer);
      if (!start.find()) {
        if (!WRAPPER.matcher(buffer).matches()) {
          events.accept(new EventText(buffer.toString().strip(), bufferLine, LineKind.XML));
        }
        return new Cut(null);
      }
      bufferLine += newlines(buffer, start.start());
      buffer.delete(0, start.start());
      TextLines.Line more = lines.next();
      if (more == null) {
        events.accept(new EventText(buffer.toString(), bufferLine, LineKind.XML));
        return new Cut(null);
      }
      String stripped = more.readable() ? more.text().stripLeading() : "";
      if (!more.readable() || START.matcher(stripped).lookingAt() || stripped.startsWith("{")) {
        events.accept(new EventText(buffer.toString(), bufferLine, LineKind.XML));
        return new Cut(more);
      }
      if (buffer.length() + more.text().length() >= maxChars) {
        events.accept(new EventText("an XML event longer than the limit of " + maxChars + " characters",
            bufferLine, LineKind.UNREADABLE));
        return skipToEnd(lines);
      }
      buffer.append('\n').append(more.text());
    }
  }

  /** Hands on every whole event in the buffer; returns how many characters they and what came before took. */
  private static int emitWhole(StringBuilder buffer, long bufferLine, EventReader.TextConsumer events)
      throws IOException {
    int consumed = 0;
    Matcher start = START.matcher(buffer);
    while (start.find(consumed)) {
      int end = buffer.indexOf(END, start.start());
      if (end < 0) {
        return start.start();
      }
      int after = end + END.length();
      events.accept(new EventText(buffer.substring(start.start(), after), bufferLine + newlines(buffer, start.start()),
          LineKind.XML));
      consumed = after;
    }
    return consumed;
  }

  /** After an event over the limit: its lines up to its end are not events of their own. */
  private static Cut skipToEnd(Lines lines) throws IOException {
    for (TextLines.Line more; (more = lines.next()) != null; ) {
      if (more.readable() && more.text().contains(END)) {
        return new Cut(null);
      }
      String stripped = more.readable() ? more.text().stripLeading() : "";
      if (!more.readable() || START.matcher(stripped).lookingAt() || stripped.startsWith("{")) {
        return new Cut(more);
      }
    }
    return new Cut(null);
  }

  private static long newlines(CharSequence text, int end) {
    long count = 0;
    for (int i = 0; i < end; i++) {
      if (text.charAt(i) == '\n') {
        count++;
      }
    }
    return count;
  }
}
