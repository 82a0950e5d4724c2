package dev.vigil.content;

import java.io.IOException;
import java.util.Locale;
import java.util.Optional;

/** Splunk's boolean settings: {@code 1}/{@code 0}, {@code true}/{@code false}, {@code t}/{@code f}, {@code yes}/{@code no}. */
final class SplunkBooleans {
  private SplunkBooleans() {}

  static Optional<Boolean> parse(Optional<ConfValue> value) throws IOException {
    if (value.isEmpty()) {
      return Optional.empty();
    }
    return switch (value.get().value().toLowerCase(Locale.ROOT)) {
      case "1", "true", "t", "yes", "y" -> Optional.of(true);
      case "0", "false", "f", "no", "n" -> Optional.of(false);
      default -> throw new IOException(value.get().location() + ": '" + value.get().value()
          + "' is not a boolean (1, 0, true, false)");
    };
  }
}
