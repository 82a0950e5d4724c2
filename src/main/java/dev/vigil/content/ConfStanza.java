package dev.vigil.content;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One {@code [name]} stanza with its settings in the order they were first written; {@code source} and
 * {@code line} are where its header stands (for the implicit {@code [default]} of keys before any header, the
 * first such key).
 */
public record ConfStanza(String name, Map<String, ConfValue> settings, String source, int line) {
  public static final String DEFAULT = "default";

  public ConfStanza {
    settings = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(settings));
  }

  public Optional<ConfValue> value(String key) {
    return Optional.ofNullable(settings.get(key));
  }

  public Optional<String> text(String key) {
    return value(key).map(ConfValue::value);
  }

  public String location() {
    return source + ":" + line;
  }
}
