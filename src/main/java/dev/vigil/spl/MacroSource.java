package dev.vigil.spl;

import java.util.Optional;

/** Where the expander looks macros up; the configuration layers them (local beats shipped). */
@FunctionalInterface
public interface MacroSource {
  Optional<Macro> find(String name, int arity);

  /** This source, then {@code fallback} for what this one does not define. */
  default MacroSource orElse(MacroSource fallback) {
    return (name, arity) -> {
      Optional<Macro> found = find(name, arity);
      return found.isPresent() ? found : fallback.find(name, arity);
    };
  }
}
