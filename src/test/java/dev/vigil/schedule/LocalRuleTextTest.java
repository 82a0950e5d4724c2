package dev.vigil.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Enabling and disabling change the keys they own and leave the administrator's text around them (issue 11). */
class LocalRuleTextTest {
  private static final Map<String, Optional<String>> ENABLE = values(Optional.of("\"2026-12-03T10:00:00Z\""));
  private static final Map<String, Optional<String>> DISABLE = values(Optional.empty());

  static Stream<Arguments> changes() {
    return Stream.of(
        Arguments.of("no file yet", "", ENABLE, "enabled: true\nenabled_at: \"2026-12-03T10:00:00Z\"\n"),
        Arguments.of("comments and another override stay",
            "# tuned for the night shift (ticket 4711)\ncron_schedule: '*/5 * * * *'  # every five minutes\n"
                + "enabled: false # until the change window\n",
            ENABLE,
            "# tuned for the night shift (ticket 4711)\ncron_schedule: '*/5 * * * *'  # every five minutes\n"
                + "enabled: true # until the change window\nenabled_at: \"2026-12-03T10:00:00Z\"\n"),
        Arguments.of("a disable removes the time it was enabled",
            "enabled: true\n# why: see ticket 99\nenabled_at: \"2026-12-01T00:00:00Z\"\nlookback: 2h\n", DISABLE,
            "enabled: false\n# why: see ticket 99\nlookback: 2h\n"),
        Arguments.of("no newline at the end", "lookback: 2h", ENABLE,
            "lookback: 2h\nenabled: true\nenabled_at: \"2026-12-03T10:00:00Z\"\n"),
        Arguments.of("a value over several lines is written anew, correctly",
            "enabled: >-\n  false\nlookback: 2h # kept? no: the file is rewritten\n", DISABLE,
            "---\nenabled: false\nlookback: \"2h\"\n"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("changes")
  void changesOnlyTheKeysItOwns(String title, String before, Map<String, Optional<String>> values, String after)
      throws Exception {
    assertEquals(after, LocalRuleText.with(before, values));
  }

  private static Map<String, Optional<String>> values(Optional<String> enabledAt) {
    Map<String, Optional<String>> values = new LinkedHashMap<>();
    values.put("enabled", Optional.of(enabledAt.isPresent() ? "true" : "false"));
    values.put("enabled_at", enabledAt);
    return values;
  }
}
