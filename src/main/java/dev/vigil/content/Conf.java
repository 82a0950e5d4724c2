package dev.vigil.content;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The effective settings of one configuration file name across layers, as Splunk computes them (admin manual,
 * "Configuration file precedence"): layers are given lowest first ({@code default/} then {@code local/}); the
 * same stanza in several layers merges key by key, the higher layer winning. Then every key of
 * {@code [default]} applies to each stanza that lacks it ("Use the [default] stanza to define global
 * settings").
 */
public final class Conf {
  private final Map<String, ConfStanza> stanzas;

  private Conf(Map<String, ConfStanza> stanzas) {
    this.stanzas = stanzas;
  }

  public static Conf layered(List<ConfFile> lowestFirst) {
    Map<String, ConfStanza> merged = new LinkedHashMap<>();
    for (ConfFile layer : lowestFirst) {
      for (ConfStanza stanza : layer.stanzas()) {
        ConfStanza below = merged.get(stanza.name());
        if (below == null) {
          merged.put(stanza.name(), stanza);
        } else {
          Map<String, ConfValue> settings = new LinkedHashMap<>(below.settings());
          settings.putAll(stanza.settings());
          merged.put(stanza.name(), new ConfStanza(stanza.name(), settings, below.source(), below.line()));
        }
      }
    }
    ConfStanza defaults = merged.remove(ConfStanza.DEFAULT);
    Map<String, ConfStanza> resolved = new LinkedHashMap<>();
    for (ConfStanza stanza : merged.values()) {
      if (defaults == null) {
        resolved.put(stanza.name(), stanza);
        continue;
      }
      Map<String, ConfValue> settings = new LinkedHashMap<>(stanza.settings());
      defaults.settings().forEach(settings::putIfAbsent);
      resolved.put(stanza.name(), new ConfStanza(stanza.name(), settings, stanza.source(), stanza.line()));
    }
    return new Conf(resolved);
  }

  /** Every stanza but {@code [default]}, in the order first written, with the default keys applied. */
  public List<ConfStanza> stanzas() {
    return new ArrayList<>(stanzas.values());
  }

  public Optional<ConfStanza> stanza(String name) {
    return Optional.ofNullable(stanzas.get(name));
  }
}
