package dev.vigil.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.TestHomes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * 'vigil test' moves each event's parsed _time, whatever field and format the reader took it from, so that the
 * newest event lies at the present and none falls outside the window; it tests the rule without local tuning,
 * and fails when a risk object has no value.
 */
class TestCommandShiftTest {
  private static final Path DATASETS = Path.of("../shared/content/datasets");
  private static final Pattern WINDOW = Pattern.compile(": (\\d+) events over \\[(\\S+), (\\S+)\\): (\\d+) rows");

  @TempDir
  Path temp;

  /** Every event, grouped by dest; the risk object is dest (and user when asked). */
  private Path rule(String victims) throws Exception {
    Path rule = temp.resolve("all_events.yml");
    Files.writeString(rule, "name: All Events\nid: 0b7c1f3e-8c1a-4a55-9a31-2b1f0c6f9e10\ntype: TTP\n"
        + "search: '| tstats count min(_time) as firstTime max(_time) as lastTime from datamodel=Endpoint.Processes"
        + " by Processes.dest Processes.user | `drop_dm_object_name(Processes)` | `all_events_filter`'\n"
        + "tags:\n  confidence: 50\n  impact: 50\n  message: test on $dest$\n  mitre_attack_id:\n  - T1059\n"
        + "  observable:\n" + victims);
    return rule;
  }

  private static String victim(String field, String type) {
    return "  - name: " + field + "\n    type: " + type + "\n    role:\n    - Victim\n";
  }

  private static Path cim(Path dir, String name, String... lines) throws Exception {
    return Files.writeString(dir.resolve(name), String.join("\n", lines) + "\n");
  }

  // One case per reader and per field the reader takes _time from.
  static Stream<Arguments> datasets() {
    return Stream.of(
        Arguments.of("certutil_exe_certificate_extraction.raw", 40), // Sysmon UtcTime and 4688 SystemTime, raw XML
        Arguments.of("certutil_sysmon_eid1.xml.log", 20), // Sysmon UtcTime
        Arguments.of("certutil_security_4688.xml.log", 20), // 4688 TimeCreated/@SystemTime
        Arguments.of("sigma_regression_process_creation.ndjson", 129), // evtx-dump NDJSON, UtcTime
        Arguments.of("evtx/proc_creation_win_reg_system_restore_modification.json", 4), // pretty-printed evtx-dump
        Arguments.of("example_crowdstrike_processrollup2.json", 1), // timestamp, epoch ms
        Arguments.of("cim-epoch.ndjson", 2), // CIM _time, epoch seconds with fraction
        Arguments.of("cim-iso.ndjson", 2)); // CIM _time, ISO-8601 with offset
  }

  @ParameterizedTest
  @MethodSource("datasets")
  void theNewestEventLiesAtThePresentAndNoneFallsOutside(String dataset, int events) throws Exception {
    Path home = TestHomes.copyShipped(temp.resolve("home"));
    Path file = dataset.startsWith("cim-") ? cimDataset(dataset) : DATASETS.resolve(dataset);
    Instant before = Instant.now();
    // No risk object: the CrowdStrike example names no host, which the risk object test below is about.
    Cli.Outcome outcome = Cli.vigil("test", rule("").toString(), "--home", home.toString(),
        "--dataset", file.toString());
    assertEquals(0, outcome.exit(), outcome.err());
    Matcher m = WINDOW.matcher(outcome.err());
    assertTrue(m.find(), outcome.err());
    assertEquals(events, Integer.parseInt(m.group(1)));
    Instant earliest = Instant.parse(m.group(2));
    Instant now = Instant.parse(m.group(3)).minusSeconds(1);
    assertTrue(!now.isBefore(before.truncatedTo(java.time.temporal.ChronoUnit.MILLIS)), now + " before " + before);
    long firstTime = Long.MAX_VALUE;
    long lastTime = Long.MIN_VALUE;
    long counted = 0;
    for (JsonNode row : outcome.rows()) {
      firstTime = Math.min(firstTime, row.get("firstTime").asLong());
      lastTime = Math.max(lastTime, row.get("lastTime").asLong());
      counted += row.get("count").asLong();
    }
    assertEquals(events, counted); // every event inside the window, none lost by rounding at either end
    assertEquals(now.getEpochSecond(), lastTime); // the newest event moved to the present
    assertEquals(earliest.getEpochSecond(), firstTime);
  }

