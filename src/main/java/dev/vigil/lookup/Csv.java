package dev.vigil.lookup;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * RFC 4180 CSV as Splunk reads lookup files: comma-separated, double quotes around a field that holds a comma,
 * a quote or a line break, a doubled quote inside quotes is one quote. Spaces are kept (a lookup value
 * {@code "/etc/passwd "} ends with a space). Lines end with LF or CRLF; a blank line is skipped.
 */
final class Csv {
  private Csv() {}

  static List<List<String>> parse(String text, String source) throws IOException {
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    List<List<String>> records = new ArrayList<>();
    List<String> record = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    boolean fieldStarted = false;
    int line = 1;
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"') {
          if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
            field.append('"');
            i += 2;
            continue;
          }
          quoted = false;
        } else {
          if (c == '\n') {
            line++;
          }
          field.append(c);
        }
        i++;
        continue;
      }
      if (c == '"' && field.length() == 0) {
        quoted = true;
        fieldStarted = true;
      } else if (c == ',') {
        record.add(field.toString());
        field.setLength(0);
        fieldStarted = true;
      } else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
        // CRLF: the LF ends the record.
      } else if (c == '\n') {
        endRecord(records, record, field, fieldStarted);
        record = new ArrayList<>();
        fieldStarted = false;
        line++;
      } else {
        field.append(c);
        fieldStarted = true;
      }
      i++;
    }
    if (quoted) {
      throw new IOException(source + ":" + line + ": a quoted value is not closed");
    }
    endRecord(records, record, field, fieldStarted);
    return records;
  }

  private static void endRecord(List<List<String>> records, List<String> record, StringBuilder field, boolean started) {
    if (!started && record.isEmpty() && field.length() == 0) {
      return;
    }
    record.add(field.toString());
    field.setLength(0);
    records.add(List.copyOf(record));
  }
}
