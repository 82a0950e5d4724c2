package dev.vigil.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vigil.TestHomes;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vigil validate --config}: every problem of the configuration at once, each with file, line and key. */
class ValidateConfigTest {
  private static final String SEED = "windows_iis_components_add_new_module";

  @TempDir
  Path temp;

  @Test
  void theShippedConfigurationIsValid() {
    Path home = TestHomes.copyShipped(temp.resolve("home"));

    Cli.Outcome validate = Cli.vigil("validate", "--config", "--home", home.toString());

    assertEquals(0, validate.exit(), validate.out() + validate.err());
    assertEquals("configuration: ok\n", validate.out());
  }

  @Test // unknown keys in config/local were silently ignored
  void everyProblemOfSettingsAndRuleFilesIsReported() throws Exception {
    Path home = TestHomes.copyShipped(temp.resolve("home"));
    Path settings = home.resolve("config/local/vigil.yml");
    Path rule = home.resolve("config/local/rules/" + SEED + ".yml");
    Files.createDirectories(rule.getParent());
    Files.writeString(settings, "time_zon: UTC\nretry:\n  backoff: -1m\n");
    Files.writeString(rule, "enabled: true\ncron_shedule: '0 * * * *'\n");

    Cli.Outcome validate = Cli.vigil("validate", "--config", "--home", home.toString());

    assertEquals(1, validate.exit(), validate.out() + validate.err());
    assertEquals(String.join("\n",
        "configuration: error: " + settings + ":1: unknown key 'time_zon' (did you mean 'time_zone'?)",
        "configuration: error: " + settings + ":3: field retry.backoff: it must be more than 0",
        "configuration: error: " + rule + ":2: unknown key 'cron_shedule' (did you mean 'cron_schedule'?)",
        "the rule is disabled until the file is fixed ('vigil rules disable " + SEED + "' replaces it)",
        "configuration: 3 problems", ""), validate.out());
  }

  @Test // late data's settings: a boolean that is not one, a reach beyond the longest lookback
  void badLateDataSettingsAreReportedWithTheirLines() throws Exception {
    Path home = TestHomes.copyShipped(temp.resolve("home"));
    Path settings = home.resolve("config/local/vigil.yml");
    Files.createDirectories(settings.getParent());
    Files.writeString(settings, "late:\n  rerun: sometimes\n  every: 0m\n  within: 400d\n");

    Cli.Outcome validate = Cli.vigil("validate", "--config", "--home", home.toString());

    assertEquals(1, validate.exit(), validate.out() + validate.err());
    assertEquals(String.join("\n",
        "configuration: error: " + settings + ":2: field late.rerun: 'sometimes' is neither true nor false",
        "configuration: error: " + settings + ":3: field late.every: it must be more than 0",
        "configuration: error: " + settings + ":4: field late.within: '400d' is longer than the longest lookback,"
            + " 366d",
        "configuration: 3 problems", ""), validate.out());
  }
}
