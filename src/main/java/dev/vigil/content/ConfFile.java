package dev.vigil.content;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One Splunk {@code .conf} file as the admin manual's "Configuration file structure" describes it:
 * {@code [stanza]} headers, {@code key = value} settings (whitespace around key and value is not part of them),
 * {@code #} comments on lines of their own (a {@code #} inside a value is text), and values continued on the
 * next line by a backslash at the very end of the line (the line break stays in the value, as Splunk keeps it
 * in multi-line searches). Settings before the first header belong to {@code [default]}. A stanza or key
 * written twice in a file merges, the later value winning, as {@code btool} shows it.
 */
public record ConfFile(List<ConfStanza> stanzas) {
  public ConfFile {
    stanzas = List.copyOf(stanzas);
  }

  /** Reads {@code file}; errors name it as {@code source} (e.g. a path inside an archive). */
  public static ConfFile read(Path file, String source) throws IOException {
    return parse(Files.readString(file, StandardCharsets.UTF_8), source);
  }

  public static ConfFile parse(String text, String source) {
    Map<String, Builder> stanzas = new LinkedHashMap<>();
    Builder current = null;
    String[] lines = text.split("\n", -1);
    int index = 0;
    while (index < lines.length) {
      int lineNumber = index + 1;
      String line = withoutCarriageReturn(lines[index++]);
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("#")) {
        continue;
      }
      StringBuilder logical = new StringBuilder(line);
      while (endsWithContinuation(logical) && index < lines.length) {
        logical.setLength(logical.length() - 1);
        logical.append('\n').append(withoutCarriageReturn(lines[index++]));
      }
      if (trimmed.startsWith("[")) {
        String header = logical.toString().strip();
        if (!header.endsWith("]")) {
          throw new ConfSyntaxException(source, lineNumber, line.length() + 1, line,
              "a stanza header needs a closing ']'");
        }
        String name = header.substring(1, header.length() - 1).strip();
        int headerLine = lineNumber;
        current = stanzas.computeIfAbsent(name, n -> new Builder(n, source, headerLine));
        continue;
      }
      int equals = line.indexOf('=');
      int firstCharacter = line.length() - line.stripLeading().length() + 1;
      if (equals < 0) {
        throw new ConfSyntaxException(source, lineNumber, firstCharacter, line,
            "expected 'key = value', a [stanza] header or a # comment");
      }
      String key = line.substring(0, equals).strip();
      if (key.isEmpty()) {
        throw new ConfSyntaxException(source, lineNumber, equals + 1, line, "a setting needs a key before '='");
      }
      String value = logical.substring(equals + 1).strip();
      if (current == null) {
        int defaultLine = lineNumber;
        current = stanzas.computeIfAbsent(ConfStanza.DEFAULT, n -> new Builder(n, source, defaultLine));
      }
      current.settings.put(key, new ConfValue(value, source, lineNumber));
    }
    List<ConfStanza> result = new ArrayList<>();
    stanzas.values().forEach(b -> result.add(new ConfStanza(b.name, b.settings, b.source, b.line)));
    return new ConfFile(result);
  }

  private static boolean endsWithContinuation(CharSequence line) {
    return line.length() > 0 && line.charAt(line.length() - 1) == '\\';
  }

  private static String withoutCarriageReturn(String line) {
    return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
  }

  private static final class Builder {
    final String name;
    final String source;
    final int line;
    final Map<String, ConfValue> settings = new LinkedHashMap<>();

    Builder(String name, String source, int line) {
      this.name = name;
      this.source = source;
      this.line = line;
    }
  }
}