  private Path cimDataset(String name) throws Exception {
    return name.equals("cim-epoch.ndjson")
        ? cim(temp, name,
            "{\"_time\": 1610667699.938, \"dest\": \"ws1\", \"user\": \"alice\", \"process\": \"cmd.exe /c whoami\"}",
            "{\"_time\": \"1610667759.0015\", \"dest\": \"ws2\", \"user\": \"bob\", \"process\": \"whoami.exe\"}")
        : cim(temp, name,
            "{\"_time\": \"2021-01-14T23:41:39.938+01:00\", \"dest\": \"ws1\", \"user\": \"alice\", \"process\": \"cmd.exe\"}",
            "{\"_time\": \"2021-01-14T22:42:39.999Z\", \"Processes.dest\": \"ws2\", \"user\": \"bob\", \"process\": \"whoami.exe\"}");
  }

  // Like contentctl, the rule runs without config/local/ tuning unless --with-local keeps it.
  @Test
  void localTuningIsLeftOutUnlessAskedFor() throws Exception {
    Path home = TestHomes.copyShipped(temp.resolve("home"));
    Path macros = Files.createDirectories(home.resolve("config/local/macros"));
    Files.writeString(macros.resolve("all_events_filter.yml"), "name: all_events_filter\ndefinition: search dest!=ws1\n");
    Path rule = rule(victim("dest", "Hostname"));
    Path data = cimDataset("cim-epoch.ndjson");
    Cli.Outcome shipped = Cli.vigil("test", rule.toString(), "--home", home.toString(), "--dataset", data.toString());
    assertEquals(0, shipped.exit(), shipped.err());
    assertEquals(List.of("ws1", "ws2"), shipped.rows().stream().map(r -> r.get("dest").asText()).toList());
    Cli.Outcome tuned = Cli.vigil("test", rule.toString(), "--home", home.toString(), "--dataset", data.toString(),
        "--with-local");
    assertEquals(0, tuned.exit(), tuned.err());
    assertEquals(List.of("ws2"), tuned.rows().stream().map(r -> r.get("dest").asText()).toList());
  }

  // A risk object that no row carries (missing, null or unknown) fails the test, named.
  @Test
  void aRiskObjectWithoutValueFailsTheTest() throws Exception {
    Path home = TestHomes.copyShipped(temp.resolve("home"));
    Path data = cim(temp, "no-user.ndjson", "{\"_time\": 1610667699, \"dest\": \"ws1\", \"process\": \"cmd.exe\"}");
    Cli.Outcome outcome = Cli.vigil("test", rule(victim("dest", "Hostname") + victim("user", "User")).toString(),
        "--home", home.toString(), "--dataset", data.toString());
    assertEquals(1, outcome.exit(), outcome.err());
    assertEquals("unknown", outcome.rows().get(0).get("user").asText()); // the data model's calculated value
    assertTrue(outcome.err().contains("all_events: FAIL: 1 events over"), outcome.err());
    assertTrue(outcome.err().endsWith("all_events: FAIL: risk object 'user' has no value in any row: the rule would "
        + "write no risk event for it\n"), outcome.err());
    Cli.Outcome withUser = Cli.vigil("test", rule(victim("dest", "Hostname") + victim("user", "User")).toString(),
        "--home", home.toString(), "--dataset", cimDataset("cim-iso.ndjson").toString());
    assertEquals(0, withUser.exit(), withUser.err());
  }
}
