package dev.vigil.ingest;

/**
 * One event's text as cut from a file, before it is parsed: a line, or the lines of a pretty-printed object.
 *
 * @param text the text, without its line ends
 * @param line the number of its first line, counting from 1
 * @param kind {@link LineKind#XML} or {@link LineKind#JSON}
 */
record EventText(String text, long line, LineKind kind) {}
