package dev.vigil.schedule;

import java.nio.file.Path;

/** A problem in a content or configuration file, naming the file, the line when known, and the field. */
public final class ContentException extends RuntimeException {
  public ContentException(Path file, int line, String field, String message) {
    super(format(file, line, field, message));
  }

  /** A problem already told in full, {@link #format}ted. */
  ContentException(String message) {
    super(message);
  }

  /** The same problem, with what to do about it on a line of its own after it. */
  ContentException(ContentException problem, String advice) {
    super(problem.getMessage() + "\n" + advice);
  }

  /** {@code file[:line][: field F]: message}, the form every problem of a content file is told in. */
  static String format(Path file, int line, String field, String message) {
    return file + (line > 0 ? ":" + line : "") + (field == null ? "" : ": field " + field) + ": " + message;
  }
}
