package dev.vigil.cli;

import static dev.vigil.cli.Cli.vigil;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.TestHomes;
import dev.vigil.Warnings;
import dev.vigil.schedule.RunLedger;
import dev.vigil.schedule.RunRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A Hunting rule writes no risk events: its scheduled runs keep their rows, which {@code vigil results} prints. */
class ResultsCommandTest {
  private static final String HUNTING = "remote_desktop_process_running_on_system";
  private static final String TTP = "certutil_exe_certificate_extraction";
  private static final Instant SCHEDULED = Instant.parse("2024-05-15T14:00:00Z");

  @TempDir
  Path temp;

  @Test
  void aHuntingRunKeepsItsRowsAndResultsPrintsThem() throws Exception {
    Path home = TestHomes.copyShipped(temp.resolve("home"));
    Path index = temp.resolve("index");
    // 13:30 lies in the 14:00 run's window [12:50, 13:50); 12:00 does not. The rule's dest_category!=… needs the field.
    String rdp = "\"dest_category\": \"workstation\", \"process_name\": \"mstsc.exe\","
        + " \"process\": \"C:\\\\Windows\\\\System32\\\\mstsc.exe\"}\n";
    Path events = Files.writeString(temp.resolve("rdp.ndjson"),
        "{\"_time\": \"2024-05-15T13:30:00Z\", \"dest\": \"wks-07\", \"user\": \"alice\", " + rdp
            + "{\"_time\": \"2024-05-15T12:00:00Z\", \"dest\": \"wks-08\", \"user\": \"bob\", " + rdp);
    assertEquals(0, vigil("ingest", "--home", home.toString(), "--index", index.toString(), events.toString()).exit());
    RunRecord ran = ScheduledRuns.run(home, index, HUNTING, SCHEDULED);
    assertEquals(1, ran.rows());
    assertEquals(0, ran.riskEvents());

    Cli.Outcome results = vigil("results", HUNTING, "--home", home.toString(), "--index", index.toString());
    assertEquals(0, results.exit(), results.err());
    List<JsonNode> rows = results.rows();
    assertEquals(1, rows.size());
    assertEquals("wks-07", rows.get(0).get("dest").asText());
    assertEquals("alice", rows.get(0).get("user").asText());
    assertEquals(HUNTING + " run scheduled 2024-05-15T14:00:00Z: 1 row, window [2024-05-15T12:50:00Z,"
        + " 2024-05-15T13:50:00Z), ok\n", results.err());
    assertEquals(results.out(), vigil("results", HUNTING, "--run", "2024-05-15T14:00:00Z", "--home", home.toString(),
        "--index", index.toString()).out());

    Cli.Outcome other = vigil("results", HUNTING, "--run", "2024-05-15T15:00:00Z", "--home", home.toString(),
        "--index", index.toString());
    assertEquals(2, other.exit());
    assertEquals("vigil: " + HUNTING + " has no run scheduled at 2024-05-15T15:00:00Z with kept rows; its latest:"
        + " [2024-05-15T14:00:00Z]\n", other.err());
  }

  @Test
  void aRuleThatWritesRiskEventsKeepsNoRowsAndSaysWhere() {
    Path home = TestHomes.copyShipped(temp.resolve("home"));
    Cli.Outcome results = vigil("results", TTP, "--home", home.toString(), "--index", temp.resolve("index").toString());
    assertEquals(2, results.exit());
    assertEquals("vigil: " + TTP + " has no run with kept rows in " + temp.resolve("index")
        + ": its runs write risk events instead (vigil runs, and the risk file)\n", results.err());
  }

}
