package dev.vigil.content;

import dev.vigil.schedule.SplunkBoolean;
import java.io.IOException;
import java.util.Optional;

/** Splunk's boolean settings: {@code 1}/{@code 0}, {@code true}/{@code false}, {@code t}/{@code f}, {@code yes}/{@code no}. */
final class SplunkBooleans {
  private SplunkBooleans() {}

  static Optional<Boolean> parse(Optional<ConfValue> value) throws IOException {
    if (value.isEmpty()) {
      return Optional.empty();
    }
    Optional<Boolean> parsed = SplunkBoolean.parse(value.get().value());
    if (parsed.isEmpty()) {
      throw new IOException(value.get().location() + ": '" + value.get().value() + "' is not a boolean (1, 0, true, false)");
    }
    return parsed;
  }
}
