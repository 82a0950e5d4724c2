package dev.vigil.ingest;

/**
 * One event's text as cut from a file, before it is parsed: a line, or the lines of a pretty-printed object.
 *
 * @param text the text, without its line ends; for {@link LineKind#UNREADABLE}, why it cannot be read
 * @param line the number of its first line, counting from 1; 0 for a file that cannot be read at all
 * @param kind {@link LineKind#XML}, {@link LineKind#JSON} or {@link LineKind#UNREADABLE}
 * @param undecoded for {@link LineKind#UNREADABLE}, the bytes that could not be read, when they were kept
 */
record EventText(String text, long line, LineKind kind, byte[] undecoded) {
  EventText(String text, long line, LineKind kind) {
    this(text, line, kind, null);
  }
}
