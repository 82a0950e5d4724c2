package dev.vigil.schedule;

import java.nio.file.Path;

/** A problem in a content or configuration file, naming the file, the line when known, and the field. */
public final class ContentException extends RuntimeException {
  public ContentException(Path file, int line, String field, String message) {
    super(file + (line > 0 ? ":" + line : "") + (field == null ? "" : ": field " + field) + ": " + message);
  }
}
