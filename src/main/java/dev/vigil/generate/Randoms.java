package dev.vigil.generate;

import java.util.List;
import java.util.Locale;
import org.apache.commons.rng.UniformRandomProvider;

/** The random values of a process start that Windows makes: pids, GUIDs, hex tokens. */
final class Randoms {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private final UniformRandomProvider rng;

  Randoms(UniformRandomProvider rng) {
    this.rng = rng;
  }

  UniformRandomProvider rng() {
    return rng;
  }

  /** Windows process ids are multiples of 4. */
  long pid() {
    return 4L * (1 + rng.nextInt(16383));
  }

  /** A Sysmon process GUID, e.g. {@code {51E9D293-D6B3-6000-0000-001068266601}}. */
  String guid() {
    String hex = hex(32).toUpperCase(Locale.ROOT);
    return "{" + hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-"
        + hex.substring(16, 20) + "-" + hex.substring(20) + "}";
  }

  String hex(int digits) {
    char[] text = new char[digits];
    for (int i = 0; i < digits; i++) {
      text[i] = HEX[rng.nextInt(16)];
    }
    return new String(text);
  }

  int between(int lowInclusive, int highInclusive) {
    return lowInclusive + rng.nextInt(highInclusive - lowInclusive + 1);
  }

  <T> T pick(List<T> values) {
    return values.get(rng.nextInt(values.size()));
  }
}
