package dev.vigil.ingest;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * One process-creation event mapped to the CIM {@code Endpoint.Processes} data set (SEMANTICS §3).
 *
 * @param timeMillis the event's own time ({@code _time}), epoch milliseconds
 * @param source     Splunk's {@code source}, e.g. {@code XmlWinEventLog:Security}
 * @param sourcetype Splunk's {@code sourcetype}, e.g. {@code xmlwineventlog}
 * @param raw        the event text exactly as read ({@code _raw})
 * @param fields     CIM field name (without the {@code Processes.} prefix) to value; calculated fields
 *                   (SEMANTICS §3.2) are already applied, so {@link CimFields#CALCULATED} are never absent
 */
public record ProcessEvent(long timeMillis, String source, String sourcetype, String raw, Map<String, String> fields) {
  public ProcessEvent {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(sourcetype, "sourcetype");
    Objects.requireNonNull(raw, "raw");
    fields = Map.copyOf(fields);
  }

  /**
   * The same event at {@code _time + shift}. The parsed time moves, whatever field and format the source wrote it
   * in, and exactly to the millisecond; {@code _raw} keeps the text as read, so it still shows the original time.
   */
  public ProcessEvent shiftedBy(Duration shift) {
    return new ProcessEvent(timeMillis + shift.toMillis(), source, sourcetype, raw, fields);
  }

  public String field(String name) {
    return fields.get(name);
  }
}
