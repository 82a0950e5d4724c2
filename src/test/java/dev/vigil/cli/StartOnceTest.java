package dev.vigil.cli;

import static dev.vigil.cli.Cli.vigil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.TestHomes;
import dev.vigil.time.CronSchedule;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vigil start --once}, for a cron job or a systemd timer: one pass of what the scheduler does, then exit.
 * The command reads the system clock; the test asks nothing of it but the present.
 */
@Timeout(120)
class StartOnceTest {
  private static final String RULE = "windows_iis_components_add_new_module";
  private static final String THRESHOLD = "vigil_risk_threshold_exceeded_for_object";

  @TempDir
  Path temp;

  @Test
  void aFailedRunMakesThePassExitOne() throws Exception {
    Path home = TestHomes.copyShipped(temp.resolve("home"));
    Path index = temp.resolve("index");
    Instant enabledAt = Instant.now().minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.SECONDS);
    Files.createDirectories(home.resolve("config/local/rules"));
    Files.writeString(home.resolve("config/local/rules/" + RULE + ".yml"),
        "enabled: true\nenabled_at: \"" + enabledAt + "\"\n");
    assertEquals(0, vigil("ingest", "--home", home.toString(), "--index", index.toString(),
        Files.writeString(temp.resolve("none.ndjson"), "").toString()).exit());
    // The risk events file cannot be written: a folder stands where it should be.
    Files.createDirectories(index.resolve("risk/risk-events.ndjson"));
    Cli.Outcome once = vigil("start", "--once", "--home", home.toString(), "--index", index.toString());
    assertEquals(1, once.exit(), once.err());
    long due = CronSchedule.parse("0 * * * *").fireTimesBetween(enabledAt, Instant.now().plusMillis(1),
        ZoneOffset.UTC).size();
    assertTrue(once.err().contains(" INFO vigil: " + due + " runs, " + due + " failed\n")
        || once.err().contains(" INFO vigil: " + (due - 1) + " runs, " + (due - 1) + " failed\n"), once.err());
  }

  @Test
  void runsEveryDueWindowOnceTheLatestOkAndSpoolFilesAreRead() throws Exception {
    Path home = TestHomes.copyShipped(temp.resolve("home"));
    Path index = temp.resolve("index");
    Path spool = Files.createDirectories(index.resolve("spool"));
    Instant enabledAt = Instant.now().minus(Duration.ofHours(3)).truncatedTo(ChronoUnit.SECONDS);
    Files.createDirectories(home.resolve("config/local/rules"));
    for (String rule : List.of(RULE, THRESHOLD)) {
      Files.writeString(home.resolve("config/local/rules/" + rule + ".yml"),
          "enabled: true\nenabled_at: \"" + enabledAt + "\"\n");
    }
    Files.writeString(home.resolve("config/local/vigil.yml"), "spool:\n  settle: 1s\n");
    Files.writeString(spool.resolve("events.ndjson"), "{\"_time\": \"" + Instant.now().minus(Duration.ofHours(1))
        + "\", \"dest\": \"web-1\", \"user\": \"admin\", \"process_name\": \"appcmd.exe\", \"parent_process_name\":"
        + " \"cmd.exe\", \"process\": \"appcmd.exe install module /name:X /image:C:\\\\x.dll\"}\n",
        StandardCharsets.UTF_8);
    assertEquals(0, vigil("ingest", "--home", home.toString(), "--index", index.toString(),
        Files.writeString(temp.resolve("none.ndjson"), "").toString()).exit(), "an empty index to start from");

    Cli.Outcome once = vigil("start", "--once", "--home", home.toString(), "--index", index.toString());
    assertEquals(0, once.exit(), once.err());
    assertTrue(once.err().contains("ingestion: 1 events from 1 files, 1 new"), once.err());

    List<JsonNode> ledger = new ArrayList<>();
    for (String line : Files.readAllLines(index.resolve("ledger/runs.ndjson"))) {
      JsonNode record = new ObjectMapper().readTree(line);
      if (!record.get("state").asText().equals("running")) {
        ledger.add(record);
      }
    }
    for (String rule : List.of(RULE, THRESHOLD)) {
      List<String> states = ledger.stream().filter(r -> r.get("rule").asText().equals(rule))
          .map(r -> r.get("scheduled").asText() + " " + r.get("state").asText()).toList();
      Instant last = Instant.parse(states.get(states.size() - 1).split(" ")[0]);
      List<Instant> due = CronSchedule.parse("0 * * * *").fireTimesBetween(enabledAt, last.plusMillis(1), ZoneOffset.UTC);
      List<String> expected = new ArrayList<>();
      for (Instant t : due) {
        expected.add(t + " " + (t.equals(last) ? "ok" : "caught-up"));
      }
      assertEquals(expected, states, rule + ": every hour since it was enabled, once");
      assertTrue(due.size() >= 3, "three hours: " + due);
    }
    assertTrue(ledger.indexOf(ledger.stream().filter(r -> r.get("rule").asText().equals(THRESHOLD)).findFirst()
        .orElseThrow()) > ledger.indexOf(ledger.stream().filter(r -> r.get("rule").asText().equals(RULE))
        .reduce((a, b) -> b).orElseThrow()), "the risk incident rule after the detection");
    assertTrue(once.err().endsWith(" failed\n"), once.err());

    Cli.Outcome again = vigil("start", "--once", "--home", home.toString(), "--index", index.toString());
    assertEquals(0, again.exit(), again.err());
    assertTrue(again.err().contains("vigil: 0 runs, 0 failed") || Instant.now().truncatedTo(ChronoUnit.HOURS)
        .isAfter(Instant.parse(ledger.get(ledger.size() - 1).get("scheduled").asText())), again.err());
  }
}
