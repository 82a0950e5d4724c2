package dev.vigil.cli;

import static dev.vigil.cli.Cli.vigil;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vigil.TestHomes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rules show --debug} names the file and line of each setting, as {@code btool --debug} does (issue 11): the
 * lines are found here by reading the files' text.
 */
class RuleOriginsTest {
  private static final String RULE = "fsutil_zeroing_file";
  private static final String DEPLOYMENT = "schedules/deployments/escu_default_configuration_ttp.yml";

  @TempDir
  Path temp;

  @Test
  void eachSettingNamesTheLayerThatSetIt() throws Exception {
    Path home = TestHomes.copyShipped(temp.resolve("home"));
    Files.createDirectories(home.resolve("config/local/rules"));
    Files.writeString(home.resolve("config/local/rules/" + RULE + ".yml"),
        "# weekdays only, ticket 12\ncron_schedule: '5 * * * 1-5'\nenabled: true\n");
    Files.createDirectories(home.resolve("config/local/macros"));
    Files.writeString(home.resolve("config/local/macros/" + RULE + "_filter.yml"),
        "name: " + RULE + "_filter\ndefinition: search dest!=build*\n");

    Cli.Outcome show = vigil("rules", "show", RULE, "--debug", "--home", home.toString());
    assertEquals(0, show.exit(), show.err());
    Map<String, String> origins = new LinkedHashMap<>();
    Map<String, String> values = new LinkedHashMap<>();
    for (String line : show.outLines()) {
      String[] parts = line.split("\\s{2,}", 2);
      String[] setting = parts[1].split(" = ", 2);
      origins.put(setting[0], parts[0]);
      values.put(setting[0], setting[1]);
    }

    String detection = "schedules/detections/" + RULE + ".yml";
    assertEquals(detection + ":" + lineOf(home, detection, "name:"), origins.get("name"));
    assertEquals(detection + ":" + lineOf(home, detection, "search:"), origins.get("search"));
    assertEquals("config/local/rules/" + RULE + ".yml:2", origins.get("cron_schedule"));
    assertEquals("5 * * * 1-5", values.get("cron_schedule"));
    assertEquals("config/local/rules/" + RULE + ".yml:3", origins.get("enabled"));
    assertEquals(DEPLOYMENT + ":" + lineOf(home, DEPLOYMENT, "  earliest_time:"), origins.get("earliest_time"));
    assertEquals(DEPLOYMENT + ":" + lineOf(home, DEPLOYMENT, "  latest_time:"), origins.get("latest_time"));
    assertEquals("(default)", origins.get("alert.suppress"));
    assertEquals("config/local/macros/" + RULE + "_filter.yml:2", origins.get("macro " + RULE + "_filter"));
    assertEquals("search dest!=build*", values.get("macro " + RULE + "_filter"));
    assertEquals("config/macros/drop_dm_object_name.yml:" + lineOf(home, "config/macros/drop_dm_object_name.yml",
        "definition:"), origins.get("macro drop_dm_object_name(1)"));

    Cli.Outcome shipped = vigil("rules", "show", RULE, "--debug", "--home",
        TestHomes.copyShipped(temp.resolve("shipped")).toString());
    assertEquals(true, shipped.out().contains("(default)") && shipped.out().contains("  enabled = false\n"),
        "a rule without a local file is disabled by default: " + shipped.out());
  }

  private static int lineOf(Path home, String file, String prefix) throws Exception {
    List<String> lines = Files.readAllLines(home.resolve(file));
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith(prefix)) {
        return i + 1;
      }
    }
    throw new AssertionError(prefix + " not in " + file);
  }
}
