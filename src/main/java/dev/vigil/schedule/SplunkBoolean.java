package dev.vigil.schedule;

import java.util.Locale;
import java.util.Optional;

/** Splunk's boolean settings: {@code 1}/{@code 0}, {@code true}/{@code false}, {@code t}/{@code f}, {@code yes}/{@code no}. */
public final class SplunkBoolean {
  private SplunkBoolean() {}

  /** Empty for a text that is no Splunk boolean. */
  public static Optional<Boolean> parse(String text) {
    return switch (text.strip().toLowerCase(Locale.ROOT)) {
      case "1", "true", "t", "yes", "y" -> Optional.of(true);
      case "0", "false", "f", "no", "n" -> Optional.of(false);
      default -> Optional.empty();
    };
  }
}
