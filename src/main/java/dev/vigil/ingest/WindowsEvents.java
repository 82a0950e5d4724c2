package dev.vigil.ingest;

/**
 * Sorts Windows events: Sysmon EventID 1 and Security 4688 are process creations; everything else is counted
 * under its channel and id. The same rules apply whether the event came as XML or as evtx-dump JSON.
 */
final class WindowsEvents {
  static final String SOURCETYPE = "xmlwineventlog";
  private static final String SYSMON_PROVIDER = "Microsoft-Windows-Sysmon";
  private static final String SYSMON_CHANNEL = "Microsoft-Windows-Sysmon/Operational";
  private static final String SECURITY_PROVIDER = "Microsoft-Windows-Security-Auditing";
  private static final String SECURITY_CHANNEL = "Security";

  private WindowsEvents() {}

  static Outcome map(WinEvent event, String raw) throws BadEvent {
    if (event.eventId() == null || event.eventId().isEmpty()) {
      throw BadEvent.missing("EventID");
    }
    if (SYSMON_PROVIDER.equals(event.provider()) || SYSMON_CHANNEL.equals(event.channel())) {
      return event.eventId().equals("1")
          ? new Outcome.Mapped(SysmonProcessCreate.map(event, raw))
          : new Outcome.Skipped("Sysmon EventID " + event.eventId());
    }
    if (SECURITY_PROVIDER.equals(event.provider()) || SECURITY_CHANNEL.equals(event.channel())) {
      return event.eventId().equals("4688")
          ? new Outcome.Mapped(SecurityProcessCreate.map(event, raw))
          : new Outcome.Skipped("Security EventID " + event.eventId());
    }
    String log = event.channel() != null ? event.channel() : String.valueOf(event.provider());
    return new Outcome.Skipped(log + " EventID " + event.eventId());
  }
}
