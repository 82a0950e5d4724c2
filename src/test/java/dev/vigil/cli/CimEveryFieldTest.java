package dev.vigil.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.TestHomes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every field of CIM Endpoint.Processes (Endpoint.datamodel.json) is kept from a CIM event and can be searched. */
class CimEveryFieldTest {
  /** The Processes object's fields and calculated fields of Splunk_SA_CIM 5.0.1, written out by hand. */
  static final List<String> FIELDS = List.of("action", "cpu_load_percent", "dest", "dest_bunit", "dest_category",
      "dest_is_expected", "dest_priority", "dest_requires_av", "dest_should_timesync", "dest_should_update", "mem_used",
      "original_file_name", "os", "parent_process", "parent_process_exec", "parent_process_guid", "parent_process_id",
      "parent_process_name", "parent_process_path", "process", "process_current_directory", "process_exec",
      "process_guid", "process_hash", "process_id", "process_integrity_level", "process_name", "process_path", "tag",
      "user", "user_bunit", "user_category", "user_id", "user_priority", "vendor_product");

  @TempDir
  static Path temp;

  static Path home;
  static Path index;

  static List<String> fields() throws Exception {
    if (home == null) {
      home = TestHomes.copyShipped(temp.resolve("home"));
      index = temp.resolve("index");
      ObjectNode event = Cli.JSON.createObjectNode().put("_time", 1610667699);
      FIELDS.forEach(f -> event.put("Processes." + f, "v-" + f));
      ObjectNode nearMiss = Cli.JSON.createObjectNode().put("_time", 1610667700).put("dest", "other");
      Path data = Files.writeString(temp.resolve("cim.ndjson"), event + "\n" + nearMiss + "\n");
      Cli.Outcome ingest = Cli.vigil("ingest", "--home", home.toString(), "--index", index.toString(), data.toString());
      assertEquals(0, ingest.exit(), ingest.err());
    }
    return FIELDS;
  }

  // Processes.F=v-F finds the event and returns F's value; the near miss (the other event) lacks them all.
  @ParameterizedTest
  @MethodSource("fields")
  void everyFieldIsStoredAndSearchable(String field) throws Exception {
    Path rule = Files.writeString(temp.resolve(field + ".yml"), "name: By " + field
        + "\nid: 0b7c1f3e-8c1a-4a55-9a31-2b1f0c6f9e10\ntype: Hunting\nsearch: '| tstats count from datamodel=Endpoint.Processes"
        + " where Processes." + field + "=\"V-" + field + "\" by Processes." + field + "'\n");
    Cli.Outcome run = Cli.vigil("run", rule.toString(), "--home", home.toString(), "--index", index.toString(),
        "--earliest", "0", "--latest", "now", "--no-risk");
    assertEquals(0, run.exit(), run.err());
    List<JsonNode> rows = run.rows();
    assertEquals(1, rows.size(), run.out());
    assertEquals("v-" + field, rows.get(0).get("Processes." + field).asText());
    assertEquals(1, rows.get(0).get("count").asInt());
  }
}
