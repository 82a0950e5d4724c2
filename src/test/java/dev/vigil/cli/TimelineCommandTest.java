package dev.vigil.cli;

import static dev.vigil.cli.Cli.vigil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.TestHomes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vigil timeline}: one host's or user's process starts, oldest first, parent → child (issue 11). */
class TimelineCommandTest {
  @TempDir
  Path temp;

  @Test
  void aHostsProcessStartsInTimeOrderWithTheirLineage() throws Exception {
    Path home = TestHomes.copyShipped(temp.resolve("home"));
    Path index = temp.resolve("index");
    Path events = Files.writeString(temp.resolve("events.ndjson"), String.join("\n",
        "{\"_time\": \"2024-05-15T13:00:02Z\", \"dest\": \"wks-07\", \"user\": \"alice\", \"parent_process_name\":"
            + " \"cmd.exe\", \"process_name\": \"whoami.exe\", \"process\": \"whoami /all\"}",
        "{\"_time\": \"2024-05-15T13:00:00Z\", \"dest\": \"wks-07\", \"user\": \"alice\", \"parent_process_name\":"
            + " \"explorer.exe\", \"process_name\": \"cmd.exe\", \"process\": \"cmd.exe\"}",
        "{\"_time\": \"2024-05-15T13:00:01Z\", \"dest\": \"wks-08\", \"user\": \"alice\", \"parent_process_name\":"
            + " \"services.exe\", \"process_name\": \"svchost.exe\", \"process\": \"svchost.exe -k netsvcs\"}",
        "{\"_time\": \"2024-05-15T13:00:03Z\", \"dest\": \"WKS-07\", \"user\": \"bob\", \"parent_process_name\":"
            + " \"cmd.exe\", \"process_name\": \"net.exe\", \"process\": \"net user\"}", ""));
    assertEquals(0, vigil("ingest", "--home", home.toString(), "--index", index.toString(), events.toString()).exit());

    Cli.Outcome host = vigil("timeline", "--dest", "wks-07", "--home", home.toString(), "--index", index.toString());
    assertEquals(0, host.exit(), host.err());
    assertEquals(List.of("2024-05-15T13:00:00Z explorer.exe → cmd.exe", "2024-05-15T13:00:02Z cmd.exe → whoami.exe",
        "2024-05-15T13:00:03Z cmd.exe → net.exe"), show(host.rows()), "oldest first; host names match in any case");
    assertTrue(host.err().startsWith("3 process starts of host wks-07, window ["), host.err());

    Cli.Outcome user = vigil("timeline", "--user", "alice", "--count", "2", "--home", home.toString(), "--index",
        index.toString());
    assertEquals(List.of("2024-05-15T13:00:01Z services.exe → svchost.exe", "2024-05-15T13:00:02Z cmd.exe → whoami.exe"),
        show(user.rows()), "the newest two, in time order");
    assertTrue(user.err().startsWith("2 process starts, the newest of 3 (--count 2) of user alice"), user.err());

    assertEquals(2, vigil("timeline", "--dest", "a", "--user", "b", "--home", home.toString()).exit());
    Cli.Outcome none = vigil("timeline", "--dest", "a", "--count", "0", "--home", home.toString(), "--index",
        index.toString());
    assertEquals(2, none.exit());
    assertEquals("vigil: --count must be at least 1\n", none.err());
    assertEquals(2, vigil("timeline", "--home", home.toString()).exit());
  }

  private static List<String> show(List<JsonNode> rows) {
    return rows.stream().map(r -> r.get("time").asText() + " " + r.get("lineage").asText()).toList();
  }
}
