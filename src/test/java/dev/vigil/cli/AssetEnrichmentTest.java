package dev.vigil.cli;

import static dev.vigil.cli.Cli.vigil;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.TestHomes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Events get the asset and identity fields of Endpoint.Processes when they are stored (docs/rba.md, "Assets and
 * identities"), so that a shipped detection that reads {@code Processes.dest_category} works.
 */
class AssetEnrichmentTest {
  private static final String RDP = "remote_desktop_process_running_on_system";

  @TempDir
  Path temp;

  @Test
  void theRdpHuntingRuleSeesTheCategoryOfItsHosts() throws Exception {
    Path home = TestHomes.copyShipped(temp.resolve("home"));
    Files.createDirectories(home.resolve("config/local"));
    Files.writeString(home.resolve("config/local/assets.csv"), "nt_host,dns,priority,category,bunit\n"
        + "wks-07,wks-07.corp.example,medium,workstation,sales\n"
        + "jump-01,,high,common_rdp_source,it\n");
    Files.writeString(home.resolve("config/local/identities.csv"), "identity,email,priority,category,bunit\n"
        + "alice|CORP\\alice,alice@corp.example,high,privileged,sales\n");
    Path index = temp.resolve("index");
    String mstsc = "\"process_name\": \"mstsc.exe\", \"process\": \"C:\\\\Windows\\\\System32\\\\mstsc.exe\"}\n";
    Path events = Files.writeString(temp.resolve("rdp.ndjson"),
        "{\"_time\": \"2024-05-15T13:30:00Z\", \"dest\": \"wks-07\", \"user\": \"alice\", " + mstsc
            + "{\"_time\": \"2024-05-15T13:31:00Z\", \"dest\": \"jump-01\", \"user\": \"bob\", " + mstsc
            + "{\"_time\": \"2024-05-15T13:32:00Z\", \"dest\": \"lab-3\", \"user\": \"carol\", " + mstsc
            // An event that says its category itself keeps it.
            + "{\"_time\": \"2024-05-15T13:33:00Z\", \"dest\": \"jump-01\", \"dest_category\": \"kiosk\", "
            + "\"user\": \"dave\", " + mstsc);
    assertEquals(0, vigil("ingest", "--home", home.toString(), "--index", index.toString(), events.toString()).exit());

    Cli.Outcome ran = vigil("run", RDP, "--home", home.toString(), "--index", index.toString(), "--at",
        "2024-05-15T14:00:00Z");
    assertEquals(0, ran.exit(), ran.err());
    // jump-01 is a common RDP source; lab-3 is no asset, so it has no category and dest_category!=… cannot hold.
    assertEquals(List.of("jump-01 dave", "wks-07 alice"), ran.rows().stream()
        .map(r -> r.get("dest").asText() + " " + r.get("user").asText()).toList());

    String spl = "| tstats fillnull_value=none count from datamodel=Endpoint.Processes by Processes.dest Processes.dest_category "
        + "Processes.dest_priority Processes.dest_bunit Processes.user_category Processes.user_priority "
        + "Processes.user_bunit";
    Path rule = Files.writeString(temp.resolve("fields.yml"), String.join("\n",
        "name: Enriched Fields", "id: 6f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b", "type: Hunting",
        "search: '" + spl + "'", "tags:", "  confidence: 50", "  impact: 50", ""));
    Cli.Outcome fields = vigil("run", rule.toString(), "--home", home.toString(), "--index", index.toString(),
        "--earliest", "0", "--latest", "now");
    assertEquals(0, fields.exit(), fields.err());
    List<String> rows = fields.rows().stream().map(AssetEnrichmentTest::show).toList();
    assertEquals(List.of(
        "jump-01 common_rdp_source high it none none none",
        "jump-01 kiosk high it none none none",
        "lab-3 none none none none none none",
        "wks-07 workstation medium sales privileged high sales"), rows);
  }

  private static String show(JsonNode row) {
    StringBuilder shown = new StringBuilder(row.get("Processes.dest").asText());
    for (String field : List.of("dest_category", "dest_priority", "dest_bunit", "user_category", "user_priority",
        "user_bunit")) {
      shown.append(' ').append(row.get("Processes." + field).asText());
    }
    return shown.toString();
  }
}
