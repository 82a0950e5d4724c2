package dev.vigil.content;

import java.nio.charset.StandardCharsets;

/**
 * Writes {@code .conf} text that {@link ConfFile} and Splunk read back to the same values: a multi-line value
 * is continued with a backslash at the end of each line but the last (as contentctl writes searches).
 */
final class ConfWriter {
  private final StringBuilder text = new StringBuilder();

  ConfWriter comment(String comment) {
    text.append("# ").append(comment).append('\n');
    return this;
  }

  ConfWriter stanza(String name) {
    if (name.contains("\n")) {
      throw new IllegalArgumentException("a stanza name cannot hold a line break: " + name);
    }
    if (text.length() > 0) {
      text.append('\n');
    }
    text.append('[').append(name).append("]\n");
    return this;
  }

  /**
   * Splunk strips the whitespace around a value, so a value is written stripped; a line of it that ends with a
   * backslash would read as a continuation and cannot be written.
   */
  ConfWriter set(String key, String value) {
    String stripped = value.strip().replace("\r\n", "\n");
    String[] lines = stripped.split("\n", -1);
    for (String line : lines) {
      if (line.endsWith("\\")) {
        throw new IllegalArgumentException(key + ": a line of the value ends with a backslash, which a .conf file"
            + " reads as a line continuation: " + line);
      }
    }
    text.append(key).append(" = ").append(String.join("\\\n", lines)).append('\n');
    return this;
  }

  /** Appends what {@code other} wrote, as further stanzas. */
  ConfWriter append(ConfWriter other) {
    if (text.length() > 0 && other.text.length() > 0 && other.text.charAt(0) == '[') {
      text.append('\n');
    }
    text.append(other.text);
    return this;
  }

  byte[] bytes() {
    return text.toString().getBytes(StandardCharsets.UTF_8);
  }
}
