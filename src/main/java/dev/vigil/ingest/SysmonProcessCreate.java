package dev.vigil.ingest;

/** Sysmon EventID 1 (process creation) to CIM {@code Endpoint.Processes}, SEMANTICS §3.3. */
final class SysmonProcessCreate {
  static final String SOURCE = "XmlWinEventLog:Microsoft-Windows-Sysmon/Operational";

  private SysmonProcessCreate() {}

  static ProcessEvent map(WinEvent e, String raw) throws BadEvent {
    return new EventBuilder()
        .put("dest", e.computer())
        .put("user", e.data("User"))
        .put("process", e.data("CommandLine"))
        .put("process_path", e.data("Image"))
        .putFileName("process_name", e.data("Image"))
        .put("process_id", e.data("ProcessId"))
        .put("process_guid", e.data("ProcessGuid"))
        .put("parent_process", e.data("ParentCommandLine"))
        .put("parent_process_path", e.data("ParentImage"))
        .putFileName("parent_process_name", e.data("ParentImage"))
        .put("parent_process_id", e.data("ParentProcessId"))
        .put("parent_process_guid", e.data("ParentProcessGuid"))
        .put("original_file_name", e.data("OriginalFileName"))
        .put("process_hash", e.data("Hashes"))
        .put("process_integrity_level", e.data("IntegrityLevel"))
        .put("process_current_directory", e.data("CurrentDirectory"))
        .put("vendor_product", "Microsoft Sysmon")
        .put("os", "Microsoft Windows")
        .build(time(e), SOURCE, WindowsEvents.SOURCETYPE, raw);
  }

  /** UtcTime is when the process started; TimeCreated is when the event was logged, a little later. */
  private static long time(WinEvent e) throws BadEvent {
    String utc = e.data("UtcTime");
    if (utc != null && !utc.isBlank()) {
      return Times.sysmonUtc("UtcTime", utc);
    }
    if (e.systemTime() != null && !e.systemTime().isBlank()) {
      return Times.isoOffset("TimeCreated/@SystemTime", e.systemTime());
    }
    throw new BadEvent("UtcTime", "missing (required), and no TimeCreated/@SystemTime either");
  }
}
