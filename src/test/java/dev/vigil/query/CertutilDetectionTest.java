package dev.vigil.query;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vigil.ingest.ProcessEvent;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped detection "Certutil exe certificate extraction" over the shipped attack_data capture
 * (Sysmon EventID 1 and Security 4688 of the same 11 certutil runs, mixed with PowerShell text).
 * Expectations were read off the raw file by hand (lines 70-93 are the 22 events naming -exportPFX).
 */
class CertutilDetectionTest {
  private static final String STEM = "certutil_exe_certificate_extraction";
  private static final String SYSMON_USER = "ATTACKRANGE\\Administrator";
  private static final String SECURITY_USER = "administrator"; // 4688: SubjectUserName, TargetUserName is "-"
  private static final String DEST = "win-dc-791937.attackrange.local";

  /**
   * Decimal pid (Sysmon ProcessId; 4688 NewProcessId in hex, in the comment) → command line, and the
   * second both events fall in. Every pair lies on 2021-01-07.
   */
  private static final Map<String, String[]> BY_PID = new LinkedHashMap<>();

  static {
    BY_PID.put("5812", new String[] {"certutil.exe  -p password1234 -exportPFX powershellcert.pfx ", "15:43:12"}); // 0x16b4
    BY_PID.put("4916", new String[] {"certutil.exe  -p -exportPFX powershellcert.pfx ", "15:42:59"}); // 0x1334
    BY_PID.put("520", new String[] {"certutil.exe  -exportPFX powershellcert.pfx ", "15:42:54"}); // 0x208
    BY_PID.put("4560", new String[] {"certutil.exe  -exportPFX powershellcert.pfx -p", "15:42:44"}); // 0x11d0
    BY_PID.put("1528", new String[] {"certutil.exe  -exportPFX powershellcert.pfx -?", "15:41:24"}); // 0x5f8
    BY_PID.put("5904", new String[] {"certutil.exe  -exportPFX powershellcert.pfx ", "15:41:09"}); // 0x1710
    BY_PID.put("5208", new String[] {"certutil.exe  -exportPFX  powershellcert.pfx ", "15:41:01"}); // 0x1458
    BY_PID.put("2892", new String[] {"certutil.exe  -exportpfx  powershellcert.pfx ", "15:40:52"}); // 0xb4c
    BY_PID.put("4964", new String[] {"certutil.exe  -privatekey -exportpfx  powershellcert.pfx ", "15:39:21"}); // 0x1364
    BY_PID.put("2884", new String[] {"certutil.exe  -privatekey -exportpfx \"powershell\" powershellcert.pfx ",
        "15:39:04"}); // 0xb44
    // Sysmon UtcTime 15:35:38.793, 4688 SystemTime 15:35:38.7939750Z: same second.
    BY_PID.put("5980", new String[] {"certutil.exe  -exportPFX powershellcert.pfx", "15:35:38"}); // 0x175c
  }

  @TempDir
  static Path indexDir;
  private static List<Row> rows;

  @BeforeAll
  static void runDetection() throws IOException {
    List<ProcessEvent> events = Searches.read(Searches.CONTENT.resolve("datasets").resolve(STEM + ".raw"));
    assertEquals(40, events.size());
    Searches.index(indexDir, events);
    rows = Searches.run(indexDir, Searches.detectionSearch(STEM),
        Searches.macros(Searches.filter(STEM, "search *")), Searches.ALL_TIME);
  }

  @Test // 11 certutil -exportPFX runs, each seen by Sysmon and by 4688; user and parent_process differ, so 22 groups
  void twentyTwoRowsElevenPerSource() {
    assertEquals(22, rows.size(), () -> rows.toString());
    assertEquals(11, rows.stream().filter(r -> SYSMON_USER.equals(r.first("user"))).count());
    assertEquals(11, rows.stream().filter(r -> SECURITY_USER.equals(r.first("user"))).count());
  }

