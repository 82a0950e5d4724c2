package dev.vigil.ingest;

import java.util.Objects;

/**
 * One input line that could not be turned into an event. The line was skipped; reading went on.
 *
 * @param file    the file's display name
 * @param line    1-based line number; 0 when the file as a whole cannot be read
 * @param field   the source field at fault (e.g. {@code UtcTime}), or {@code null} when the line as a whole is bad
 * @param message what is wrong, for a person to read
 */
public record IngestProblem(String file, long line, String field, String message) {
  public IngestProblem {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(message, "message");
  }

  /**
   * {@code data.xml:7: field UtcTime: cannot parse '2024-13-45 …' as a time}, the compiler-style form; {@code
   * data.bin: not text: …} for a whole file.
   */
  @Override
  public String toString() {
    return file + (line == 0 ? "" : ":" + line) + ": " + (field == null ? "" : "field " + field + ": ") + message;
  }
}
