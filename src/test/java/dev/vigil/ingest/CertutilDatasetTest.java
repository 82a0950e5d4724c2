package dev.vigil.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The attack_data capture: Sysmon 1 and 4688 XML mixed with multi-line PowerShell text (SEMANTICS §3.3). */
class CertutilDatasetTest {
  private static final String SYSMON = "XmlWinEventLog:Microsoft-Windows-Sysmon/Operational";
  private static final String SECURITY = "XmlWinEventLog:Security";

  @Test
  void readsTheForty_xmlEventsAndCountsTheNineteenTextEvents() {
    Ingested in = Ingested.dataset("certutil_exe_certificate_extraction.raw");

    assertEquals(List.of(), in.problems());
    assertEquals(40, in.summary().events());
    assertEquals(Map.of("text", 19L), in.summary().skipped());
    assertEquals(0, in.summary().errors());
    Map<String, Long> bySource = in.events().stream()
        .collect(Collectors.groupingBy(ProcessEvent::source, Collectors.counting()));
    assertEquals(Map.of(SYSMON, 20L, SECURITY, 20L), bySource);
  }

  @Test
  void theSplitFilesGiveTheSameEventsAsTheMixedFile() {
    Ingested sysmon = Ingested.dataset("certutil_sysmon_eid1.xml.log");
    Ingested security = Ingested.dataset("certutil_security_4688.xml.log");
    Ingested mixed = Ingested.dataset("certutil_exe_certificate_extraction.raw");

    assertEquals(20, sysmon.events().size());
    assertEquals(20, security.events().size());
    assertEquals(mixed.events().stream().filter(e -> e.source().equals(SYSMON)).toList(), sysmon.events());
    assertEquals(mixed.events().stream().filter(e -> e.source().equals(SECURITY)).toList(), security.events());
  }

  @Test // SEMANTICS §3.3: 4688's hex pids become decimal, so both rows name the same process
  void sysmonAndSecurityEventsOfOneProcessShareItsDecimalId() {
    List<ProcessEvent> events = Ingested.dataset("certutil_exe_certificate_extraction.raw").events();
    ProcessEvent sysmon = events.get(0); // line 1
    ProcessEvent security = events.get(1); // line 21, NewProcessId 0x1b28

    assertEquals(SYSMON, sysmon.source());
    assertEquals(SECURITY, security.source());
    assertEquals("6952", sysmon.field("process_id"));
    assertEquals("6952", security.field("process_id"));
    assertEquals("6860", sysmon.field("parent_process_id"));
    assertEquals("6860", security.field("parent_process_id")); // 0x1acc
    assertEquals(1610667699938L, sysmon.timeMillis()); // UtcTime 2021-01-14 23:41:39.938
    assertEquals(1610667699938L, security.timeMillis()); // SystemTime 23:41:39.9381753Z, truncated
    assertEquals("certutil.exe", security.field("process_name"));
    assertEquals("certutil.exe", sysmon.field("process_name"));
  }

  @Test
  void sysmonEventMapsEveryField() {
    ProcessEvent e = Ingested.dataset("certutil_sysmon_eid1.xml.log").events().get(0);

    assertEquals(Map.ofEntries(
        Map.entry("dest", "win-dc-791937.attackrange.local"),
        Map.entry("user", "ATTACKRANGE\\Administrator"),
        Map.entry("process", "\"C:\\Windows\\system32\\certutil.exe\" -p password1234 .\\powershellcert.pfx"),
        Map.entry("process_path", "C:\\Windows\\System32\\certutil.exe"),
        Map.entry("process_name", "certutil.exe"),
        Map.entry("process_id", "6952"),
        Map.entry("process_guid", "{51E9D293-D6B3-6000-0000-001068266601}"),
        Map.entry("process_hash", "MD5=06210E84C1FA61B0A320559DD458625C,"
            + "SHA256=2818289572EA6B60681D2724737C3E5C87B3731054F47E9D8E4253D8528D88B7,"
            + "IMPHASH=442218E88D4D6AA0BE3165DD7B20A4C4"),
        Map.entry("process_integrity_level", "high"),
        Map.entry("process_current_directory", "C:\\Users\\administrator\\Desktop\\"),
        Map.entry("parent_process", "powershell"),
        Map.entry("parent_process_path", "C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe"),
        Map.entry("parent_process_name", "powershell.exe"),
        Map.entry("parent_process_id", "6860"),
        Map.entry("parent_process_guid", "{51E9D293-D3FD-6000-0000-0010F9096201}"),
        Map.entry("original_file_name", "CertUtil.exe"),
        Map.entry("vendor_product", "Microsoft Sysmon"),
        Map.entry("os", "Microsoft Windows")), e.fields());
    assertEquals("xmlwineventlog", e.sourcetype());
  }

  @Test // Splunk's XML extraction keeps a command line's trailing spaces
  void securityEventKeepsTrailingSpacesOfTheCommandLine() {
    List<String> commandLines = Ingested.dataset("certutil_security_4688.xml.log").events().stream()
        .map(e -> e.field("process")).toList();

    assertEquals(true, commandLines.contains("certutil.exe  -exportPFX  powershellcert.pfx "));
    assertEquals(true, commandLines.contains("certutil  -dump powershellcert.pfx"));
  }

  @Test
  void rawIsTheLineUnchanged() {
    ProcessEvent e = Ingested.dataset("certutil_security_4688.xml.log").events().get(0);

    assertEquals(true, e.raw().startsWith("<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'>"));
    assertEquals(true, e.raw().endsWith("</EventData></Event>"));
    assertEquals(true, e.raw().contains("<Data Name='NewProcessId'>0x1b28</Data>"));
  }
}
