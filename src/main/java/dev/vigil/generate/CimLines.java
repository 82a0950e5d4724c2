package dev.vigil.generate;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;

/** CIM NDJSON, written field by field with Jackson's streaming generator (no tree per event). */
final class CimLines implements EventLines {
  private final JsonGenerator json;

  CimLines(OutputStream out) throws IOException {
    json = new JsonFactory().enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN).createGenerator(out, JsonEncoding.UTF8);
    // Values separated by a newline and nothing else: exactly one JSON object per line.
    json.setPrettyPrinter(new MinimalPrettyPrinter("\n"));
  }

  @Override
  public void write(SyntheticEvent e) throws IOException {
    json.writeStartObject();
    json.writeNumberField("_time", BigDecimal.valueOf(e.timeMillis(), 3));
    json.writeStringField("dest", e.dest());
    json.writeStringField("user", e.user());
    json.writeStringField("process", e.commandLine());
    json.writeStringField("process_name", e.processName());
    json.writeStringField("process_path", e.image());
    json.writeStringField("process_id", Long.toString(e.processId()));
    json.writeStringField("process_guid", e.processGuid());
    json.writeStringField("process_hash", e.hashes());
    json.writeStringField("process_integrity_level", e.integrityLevel());
    json.writeStringField("process_current_directory", e.currentDirectory());
    json.writeStringField("parent_process", e.parentCommandLine());
    json.writeStringField("parent_process_name", e.parentProcessName());
    json.writeStringField("parent_process_path", e.parentImage());
    json.writeStringField("parent_process_id", Long.toString(e.parentProcessId()));
    json.writeStringField("parent_process_guid", e.parentProcessGuid());
    json.writeStringField("original_file_name", e.originalFileName());
    json.writeEndObject();
  }

  @Override
  public void close() throws IOException {
    json.writeRaw('\n');
    json.close();
  }
}
