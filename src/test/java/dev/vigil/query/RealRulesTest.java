package dev.vigil.query;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Shipped rules, unmodified, over events written for them: escaped backslashes, != versus NOT on absent
 * fields and OR-before-AND (SEMANTICS §4.3). Each event's pid names it in the expectations.
 */
class RealRulesTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path indexDir;

  /** An event at second {@code pid}: field, value pairs (Java strings: "\\" is one backslash). */
  private static String event(int pid, String... fieldsAndValues) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("_time", 1700000000 + pid);
    fields.put("dest", "host");
    fields.put("user", "u");
    fields.put("process_id", pid);
    for (int i = 0; i < fieldsAndValues.length; i += 2) {
      fields.put(fieldsAndValues[i], fieldsAndValues[i + 1]);
    }
    try {
      return JSON.writeValueAsString(fields);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  /** The pids of the rule's rows, sorted numerically. */
  private String pids(String stem, String... events) throws IOException {
    Searches.index(indexDir, Searches.ndjson(events));
    List<Row> rows = Searches.run(indexDir, Searches.detectionSearch(stem),
        Searches.macros(Searches.filter(stem, "search *")), Searches.ALL_TIME);
    List<Integer> pids = new ArrayList<>();
    rows.forEach(r -> pids.add(Integer.parseInt(r.first("process_id"))));
    return pids.stream().sorted().map(String::valueOf).collect(Collectors.joining(" "));
  }

  @Test // Processes.process = "*\\\\.\\pipe\\*": in a quoted search value \\ is one backslash, so the pattern
        // is *\\.\pipe\*; NOT (process_path IN (…)) holds when process_path is absent (fillnull makes it "null")
  void namedPipeCommandLine() throws IOException {
    assertEquals("1 4", pids("windows_process_with_namedpipe_commandline",
        event(1, "process", "cmd.exe /c echo x > \\\\.\\pipe\\evil", "process_path", "C:\\Windows\\System32\\cmd.exe"),
        event(2, "process", "x.exe \\\\.\\PIPE\\a", "process_path", "C:\\Program Files\\x\\x.exe"),
        event(3, "process", "cmd.exe /c echo x > \\.\\pipe\\one_backslash", "process_path", "C:\\w\\cmd.exe"),
        event(4, "process", "y.exe \\\\.\\pipe\\b")));
  }

  @Test // (Processes.process=*\\\\*) unquoted: \\ is one backslash too, so the pattern is *\\* (a UNC path)
  void atExeRemote() throws IOException {
    assertEquals("1 3", pids("scheduled_task_creation_on_remote_endpoint_using_at",
        event(1, "process_name", "at.exe", "process", "at.exe \\\\server 12:00 cmd"),
        event(2, "process_name", "at.exe", "process", "at.exe 12:00 C:\\x.bat"),
        event(3, "process_name", "x.exe", "original_file_name", "AT.EXE", "process", "at \\\\srv 1:00 a")));
  }

  @Test // "*\sam *": a single backslash is literal; values compare case-insensitively;
        // `process_reg` (A OR B) AND (save OR export) AND (…): OR binds tighter than AND
  void registryHives() throws IOException {
    assertEquals("1 2", pids("extraction_of_registry_hives",
        event(1, "process_name", "reg.exe", "process", "reg save HKLM\\SAM sam.save"),
        event(2, "process_name", "reg.exe", "process", "reg export hklm\\system out"),
        event(3, "process_name", "reg.exe", "process", "reg save hklm\\samx out"),
        event(4, "process_name", "reg.exe", "process", "reg query hklm\\sam x"),
        event(5, "process_name", "cmd.exe", "process", "reg save hklm\\sam x")));
  }

  @Test // a OR b OR c `linux_shells`: (java OR apache OR tomcat) AND shell, not java OR … OR (tomcat AND shell)
  void javaSpawningShellPrecedence() throws IOException {
    assertEquals("1", pids("linux_java_spawning_shell",
        event(1, "parent_process_name", "java", "process_name", "bash", "process", "bash -c id"),
        event(2, "parent_process_name", "java", "process_name", "python3", "process", "python3 x.py"),
        event(3, "parent_process_name", "sshd", "process_name", "bash", "process", "bash")));
  }

  @Test // Processes.process_name!=rclone.exe needs process_name present; CIM fills it from the command line
  void renamedRclone() throws IOException {
    assertEquals("1", pids("detect_renamed_rclone",
        event(1, "original_file_name", "rclone.exe", "process_name", "svc.exe", "process", "svc.exe copy a b"),
        event(2, "original_file_name", "rclone.exe", "process_name", "RCLONE.EXE", "process", "rclone.exe copy")));
  }

  @Test // Processes.dest_category!=common_rdp_source: Vigil stores no dest_category, and != needs the field,
        // so the rule finds nothing, as in Splunk where the asset lookup leaves dest_category empty
  void remoteDesktopNeedsDestCategory() throws IOException {
    assertEquals("", pids("remote_desktop_process_running_on_system",
        event(1, "process_name", "mstsc.exe", "process", "C:\\Windows\\System32\\mstsc.exe")));
  }
}
