package dev.vigil.ingest;

import java.util.Arrays;
import java.util.Objects;

/**
 * One input line that could not be turned into an event. The line was skipped; reading went on.
 *
 * @param file    the file's display name
 * @param line    1-based line number; 0 when the file as a whole cannot be read
 * @param field   the source field at fault (e.g. {@code UtcTime}), or {@code null} when the line as a whole is bad
 * @param message what is wrong, for a person to read
 * @param raw     the event as it was in the file, bytes and all, for the quarantine; null when it was not kept (a
 *                line over the limit, a file that is not text)
 */
public record IngestProblem(String file, long line, String field, String message, byte[] raw) {
  public IngestProblem {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(message, "message");
  }

  public IngestProblem(String file, long line, String field, String message) {
    this(file, line, field, message, null);
  }

  /** Two problems are equal when all they say is, the raw event's bytes included. */
  @Override
  public boolean equals(Object o) {
    return o instanceof IngestProblem other && file.equals(other.file) && line == other.line
        && Objects.equals(field, other.field) && message.equals(other.message) && Arrays.equals(raw, other.raw);
  }

  @Override
  public int hashCode() {
    return Objects.hash(file, line, field, message) * 31 + Arrays.hashCode(raw);
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
