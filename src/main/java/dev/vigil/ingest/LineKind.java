package dev.vigil.ingest;

import java.util.regex.Pattern;

/**
 * What a line is, decided from its first characters only, so that each event's format is detected on its own.
 *
 * <p>Text events (e.g. PowerShell 4104 as Splunk's WinEventLog text) span lines: a header line with the time,
 * then free text that may be a script. Inside such an event only an unmistakable start of an XML event or JSON
 * object ends it; a script line such as <code>{</code> or <code>&lt;#</code> does not.
 */
enum LineKind {
  BLANK, XML, JSON, TEXT_HEADER, TEXT,
  /** A line that could not be decoded ({@link TextLines}): its text says why. */
  UNREADABLE;

  /** Inside a text event, a JSON object starts a line: <code>{"</code> or <code>{ "</code>. */
  private static final Pattern JSON_OBJECT_START = Pattern.compile("\\{\\s*\"");

  /** {@code 01/14/2021 11:41:39 PM}, the first line of a Windows event rendered as text. */
  private static final Pattern TEXT_HEADER_LINE =
      Pattern.compile("\\d{2}/\\d{2}/\\d{4} \\d{1,2}:\\d{2}:\\d{2}(?: [AP]M)?\\s*");

  static LineKind of(String line, boolean insideText) {
    String s = line.stripLeading();
    if (s.isEmpty()) {
      return BLANK;
    }
    if (insideText) {
      if (s.startsWith("<Event") || s.startsWith("<?xml") || s.startsWith("<!DOCTYPE")) {
        return XML;
      }
      if (JSON_OBJECT_START.matcher(s).lookingAt()) {
        return JSON;
      }
    } else if (s.charAt(0) == '<') {
      return XML;
    } else if (s.charAt(0) == '{') {
      return JSON;
    }
    return TEXT_HEADER_LINE.matcher(line).matches() ? TEXT_HEADER : TEXT;
  }
}
