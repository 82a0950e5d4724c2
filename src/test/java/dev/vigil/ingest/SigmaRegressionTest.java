package dev.vigil.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** SigmaHQ's regression events: Sysmon EventID 1 as evtx-dump JSON map like the XML ones (SEMANTICS §3.3). */
class SigmaRegressionTest {
  private static final String FILE = "sigma_regression_process_creation.ndjson";

  @Test
  void all129EventsAreSysmonProcessCreations() {
    Ingested in = Ingested.dataset(FILE);

    assertEquals(List.of(), in.problems());
    assertEquals(Map.of(), in.summary().skipped());
    assertEquals(129, in.events().size());
    for (ProcessEvent e : in.events()) {
      assertEquals("XmlWinEventLog:Microsoft-Windows-Sysmon/Operational", e.source());
      assertEquals("xmlwineventlog", e.sourcetype());
      assertEquals("Microsoft Sysmon", e.field("vendor_product"));
      assertNotEquals("unknown", e.field("process_name"), e.raw());
      assertNotEquals("unknown", e.field("dest"), e.raw());
    }
  }

  @Test // an independent reading of each line with Jackson, compared field by field
  void everyEventMatchesItsEventData() throws Exception {
    ObjectMapper json = new ObjectMapper();
    for (ProcessEvent e : Ingested.dataset(FILE).events()) {
      JsonNode data = json.readTree(e.raw()).path("event").path("Event").path("EventData");
      String image = data.path("Image").asText();
      assertEquals(image, e.field("process_path"));
      assertEquals(image.substring(image.lastIndexOf('\\') + 1), e.field("process_name"));
      assertEquals(data.path("CommandLine").asText(), e.field("process"));
      assertEquals(data.path("ProcessId").asText(), e.field("process_id"));
      assertEquals(data.path("ParentProcessId").asText(), e.field("parent_process_id"));
      assertEquals(data.path("User").asText(), e.field("user"));
      assertEquals(data.path("IntegrityLevel").asText().toLowerCase(), e.field("process_integrity_level"));
    }
  }

  @Test
  void firstEventMapsEveryField() {
    ProcessEvent e = Ingested.dataset(FILE).events().get(0);

    assertEquals(1765055462632L, e.timeMillis()); // UtcTime 2025-12-06 21:11:02.632
    assertEquals(Map.ofEntries(
        Map.entry("dest", "swachchhanda"),
        Map.entry("user", "swachchhanda\\xodih"),
        Map.entry("process", "C:\\WINDOWS\\system32\\cmd.exe /d /s /c \"whoami\""),
        Map.entry("process_path", "C:\\Windows\\System32\\cmd.exe"),
        Map.entry("process_name", "cmd.exe"),
        Map.entry("process_id", "3412"),
        Map.entry("process_guid", "0197231E-9BE6-6934-5301-000000000B00"),
        Map.entry("process_hash", "MD5=352B525E9C26CB92693899528FE007C2,"
            + "SHA256=1F1D918EC49E0B7C59B704FF412E1A6E224DA81C08CDA657E1CB482ABAAC146C,"
            + "IMPHASH=94F3EFC2DF40ECD7229B904540DD83CF"),
        Map.entry("process_integrity_level", "medium"),
        Map.entry("process_current_directory",
            "C:\\Users\\xodih\\Downloads\\CVE-2025-55182-main\\CVE-2025-55182-main\\test-server\\"),
        Map.entry("parent_process", "C:\\Users\\xodih\\AppData\\Local\\Temp\\bun-node-274e01c73\\node.exe "
            + "C:\\Users\\xodih\\Downloads\\CVE-2025-55182-main\\CVE-2025-55182-main\\test-server\\node_modules"
            + "\\next\\dist\\server\\lib\\start-server.js"),
        Map.entry("parent_process_path", "C:\\Users\\xodih\\AppData\\Local\\Temp\\bun-node-274e01c73\\node.exe"),
        Map.entry("parent_process_name", "node.exe"),
        Map.entry("parent_process_id", "1092"),
        Map.entry("parent_process_guid", "0197231E-9B6B-6934-2B01-000000000B00"),
        Map.entry("original_file_name", "Cmd.Exe"),
        Map.entry("vendor_product", "Microsoft Sysmon"),
        Map.entry("os", "Microsoft Windows")), e.fields());
  }
}
