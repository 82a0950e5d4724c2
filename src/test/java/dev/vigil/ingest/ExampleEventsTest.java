package dev.vigil.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The example event of each data source, every field (SEMANTICS §3.2, §3.3). */
class ExampleEventsTest {

  @Test
  void sysmonEventId1() {
    ProcessEvent e = Ingested.dataset("example_sysmon_eid1.xml").only();

    assertEquals("XmlWinEventLog:Microsoft-Windows-Sysmon/Operational", e.source());
    assertEquals("xmlwineventlog", e.sourcetype());
    assertEquals(1602155026615L, e.timeMillis()); // UtcTime 2020-10-08 11:03:46.615, not TimeCreated (.617)
    assertEquals(Map.ofEntries(
        Map.entry("dest", "win-dc-6764986.attackrange.local"),
        Map.entry("user", "ATTACKRANGE\\Administrator"),
        // &amp; decoded, %% and the trailing space kept
        Map.entry("process", "\"C:\\Windows\\system32\\cmd.exe\" /c \"reg save HKLM\\sam %%temp%%\\sam & "
            + "reg save HKLM\\system %%temp%%\\system & reg save HKLM\\security %%temp%%\\security\" "),
        Map.entry("process_path", "C:\\Windows\\System32\\cmd.exe"),
        Map.entry("process_name", "cmd.exe"),
        Map.entry("process_id", "2296"),
        Map.entry("process_guid", "{96128EA2-F212-5F7E-E400-000000007F01}"),
        Map.entry("process_hash", "MD5=F4F684066175B77E0C3A000549D2922C,"
            + "SHA256=935C1861DF1F4018D698E8B65ABFA02D7E9037D8F68CA3C2065B6CA165D44AD2,"
            + "IMPHASH=3062ED732D4B25D1C64F084DAC97D37A"),
        Map.entry("process_integrity_level", "high"),
        Map.entry("process_current_directory", "C:\\Users\\ADMINI~1\\AppData\\Local\\Temp\\"),
        Map.entry("parent_process", "\"powershell.exe\" -noninteractive -encodedcommand "
            + "WwBDAG8AbgBzAG8AbABlAF0AOgA6AEkAbgBwAHUAdABFAG4AYwBvAGQAaQBuAGcAIAA9ACAATgBlAHcALQBPAGIAagBlAGMAdAAg"
            + "AFQAZQB4AHQALgBVAFQARgA4AEUAbgBjAG8AZABpAG4AZwAgACQAZgBhAGwAcwBlADsAIABJAG0AcABvAHIAdAAtAE0AbwBkAHUA"
            + "bABlACAAIgBDADoAXABBAHQAbwBtAGkAYwBSAGUAZABUAGUAYQBtAFwAaQBuAHYAbwBrAGUALQBhAHQAbwBtAGkAYwByAGUAZAB0"
            + "AGUAYQBtAFwASQBuAHYAbwBrAGUALQBBAHQAbwBtAGkAYwBSAGUAZABUAGUAYQBtAC4AcABzAGQAMQAiACAALQBGAG8AcgBjAGUA"
            + "CgBJAG4AdgBvAGsAZQAtAEEAdABvAG0AaQBjAFQAZQBzAHQAIAAiAFQAMQAwADAAMwAuADAAMAAyACIAIAAtAEMAbwBuAGYAaQBy"
            + "AG0AOgAkAGYAYQBsAHMAZQAgAC0AVABpAG0AZQBvAHUAdABTAGUAYwBvAG4AZABzACAAMwAwADAAIAAtAEUAeABlAGMAdQB0AGkA"
            + "bwBuAEwAbwBnAFAAYQB0AGgAIABDADoAXABBAHQAbwBtAGkAYwBSAGUAZABUAGUAYQBtAFwAYQB0AGMAXwBlAHgAZQBjAHUAdABp"
            + "AG8AbgAuAGMAcwB2AA=="),
        Map.entry("parent_process_path", "C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe"),
        Map.entry("parent_process_name", "powershell.exe"),
        Map.entry("parent_process_id", "4624"),
        Map.entry("parent_process_guid", "{96128EA2-F211-5F7E-DF00-000000007F01}"),
        Map.entry("original_file_name", "Cmd.Exe"),
        Map.entry("vendor_product", "Microsoft Sysmon"),
        Map.entry("os", "Microsoft Windows")), e.fields());
  }

  @Test
  void security4688() {
    ProcessEvent e = Ingested.dataset("example_security_4688.xml").only();

    assertEquals("XmlWinEventLog:Security", e.source());
    assertEquals("xmlwineventlog", e.sourcetype());
    assertEquals(1713862110449L, e.timeMillis()); // 2024-04-23T08:48:30.449376800Z truncated to ms
    assertEquals(Map.ofEntries(
        Map.entry("dest", "ar-win-1"),
        Map.entry("user", "AR-WIN-1$"), // TargetUserName is "-": the subject
        Map.entry("process",
            "\"C:\\Program Files\\SplunkUniversalForwarder\\bin\\splunk-powershell.exe\" --ps2"),
        Map.entry("process_path", "C:\\Program Files\\SplunkUniversalForwarder\\bin\\splunk-powershell.exe"),
        Map.entry("process_name", "splunk-powershell.exe"),
        Map.entry("process_id", "3972"), // 0xf84
        Map.entry("parent_process", "C:\\Program Files\\SplunkUniversalForwarder\\bin\\splunkd.exe"),
        Map.entry("parent_process_path", "C:\\Program Files\\SplunkUniversalForwarder\\bin\\splunkd.exe"),
        Map.entry("parent_process_name", "splunkd.exe"),
        Map.entry("parent_process_id", "2860"), // 0xb2c
        Map.entry("process_integrity_level", "system"), // Mandatory Label\System Mandatory Level
        Map.entry("original_file_name", "unknown"),
        Map.entry("vendor_product", "Microsoft Windows"),
        Map.entry("os", "Microsoft Windows")), e.fields());
  }

  @Test
  void crowdStrikeProcessRollup2() {
    ProcessEvent e = Ingested.dataset("example_crowdstrike_processrollup2.json").only();

    assertEquals("crowdstrike", e.source());
    assertEquals("crowdstrike:events:sensor", e.sourcetype());
    assertEquals(1713805173418L, e.timeMillis());
    assertEquals(Map.ofEntries(
        Map.entry("dest", "unknown"), // neither ComputerName nor aid_computer_name
        Map.entry("user", "S-1-5-21-586445407-708991241-1829972403-500"), // no UserName: the SID
        Map.entry("user_id", "S-1-5-21-586445407-708991241-1829972403-500"),
        Map.entry("process", "\"C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe\" "),
        Map.entry("process_path",
            "\\Device\\HarddiskVolume1\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe"),
        Map.entry("process_name", "powershell.exe"),
        Map.entry("process_id", "5012"), // RawProcessId, not TargetProcessId
        Map.entry("parent_process_id", "5459598860"),
        Map.entry("parent_process_name", "explorer.exe"),
        Map.entry("parent_process", "unknown"),
        Map.entry("process_hash", "ba4038fd20e474c047be8aad5bfacdb1bfc1ddbe12f803f473b7918d8d819436"),
        Map.entry("process_integrity_level", "high"), // IntegrityLevel 12288
        Map.entry("original_file_name", "unknown"),
        Map.entry("vendor_product", "CrowdStrike Falcon"),
        Map.entry("os", "Microsoft Windows")), e.fields()); // event_platform Win
  }
}
