package dev.vigil.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** SEMANTICS §3.2: the data model's calculated fields. */
class CalculatedFieldsTest {

  @Test
  void missingOrEmptyFieldsBecomeUnknown() {
    ProcessEvent e = Ingested.lines("cim.json", "{\"_time\": 1700000001, \"dest\": \"\", \"process_id\": \"7\"}").only();

    assertEquals(Map.of(
        "dest", "unknown", "user", "unknown", "process", "unknown", "parent_process", "unknown",
        "original_file_name", "unknown", "process_name", "unknown", "parent_process_name", "unknown",
        "process_id", "7", "vendor_product", "vigil:cim"), e.fields());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
      "'\"C:\\Program Files\\x\\a b.exe\" -x'  | a b.exe",
      "'C:\\Windows\\System32\\cmd.exe /c whoami' | cmd.exe",
      "'   certutil.exe  -dump x.pfx'           | certutil.exe",
      "'/usr/bin/curl -s http://x'              | curl",
      "'\"C:\\unterminated\\quote.exe -x'         | quote.exe",
      "'powershell'                             | powershell",
  })
  void processNameFallsBackOnTheFirstTokenOfTheCommandLine(String commandLine, String name) {
    assertEquals(name, EventBuilder.fileName(EventBuilder.firstToken(commandLine)));
    ProcessEvent e = new EventBuilder().put("process", commandLine).put("parent_process", commandLine)
        .build(0, "s", "st", "raw");
    assertEquals(name, e.field("process_name"));
    assertEquals(name, e.field("parent_process_name"));
  }

  @Test
  void aPresentNameIsKept() {
    ProcessEvent e = new EventBuilder().put("process", "cmd.exe /c x").put("process_name", "Other.EXE")
        .build(0, "s", "st", "raw");

    assertEquals("Other.EXE", e.field("process_name"));
  }

  @Test
  void parentNameFallsBackOnTheParentPathWhenThereIsNoParentCommandLine() {
    ProcessEvent e = new EventBuilder().put("parent_process_path", "C:\\Windows\\explorer.exe")
        .build(0, "s", "st", "raw");

    assertEquals("explorer.exe", e.field("parent_process_name"));
    assertEquals("unknown", e.field("parent_process"));
  }

  @Test // a Sysmon event without Image still gets a name, from its command line
  void sysmonWithoutImageNamesTheProcessFromTheCommandLine() {
    String line = Samples.sysmon("<Data Name='CommandLine'>\"C:\\Program Files\\x\\a b.exe\" -x</Data>")
        .replace("<Data Name='Image'>C:\\Windows\\System32\\certutil.exe</Data>", "");

    ProcessEvent e = Ingested.lines("s.xml", line).only();

    assertEquals("a b.exe", e.field("process_name"));
    assertEquals(null, e.field("process_path"));
    assertEquals("unknown", e.field("user"));
  }

  @Test // 4688 with an empty CommandLine: the image path stands in (Splunk_TA_windows)
  void securityWithoutCommandLineUsesTheImage() {
    ProcessEvent e = Ingested.lines("s.xml", Samples.security(4688, "2021-01-14T23:41:39.9381753Z")).only();

    assertEquals("C:\\Windows\\System32\\certutil.exe", e.field("process"));
    assertEquals("administrator", e.field("user"));
    assertEquals("host1", e.field("dest"));
  }

  @Test
  void securityUserIsTheTargetWithoutItsDomainWhenThereIsOne() {
    String line = Samples.security(4688, "2021-01-14T23:41:39Z")
        .replace("<Data Name='TargetUserName'>-</Data>", "<Data Name='TargetUserName'>CORP\\bob</Data>");

    assertEquals("bob", Ingested.lines("s.xml", line).only().field("user"));
  }

  @ParameterizedTest
  @CsvSource({
      "Mandatory Label\\High Mandatory Level, high",
      "Mandatory Label\\Medium Mandatory Level, medium",
      "S-1-16-16384, system",
      "S-1-16-4096, low",
      "Mandatory Label\\Medium Plus Mandatory Level, ",
  })
  void mandatoryLabelToIntegrityLevel(String label, String level) {
    assertEquals(level, IntegrityLevels.fromMandatoryLabel(label));
  }
}
