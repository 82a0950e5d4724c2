package dev.vigil.generate;

import java.io.IOException;
import java.io.OutputStream;

/** The formats {@code vigil generate} writes; both are formats {@code vigil ingest} reads. */
public enum OutputFormat {
  /** CIM NDJSON: CIM field names, {@code _time} in epoch seconds with milliseconds. */
  CIM,
  /** Sysmon EventID 1 as Splunk's XmlWinEventLog stores it: one {@code <Event>} element per line. */
  SYSMON;

  EventLines open(OutputStream out) throws IOException {
    return switch (this) {
      case CIM -> new CimLines(out);
      case SYSMON -> new SysmonLines(out);
    };
  }
}
