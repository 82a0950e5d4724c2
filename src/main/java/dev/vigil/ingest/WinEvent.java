package dev.vigil.ingest;

import java.util.Map;

/**
 * A Windows event log record, whatever it was serialised as (event XML, evtx-dump JSON): the few
 * {@code System} values Vigil needs and the named {@code EventData} values. Absent values are null.
 */
record WinEvent(String provider, String channel, String eventId, String computer, String systemTime,
    Map<String, String> data) {
  WinEvent {
    data = Map.copyOf(data);
  }

  String data(String name) {
    return data.get(name);
  }
}
