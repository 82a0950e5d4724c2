package dev.vigil.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.TestHomes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What administrators change: only rules of the catalog, each change audited before it is made, the rule file
 * replaced whole, and a broken rule file fixed by disabling rather than hiding its rule.
 */
class RuleAdministrationTest {
  private static final String SEED = "windows_iis_components_add_new_module";

  @TempDir
  Path temp;

  @Test // a file elsewhere would get an override for a rule the catalog does not hold, or enable the shipped one
  void enableTakesRulesOfTheCatalogOnly() throws Exception {
    Path home = TestHomes.copyShipped(temp.resolve("home"));
    Path elsewhere = temp.resolve("elsewhere/" + SEED + ".yml");
    Files.createDirectories(elsewhere.getParent());
    Files.copy(home.resolve("schedules/detections/" + SEED + ".yml"), elsewhere);

    Cli.Outcome enable = Cli.vigil("rules", "enable", elsewhere.toString(), "--home", home.toString());

    assertEquals(2, enable.exit(), enable.err());
    assertEquals("vigil: no rule '" + elsewhere + "' in the catalog: give a file stem, name or id from 'vigil rules"
        + " list' (to add a detection, copy its file into config/local/detections/)\n", enable.err());
    assertFalse(Files.exists(home.resolve("config/local/rules")), "nothing was written");
  }

  @Test
  void eachChangeIsAuditedAndLeavesNoTemporaryFile() throws Exception {
    Path home = TestHomes.copyShipped(temp.resolve("home"));

    assertEquals(0, Cli.vigil("rules", "enable", SEED, "--home", home.toString()).exit());
    assertEquals(0, Cli.vigil("rules", "disable", SEED, "--home", home.toString()).exit());

    List<String> audit = Files.readAllLines(home.resolve("config/local/audit.log"));
    assertEquals(2, audit.size(), audit.toString());
    assertTrue(audit.get(0).endsWith("action=enable rule=" + SEED + " previous=disabled"), audit.toString());
    assertTrue(audit.get(1).endsWith("action=disable rule=" + SEED + " previous=enabled"), audit.toString());
    try (Stream<Path> files = Files.list(home.resolve("config/local/rules"))) {
      assertEquals(List.of(SEED + ".yml"), files.map(f -> f.getFileName().toString()).toList());
    }
    assertEquals("enabled: false\n", Files.readString(home.resolve("config/local/rules/" + SEED + ".yml")));
  }

  @ParameterizedTest // YAML that does not parse, and YAML with a value that does not hold
  @ValueSource(strings = {"enabled: true\nenabled_at: [2024\n", "enabled: true\ncron_schedule: '61 * * * *'\n"})
  void aBrokenRuleFileHidesNothingAndDisableReplacesIt(String broken) throws Exception {
    Path home = TestHomes.copyShipped(temp.resolve("home"));
    Path local = home.resolve("config/local/rules/" + SEED + ".yml");
    Files.createDirectories(local.getParent());
    Files.writeString(local, broken);

    Cli.Outcome list = Cli.vigil("rules", "list", "--home", home.toString());
    assertTrue(list.rows().stream().anyMatch(r -> r.get("rule").asText().equals(SEED)
        && !r.get("enabled").asBoolean()), "the rule is listed, disabled: " + list.out());

    Cli.Outcome enable = Cli.vigil("rules", "enable", SEED, "--home", home.toString());
    assertEquals(2, enable.exit(), enable.err());
    assertTrue(enable.err().startsWith("vigil: " + local + ":"), enable.err());
    assertTrue(enable.err().endsWith("\nthe rule is not enabled: fix the file, or run 'vigil rules disable " + SEED
        + "' to replace it\n"), enable.err());
    assertEquals(broken, Files.readString(local), "enable left the file alone");

    Cli.Outcome disable = Cli.vigil("rules", "disable", SEED, "--home", home.toString());
    assertEquals(0, disable.exit(), disable.err());
    assertEquals("enabled: false\n", Files.readString(local));
    String audit = Files.readString(home.resolve("config/local/audit.log"));
    String aside = audit.replaceAll("(?s).* replaced_unreadable=(\\S+)\n", "$1");
    assertEquals(broken, Files.readString(local.resolveSibling(aside)), "the broken file is kept aside: " + audit);
    assertTrue(audit.contains("action=disable rule=" + SEED + " previous=disabled replaced_unreadable=" + SEED
        + ".yml.unreadable-"), audit);
    assertEquals(0, Cli.vigil("rules", "enable", SEED, "--home", home.toString()).exit(), "fixed");
  }

  @Test
  void enableAndDisableKeepTheAdministratorsComments() throws Exception {
    Path home = TestHomes.copyShipped(temp.resolve("home"));
    Path local = home.resolve("config/local/rules/" + SEED + ".yml");
    Files.createDirectories(local.getParent());
    String written = "# quieter on weekends, ticket 4711\ncron_schedule: '*/30 * * * 1-5' # weekdays\n";
    Files.writeString(local, written);

    assertEquals(0, Cli.vigil("rules", "enable", SEED, "--home", home.toString()).exit());
    String enabled = Files.readString(local);
    assertTrue(enabled.startsWith(written) && enabled.contains("\nenabled: true\nenabled_at: \""), enabled);
    assertEquals(0, Cli.vigil("rules", "disable", SEED, "--home", home.toString()).exit());
    assertEquals(written + "enabled: false\n", Files.readString(local));
    String shown = Cli.vigil("rules", "show", SEED, "--home", home.toString()).out();
    assertTrue(shown.contains("\"cron\" : \"*/30 * * * 1-5\""), "the override still holds: " + shown);
  }
}
