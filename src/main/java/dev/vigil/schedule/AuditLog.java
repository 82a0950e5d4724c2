package dev.vigil.schedule;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads {@code config/local/audit.log}, the record {@link RuleAdministration} keeps of every enable and disable:
 * one line per change, {@code <instant> user=U action=enable|disable rule=STEM previous=enabled|disabled}, maybe
 * followed by {@code replaced_unreadable=FILE}.
 */
public final class AuditLog {
  private AuditLog() {}

  /** One administrator's change of a rule's state. */
  public record Change(Instant time, String user, boolean enabled, String rule, boolean previouslyEnabled) {}

  /**
   * The changes in file order; a missing file has none. A line that is not a change is reported to
   * {@code warnings} with its file and line number, and skipped.
   */
  public static List<Change> read(Path file, Consumer<String> warnings) throws IOException {
    if (!Files.exists(file)) {
      return List.of();
    }
    List<Change> changes = new ArrayList<>();
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank()) {
        continue;
      }
      try {
        changes.add(parse(line));
      } catch (IllegalArgumentException | DateTimeParseException e) {
        warnings.accept(file + ":" + (i + 1) + ": not an audit line (" + e.getMessage() + "); skipped");
      }
    }
    return changes;
  }

  private static Change parse(String line) {
    String[] words = line.strip().split(" ");
    Map<String, String> fields = new HashMap<>();
    for (int i = 1; i < words.length; i++) {
      int equals = words[i].indexOf('=');
      if (equals < 1) {
        throw new IllegalArgumentException("'" + words[i] + "' is not key=value");
      }
      fields.put(words[i].substring(0, equals), words[i].substring(equals + 1));
    }
    return new Change(Instant.parse(words[0]), field(fields, "user"),
        state(field(fields, "action"), "enable", "disable"), field(fields, "rule"),
        state(field(fields, "previous"), "enabled", "disabled"));
  }

  private static String field(Map<String, String> fields, String key) {
    String value = fields.get(key);
    if (value == null) {
      throw new IllegalArgumentException("no " + key + "=");
    }
    return value;
  }

  private static boolean state(String value, String on, String off) {
    if (!value.equals(on) && !value.equals(off)) {
      throw new IllegalArgumentException("'" + value + "' is neither " + on + " nor " + off);
    }
    return value.equals(on);
  }
}
