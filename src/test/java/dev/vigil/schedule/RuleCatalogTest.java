package dev.vigil.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.TestHomes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuleCatalogTest {
  private static final String SEED = "windows_iis_components_add_new_module";

  @TempDir
  Path temp;

  // SEMANTICS §2.11: local overrides beat shipped defaults and survive an upgrade of the shipped content.
  @Test
  void localChangesSurviveANewerVersionOfTheShippedDetection() throws Exception {
    Path home = TestHomes.copyShipped(temp);
    Rule shipped = RuleCatalog.load(new Home(home)).find(SEED).orElseThrow();
    new RuleAdministration(new Home(home), Clock.fixed(Instant.parse("2024-05-15T10:00:00Z"), ZoneOffset.UTC), "admin")
        .setEnabled(shipped, true, Optional.empty());
    Path detection = home.resolve("schedules/detections/" + SEED + ".yml");
    Files.writeString(detection, Files.readString(detection).replace("version: 4", "version: 5")
        .replace("name: Windows IIS Components Add New Module", "name: Windows IIS Components Add New Module v5"));

    Rule upgraded = RuleCatalog.load(new Home(home)).find(SEED).orElseThrow();
    assertEquals("Windows IIS Components Add New Module v5", upgraded.detection().name());
    assertTrue(upgraded.enabled());
    assertEquals(Optional.of(Instant.parse("2024-05-15T10:00:00Z")), upgraded.enabledSince());
  }

  @Test
  void scheduleFieldsCanBeOverriddenPerRule() throws Exception {
    Path home = TestHomes.copyShipped(temp);
    Files.createDirectories(home.resolve("config/local/rules"));
    Files.writeString(home.resolve("config/local/rules/" + SEED + ".yml"), String.join("\n",
        "cron_schedule: '*/15 * * * *'", "earliest_time: -20m@m", "latest_time: -5m@m", "realtime_schedule: 1",
        "lookback: 6h", ""));
    Deployment d = RuleCatalog.load(new Home(home)).find(SEED).orElseThrow().deployment();
    assertEquals(new Deployment("*/15 * * * *", "-20m@m", "-5m@m", "auto", true, true, Optional.of(Duration.ofHours(6)), Optional.empty(), Optional.empty()), d);
  }

  @Test
  void aBadOverrideIsReportedWithFileFieldAndCaretAndTheOtherRulesStillLoad() throws Exception {
    Path home = TestHomes.copyShipped(temp);
    Files.createDirectories(home.resolve("config/local/rules"));
    Path local = home.resolve("config/local/rules/" + SEED + ".yml");
    Files.writeString(local, "cron_schedule: '0 * * JAN *'\n");
    RuleCatalog catalog = RuleCatalog.load(new Home(home));
    assertEquals(1, catalog.problems().size());
    String problem = catalog.problems().get(0);
    assertTrue(problem.startsWith(local + ": field cron_schedule: "), problem);
    assertTrue(problem.endsWith("0 * * JAN *\n      ^\nthe rule is disabled until the file is fixed ('vigil rules disable "
        + SEED + "' replaces it)"), problem);
    assertTrue(catalog.find("certutil_exe_certificate_extraction").isPresent());
  }

  @Test // a broken override must not hide the rule: else 'vigil rules disable' could not replace it
  void aRuleWhoseOverrideCannotBeReadStillLoadsDisabled() throws Exception {
    Path home = TestHomes.copyShipped(temp);
    Files.createDirectories(home.resolve("config/local/rules"));
    Path local = home.resolve("config/local/rules/" + SEED + ".yml");
    Files.writeString(local, "enabled: true\nenabled_at: [2024\n");

    RuleCatalog catalog = RuleCatalog.load(new Home(home));

    Rule rule = catalog.named(SEED).orElseThrow();
    assertFalse(rule.enabled());
    assertEquals(List.of(), catalog.enabledRules());
    assertEquals(1, catalog.problems().size(), catalog.problems().toString());
    assertTrue(catalog.problems().get(0).startsWith(local + ":"), catalog.problems().toString());
  }

  @Test // enable and disable name rules of the catalog only; a path is for running a file ad hoc
  void namedFindsCatalogRulesOnly() throws Exception {
    Path home = TestHomes.copyShipped(temp.resolve("home"));
    Path elsewhere = temp.resolve("elsewhere/" + SEED + ".yml");
    Files.createDirectories(elsewhere.getParent());
    Files.copy(home.resolve("schedules/detections/" + SEED + ".yml"), elsewhere);
    RuleCatalog catalog = RuleCatalog.load(new Home(home));

    assertTrue(catalog.named(elsewhere.toString()).isEmpty());
    assertTrue(catalog.find(elsewhere.toString()).isPresent(), "a path still runs ad hoc");
    assertTrue(catalog.named(SEED).isPresent());
  }
}