  @Test // TstatsBackend: rows sorted by the by-fields; dest is the same, "ATTACKRANGE\…" < "administrator" bytewise
  void rowsAreSortedByTheGroupByFields() {
    assertEquals(List.of(SYSMON_USER), rows.subList(0, 11).stream().map(r -> r.first("user")).distinct().toList());
    assertEquals(List.of(SECURITY_USER), rows.subList(11, 22).stream().map(r -> r.first("user")).distinct().toList());
  }

  @Test // SEMANTICS §3.3: 4688's hex NewProcessId is stored in decimal, so both sources name the same pid
  void bothSourcesGiveTheSameElevenDecimalProcessIds() {
    Set<String> sysmonPids = pids(SYSMON_USER);
    Set<String> securityPids = pids(SECURITY_USER);

    assertEquals(new TreeSet<>(BY_PID.keySet()), sysmonPids);
    assertEquals(sysmonPids, securityPids);
  }

  @Test // SEMANTICS §3.3 + §4.4 drop_dm_object_name: the fields lose the "Processes." prefix
  void eachRowHasTheExpectedFieldsAndValues() {
    for (Row row : rows) {
      String pid = row.first("process_id");
      String[] expected = BY_PID.get(pid);
      boolean sysmon = SYSMON_USER.equals(row.first("user"));
      Map<String, Object> want = new LinkedHashMap<>();
      want.put("dest", DEST);
      want.put("user", sysmon ? SYSMON_USER : SECURITY_USER);
      // Sysmon has ParentCommandLine (with its trailing space); 4688 has only ParentProcessName (SEMANTICS §3.3)
      want.put("parent_process", sysmon ? "\"C:\\Windows\\system32\\cmd.exe\" " : "C:\\Windows\\System32\\cmd.exe");
      want.put("parent_process_name", "cmd.exe");
      want.put("process_name", "certutil.exe");
      want.put("process", expected[0]);
      want.put("process_id", pid);
      want.put("parent_process_id", "5884"); // Sysmon ParentProcessId 5884; 4688 ProcessId 0x16fc
      want.put("count", "1");
      want.put("firstTime", "2021-01-07T" + expected[1]);
      want.put("lastTime", "2021-01-07T" + expected[1]);
      assertEquals(want, row.asMap(), "row for pid " + pid + " from " + (sysmon ? "Sysmon" : "4688"));
    }
  }

  @Test // SEMANTICS §4.3: "*-exportPFX*" matches "-exportpfx" case-insensitively; output keeps the case
  void lowerCaseExportPfxMatchesAndKeepsItsCase() {
    List<String> lower = rows.stream().map(r -> r.first("process")).filter(p -> p.contains("-exportpfx")).toList();
    assertEquals(6, lower.size()); // pids 2892, 4964, 2884 from both sources
  }

  @Test // SEMANTICS §4.5 convert ctime, zone UTC (§1.5): "%Y-%m-%dT%H:%M:%S"
  void firstTimeAndLastTimeAreFormattedInUtc() {
    Map<String, Set<String>> timesBySource = rows.stream().collect(Collectors.groupingBy(
        r -> r.first("user"), Collectors.mapping(r -> r.first("firstTime"), Collectors.toCollection(TreeSet::new))));
    Set<String> expected = BY_PID.values().stream().map(v -> "2021-01-07T" + v[1])
        .collect(Collectors.toCollection(TreeSet::new));

    assertEquals(Map.of(SYSMON_USER, expected, SECURITY_USER, expected), timesBySource);
    assertEquals("2021-01-07T15:35:38", rows.stream().map(r -> r.first("firstTime")).min(String::compareTo).orElseThrow());
    assertEquals("2021-01-07T15:43:12", rows.stream().map(r -> r.first("lastTime")).max(String::compareTo).orElseThrow());
  }

  private static Set<String> pids(String user) {
    return rows.stream().filter(r -> user.equals(r.first("user"))).map(r -> r.first("process_id"))
        .collect(Collectors.toCollection(TreeSet::new));
  }
}
