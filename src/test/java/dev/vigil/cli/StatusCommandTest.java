package dev.vigil.cli;

import static dev.vigil.cli.Cli.vigil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.TestHomes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vigil status}: the index, the spool's backlog and each enabled rule's last and next run, read-only. */
class StatusCommandTest {
  private static final String SEED = "windows_iis_components_add_new_module";

  @TempDir
  Path temp;

  @Test
  void showsTheIndexTheSpoolBacklogAndEachEnabledRulesNextRun() throws Exception {
    Path home = TestHomes.copyShipped(temp.resolve("home"));
    Path index = temp.resolve("index");
    assertEquals(0, vigil("ingest", "--home", home.toString(), "--index", index.toString(),
        "../shared/content/datasets/example_sysmon_eid1.xml").exit());
    assertEquals(0, vigil("rules", "enable", SEED, "--home", home.toString()).exit());
    Path waiting = index.resolve("spool/forwarder/a.ndjson");
    Files.createDirectories(waiting.getParent());
    Files.writeString(waiting, "{\"_time\": 1764000000, \"dest\": \"spooled\", \"process\": \"a.exe\"}\n");
    Files.createDirectories(index.resolve("spool/done"));
    Files.writeString(index.resolve("spool/done/old.ndjson"), "{}\n");

    Instant before = Instant.now();
    Cli.Outcome status = vigil("status", "--home", home.toString(), "--index", index.toString());
    assertEquals(0, status.exit(), status.err());
    List<JsonNode> lines = status.rows();
    assertEquals(3, lines.size(), status.out());

    JsonNode indexLine = lines.get(0);
    assertEquals("index", indexLine.get("kind").asText());
    assertEquals(index.toString(), indexLine.get("index").asText());
    Cli.Outcome again = vigil("ingest", "--home", home.toString(), "--index", index.toString(),
        "../shared/content/datasets/example_sysmon_eid1.xml");
    long stored = Long.parseLong(again.err().replaceAll("(?s).*?(\\d+) events, 0 new.*", "$1"));
    assertEquals(stored, indexLine.get("events").asLong(), again.err());
    assertEquals("stopped", indexLine.get("scheduler").asText());
    assertTrue(Instant.parse(indexLine.get("last_commit").asText()).isBefore(before.plusSeconds(1)));
    assertTrue(!indexLine.get("indexed_through").isNull());

    JsonNode spool = lines.get(1);
    assertEquals("spool", spool.get("kind").asText());
    assertEquals(1, spool.get("files").asInt(), "done/ is not backlog");
    assertEquals(Files.size(waiting), spool.get("unread_bytes").asLong());

    JsonNode rule = lines.get(2);
    assertEquals(SEED, rule.get("rule").asText());
    assertEquals("0 * * * *", rule.get("cron").asText());
    assertTrue(rule.get("last_state").isNull(), "no run yet");
    Instant next = Instant.parse(rule.get("next_run").asText());
    Instant hourAfter = before.truncatedTo(ChronoUnit.HOURS).plus(1, ChronoUnit.HOURS);
    assertTrue(next.equals(hourAfter) || next.equals(hourAfter.plus(1, ChronoUnit.HOURS)), next.toString());
    assertTrue(status.err().contains("spool: 1 files waiting, " + Files.size(waiting) + " bytes not yet read"),
        status.err());
    assertTrue(status.err().contains("1 rule enabled"), status.err());
  }

  @Test // a rule file that cannot be read leaves its rule out of the schedule: status says so, and exits 1
  void aRuleThatCannotBeLoadedIsNamed() throws Exception {
    Path home = TestHomes.copyShipped(temp.resolve("home"));
    Path index = temp.resolve("index");
    assertEquals(0, vigil("ingest", "--home", home.toString(), "--index", index.toString(),
        "../shared/content/datasets/example_sysmon_eid1.xml").exit());
    Files.createDirectories(home.resolve("config/local/rules"));
    Files.writeString(home.resolve("config/local/rules/" + SEED + ".yml"), "enabled: [true\n");

    Cli.Outcome status = vigil("status", "--home", home.toString(), "--index", index.toString());

    assertEquals(1, status.exit(), status.err());
    assertTrue(status.err().contains("cannot load ") && status.err().contains(SEED + ".yml"), status.err());
  }

  @Test
  void aFolderWithoutAnIndexIsAnErrorAndCreatesNothing() {
    Path typo = temp.resolve("indx");
    Cli.Outcome status = vigil("status", "--home", TestHomes.copyShipped(temp.resolve("home")).toString(),
        "--index", typo.toString());
    assertEquals(2, status.exit());
    assertTrue(status.err().startsWith("vigil: no index in " + typo), status.err());
    assertTrue(!Files.exists(typo));
  }
}
