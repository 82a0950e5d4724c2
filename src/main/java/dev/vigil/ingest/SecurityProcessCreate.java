package dev.vigil.ingest;

/** Security 4688 (a new process has been created) to CIM {@code Endpoint.Processes} as Splunk_TA_windows maps it. */
final class SecurityProcessCreate {
  static final String SOURCE = "XmlWinEventLog:Security";

  private SecurityProcessCreate() {}

  static ProcessEvent map(WinEvent e, String raw) throws BadEvent {
    if (e.systemTime() == null || e.systemTime().isBlank()) {
      throw BadEvent.missing("TimeCreated/@SystemTime");
    }
    long time = Times.isoOffset("TimeCreated/@SystemTime", e.systemTime());
    String image = e.data("NewProcessName");
    String commandLine = e.data("CommandLine");
    String parentImage = e.data("ParentProcessName");
    return new EventBuilder()
        .put("dest", e.computer())
        .put("user", user(e))
        .put("process", commandLine == null || commandLine.isEmpty() ? image : commandLine)
        .put("process_path", image)
        .putFileName("process_name", image)
        .put("process_id", decimalPid("NewProcessId", e.data("NewProcessId")))
        .put("parent_process", parentImage) // 4688 logs no parent command line
        .put("parent_process_path", parentImage)
        .putFileName("parent_process_name", parentImage)
        .put("parent_process_id", decimalPid("ProcessId", e.data("ProcessId")))
        .put("process_integrity_level", IntegrityLevels.fromMandatoryLabel(e.data("MandatoryLabel")))
        .put("vendor_product", "Microsoft Windows")
        .put("os", "Microsoft Windows")
        .build(time, SOURCE, WindowsEvents.SOURCETYPE, raw);
  }

  /** The target account when the process runs as another user, else the subject; the name without its domain. */
  private static String user(WinEvent e) {
    String target = e.data("TargetUserName");
    String name = target == null || target.isEmpty() || target.equals("-") ? e.data("SubjectUserName") : target;
    return name == null ? null : EventBuilder.fileName(name);
  }

  /**
   * 4688 logs pids in hex ({@code 0x1b28}); SEMANTICS §3.3 stores them in decimal ({@code 6952}) so that a process
   * has the same id in Sysmon and 4688 rows. The raw event keeps the hex.
   */
  static String decimalPid(String field, String value) throws BadEvent {
    if (value == null || value.isBlank()) {
      return null;
    }
    String s = value.strip();
    try {
      return s.regionMatches(true, 0, "0x", 0, 2)
          ? Long.toString(Long.parseLong(s.substring(2), 16))
          : Long.toString(Long.parseLong(s));
    } catch (NumberFormatException e) {
      throw BadEvent.unparsable(field, value, "a process id (expected hex like 0x1b28)");
    }
  }
}
