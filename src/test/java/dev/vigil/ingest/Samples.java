package dev.vigil.ingest;

/** Small hand-written event lines in the shape of the real ones, for cases the datasets do not contain. */
final class Samples {
  private Samples() {}

  static String sysmon(int eventId, String utcTime, String extraData) {
    return "<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System>"
        + "<Provider Name='Microsoft-Windows-Sysmon' Guid='{5770385F-C22A-43E0-BF4C-06F5698FFBD9}'/>"
        + "<EventID>" + eventId + "</EventID><TimeCreated SystemTime='2021-01-14T23:41:40.145335200Z'/>"
        + "<Channel>Microsoft-Windows-Sysmon/Operational</Channel><Computer>host1</Computer></System><EventData>"
        + (utcTime == null ? "" : "<Data Name='UtcTime'>" + utcTime + "</Data>")
        + "<Data Name='ProcessId'>6952</Data><Data Name='Image'>C:\\Windows\\System32\\certutil.exe</Data>"
        + extraData + "</EventData></Event>";
  }

  static String sysmon(String extraData) {
    return sysmon(1, "2021-01-14 23:41:39.938", extraData);
  }

  static String security(int eventId, String systemTime) {
    return "<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System>"
        + "<Provider Name='Microsoft-Windows-Security-Auditing' Guid='{54849625-5478-4994-A5BA-3E3B0328C30D}'/>"
        + "<EventID>" + eventId + "</EventID>"
        + (systemTime == null ? "" : "<TimeCreated SystemTime='" + systemTime + "'/>")
        + "<Channel>Security</Channel><Computer>host1</Computer></System><EventData>"
        + "<Data Name='SubjectUserName'>administrator</Data><Data Name='TargetUserName'>-</Data>"
        + "<Data Name='NewProcessId'>0x1b28</Data><Data Name='NewProcessName'>C:\\Windows\\System32\\certutil.exe</Data>"
        + "<Data Name='ProcessId'>0x1acc</Data><Data Name='CommandLine'></Data>"
        + "<Data Name='ParentProcessName'>C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe</Data>"
        + "</EventData></Event>";
  }

  static String crowdStrike(String simpleName, String timestamp) {
    return "{\"event_simpleName\":\"" + simpleName + "\"" + (timestamp == null ? "" : ",\"timestamp\":" + timestamp)
        + ",\"RawProcessId\":\"5012\",\"ImageFileName\":\"\\\\Device\\\\HarddiskVolume1\\\\Windows\\\\cmd.exe\""
        + ",\"ComputerName\":\"host1\",\"UserName\":\"alice\",\"CommandLine\":\"cmd.exe /c whoami\"}";
  }
}
