package dev.vigil.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.apache.commons.rng.sampling.distribution.RejectionInversionZipfSampler;
import org.apache.commons.rng.sampling.distribution.SharedStateDiscreteSampler;

/**
 * The programs of the background: a few hundred process names whose frequencies follow Zipf's law, as in real
 * fleets (svchost and browsers everywhere, most programs rare). None of them is a process name a shipped rule
 * keys on, and no argument spells what a shipped rule looks for: the background never matches a rule. The seed
 * rule's program, appcmd.exe, is there with near misses: other verbs, no image, or an installer as parent.
 */
final class ProcessCatalog {
  static final int PROGRAMS = 300;
  private static final double ZIPF_EXPONENT = 1.0;
  private static final String SYSTEM32 = "C:\\Windows\\System32\\";
  private static final List<String> VENDORS = List.of("Contoso", "Fabrikam", "Northwind", "Tailspin", "Litware",
      "Adatum", "Proseware", "Wingtip", "Woodgrove", "Humongous");
  private static final List<String> PRODUCTS = List.of("Agent", "Sync", "Update", "Backup", "Monitor", "Client",
      "Helper", "Service", "Viewer", "Launcher", "Indexer", "Broker");
  /** Option names of padding tokens: hex values after them can never spell a rule's keyword. */
  private static final List<String> OPTIONS = List.of("session", "trace", "rev", "chunk", "tag", "build", "job",
      "lease", "slot", "token");
  /** A space, the longest option name, '=' and 12 hex digits. */
  private static final int LONGEST_TOKEN = 1 + 7 + 1 + 12;

  /** A program of the background: its image, and how its command lines and parents look. */
  record Program(String image, String originalFileName, String hashes, String integrityLevel,
                 Function<Randoms, Invocation> invocation) {}

  /** How one start of a program looks: its arguments and its parent. */
  record Invocation(String arguments, Parent parent) {}

  /** A parent process: its image and command line. */
  record Parent(String image, String commandLine) {}

  private final List<Program> programs = new ArrayList<>();
  private final SharedStateDiscreteSampler ranks;

  ProcessCatalog(Randoms random) {
    addRealPrograms(random);
    for (int i = programs.size(); i < PROGRAMS; i++) {
      String vendor = VENDORS.get(i % VENDORS.size());
      String product = PRODUCTS.get((i / VENDORS.size()) % PRODUCTS.size());
      String name = vendor.toLowerCase(Locale.ROOT) + product + i + ".exe";
      String image = "C:\\Program Files\\" + vendor + "\\" + product + "\\" + name;
      add(random, image, "Medium", r -> "--profile " + r.pick(OPTIONS) + " --config=" + r.hex(8) + ".json",
          ProcessCatalog::userParent);
    }
    ranks = RejectionInversionZipfSampler.of(random.rng(), programs.size(), ZIPF_EXPONENT);
  }

  /** A program drawn by its Zipf rank. */
  Program draw() {
    return programs.get(ranks.sample() - 1);
  }

  /**
   * A command line of 40 to 300 characters: the program's own arguments, then option tokens with random hex
   * values, which make most lines unique.
   */
  static String commandLine(Program program, String arguments, Randoms random) {
    StringBuilder line = new StringBuilder(320);
    line.append(program.image().contains(" ") ? "\"" + program.image() + "\"" : program.image());
    line.append(' ').append(arguments);
    int length = random.between(40, 300);
    while (line.length() + LONGEST_TOKEN <= length) {
      line.append(' ').append(random.pick(OPTIONS)).append('=').append(random.hex(random.between(4, 12)));
    }
    return line.toString();
  }

  private void addRealPrograms(Randoms random) {
    add(random, SYSTEM32 + "svchost.exe", "System",
        r -> "-k " + r.pick(List.of("netsvcs", "LocalService", "NetworkService", "DcomLaunch", "RPCSS")) + " -p -s "
            + r.pick(List.of("Schedule", "BITS", "Winmgmt", "gpsvc", "Dnscache", "WpnService", "TokenBroker")),
        r -> new Parent(SYSTEM32 + "services.exe", SYSTEM32 + "services.exe"));
    add(random, "C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe", "Medium",
        r -> "--type=renderer --lang=en-US --renderer-client-id=" + r.between(5, 400) + " --field-trial-handle="
            + r.between(1000, 9999) + "," + r.hex(16),
        r -> new Parent("C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe",
            "\"C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe\""));
    add(random, "C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe", "Medium",
        r -> "--type=utility --utility-sub-type=network.mojom.NetworkService --lang=en-US --service-sandbox-type=none",
        ProcessCatalog::userParent);
    add(random, SYSTEM32 + "conhost.exe", "Medium", r -> "0xffffffff -ForceV1",
        r -> new Parent(SYSTEM32 + "cmd.exe", SYSTEM32 + "cmd.exe /c C:\\ProgramData\\Corp\\jobs\\" + r.hex(8) + ".cmd"));
    for (String name : List.of("RuntimeBroker.exe", "backgroundTaskHost.exe", "SearchProtocolHost.exe", "taskhostw.exe",
        "dllhost.exe", "WmiPrvSE.exe", "sihost.exe", "ctfmon.exe", "smartscreen.exe", "audiodg.exe")) {
      add(random, SYSTEM32 + name, "Medium", r -> "-Embedding /Processid:{" + r.hex(8) + "}",
          r -> new Parent(SYSTEM32 + "svchost.exe", SYSTEM32 + "svchost.exe -k DcomLaunch -p"));
    }
    add(random, SYSTEM32 + "WindowsPowerShell\\v1.0\\powershell.exe", "High",
        r -> "-NoProfile -NonInteractive -ExecutionPolicy Bypass -File C:\\ProgramData\\Corp\\scripts\\job_" + r.hex(8)
            + ".ps1",
        r -> new Parent(SYSTEM32 + "svchost.exe", SYSTEM32 + "svchost.exe -k netsvcs -p -s Schedule"));
    add(random, SYSTEM32 + "cmd.exe", "Medium",
        r -> "/c C:\\ProgramData\\Corp\\jobs\\" + r.hex(8) + ".cmd", ProcessCatalog::userParent);
    for (String name : List.of("OneDrive.exe", "Teams.exe", "OUTLOOK.EXE", "EXCEL.EXE", "WINWORD.EXE", "Code.exe",
        "node.exe", "git.exe", "python.exe", "Slack.exe")) {
      add(random, "C:\\Program Files\\Apps\\" + name.replace(".exe", "").replace(".EXE", "") + "\\" + name, "Medium",
          r -> "--open C:\\Users\\Public\\Documents\\doc_" + r.hex(10) + ".dat", ProcessCatalog::userParent);
    }
    add(random, SYSTEM32 + "rundll32.exe", "Medium",
        r -> "C:\\Windows\\System32\\" + r.pick(List.of("shell32", "advapi32", "user32", "printui")) + ".dll,"
            + r.pick(List.of("ProcessIdleTasks", "LockWorkStation", "PrintUIEntry", "SHCreateLocalServerRunDll")),
        ProcessCatalog::userParent);
    add(random, SYSTEM32 + "reg.exe", "High",
        r -> "query HKLM\\Software\\Corp\\" + r.hex(6) + " /v Version",
        r -> new Parent(SYSTEM32 + "cmd.exe", SYSTEM32 + "cmd.exe /c C:\\ProgramData\\Corp\\jobs\\inventory.cmd"));
    programs.add(new Program(SYSTEM32 + "inetsrv\\appcmd.exe", "appcmd.exe", hashes(random), "High",
        ProcessCatalog::appcmdNearMiss));
    for (String name : List.of("schtasks.exe", "tasklist.exe", "ipconfig.exe", "whoami.exe", "wevtutil.exe",
        "gpupdate.exe", "msiexec.exe", "w32tm.exe", "dism.exe", "sc.exe")) {
      add(random, SYSTEM32 + name, "High", r -> "/query /fo csv /nh /s " + r.hex(6),
          r -> new Parent(SYSTEM32 + "cmd.exe", SYSTEM32 + "cmd.exe /c C:\\ProgramData\\Corp\\jobs\\inventory.cmd"));
    }
  }

  /**
   * appcmd.exe as administrators and installers use it, each a near miss of the seed rule: another verb, a
   * module without an image, or an installer (which the rule excludes) installing a module with its image.
   */
  private static Invocation appcmdNearMiss(Randoms r) {
    Parent script = new Parent(SYSTEM32 + "cmd.exe", SYSTEM32 + "cmd.exe /c C:\\ProgramData\\Corp\\jobs\\iis.cmd");
    String module = "Mod" + r.hex(4);
    return switch (r.rng().nextInt(4)) {
      case 0 -> new Invocation("list site /name:site" + r.hex(4), script);
      case 1 -> new Invocation("add module /name:" + module, script);
      case 2 -> new Invocation("set config -section:system.webServer/globalModules /+[name='" + module + "']", script);
      default -> new Invocation("install module /name:" + module + " /image:" + SYSTEM32 + "inetsrv\\" + module + ".dll",
          r.rng().nextBoolean()
              ? new Parent(SYSTEM32 + "msiexec.exe", SYSTEM32 + "msiexec.exe /V")
              : new Parent(SYSTEM32 + "inetsrv\\iissetup.exe", SYSTEM32 + "inetsrv\\iissetup.exe /install"));
    };
  }

  private static Parent userParent(Randoms r) {
    return new Parent("C:\\Windows\\explorer.exe", "C:\\Windows\\Explorer.EXE");
  }

  private void add(Randoms random, String image, String integrity, Function<Randoms, String> arguments,
                   Function<Randoms, Parent> parent) {
    String name = image.substring(image.lastIndexOf('\\') + 1);
    programs.add(new Program(image, name, hashes(random), integrity,
        r -> new Invocation(arguments.apply(r), parent.apply(r))));
  }

  /** One binary, one set of hashes, as Sysmon reports them. */
  static String hashes(Randoms random) {
    return "MD5=" + random.hex(32).toUpperCase(Locale.ROOT) + ",SHA256=" + random.hex(64).toUpperCase(Locale.ROOT)
        + ",IMPHASH=" + random.hex(32).toUpperCase(Locale.ROOT);
  }
}
