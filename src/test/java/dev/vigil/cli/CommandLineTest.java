package dev.vigil.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.TestHomes;
import dev.vigil.store.EventSchema;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The public interface end to end: commands, exit codes, NDJSON on stdout and messages on stderr. */
class CommandLineTest {
  private static final Path CERTUTIL_RAW = Path.of("../shared/content/datasets/certutil_exe_certificate_extraction.raw");

  @TempDir
  Path temp;

  private static Cli.Outcome vigil(String... args) {
    return Cli.vigil(args);
  }

  @Test
  void certutilOverAllTimeGives22RowsAndReingestingStoresNothingNew() throws Exception {
    Path home = TestHomes.copyShipped(temp.resolve("home"));
    String index = temp.resolve("index").toString();
    Cli.Outcome first = vigil("ingest", "--home", home.toString(), "--index", index, CERTUTIL_RAW.toString());
    assertEquals(0, first.exit(), first.err());
    assertTrue(first.err().contains("40 events, 40 new, 0 already stored, 19 skipped {text=19}, 0 malformed"), first.err());
    Cli.Outcome again = vigil("ingest", "--home", home.toString(), "--index", index, CERTUTIL_RAW.toString());
    assertTrue(again.err().contains("40 events, 0 new, 40 already stored"), again.err());

    Cli.Outcome run = vigil("run", "certutil_exe_certificate_extraction", "--home", home.toString(), "--index", index,
        "--earliest", "0", "--latest", "now", "--no-risk");
    assertEquals(0, run.exit(), run.err());
    List<JsonNode> rows = run.rows();
    assertEquals(22, rows.size());
    assertEquals(11, rows.stream().filter(r -> r.get("user").asText().equals("ATTACKRANGE\\Administrator")).count());
    assertEquals(11, rows.stream().filter(r -> r.get("user").asText().equals("administrator")).count());
    assertTrue(run.err().contains("22 rows, no risk events written (an ad hoc window: give --risk to write them)"),
        run.err());
  }

  @Test
  void malformedLinesAreReportedWithFileAndLineAndTheRestIsStored() throws Exception {
    Path home = TestHomes.copyShipped(temp.resolve("home"));
    List<String> good = Files.readAllLines(Path.of("../shared/content/datasets/certutil_sysmon_eid1.xml.log"));
    Path file = temp.resolve("mixed.log");
    Files.write(file, List.of(
        good.get(0),
        good.get(1).substring(0, 300),
        "{\"event_simpleName\": \"ProcessRollup2\", ",
        "<?xml version='1.0'?><!DOCTYPE e [<!ENTITY x SYSTEM 'file:///etc/passwd'>]><Event>&x;</Event>",
        good.get(2)));
    String index = temp.resolve("index").toString();
    Cli.Outcome ingest = vigil("ingest", "--home", home.toString(), "--index", index, file.toString());
    assertEquals(1, ingest.exit(), "malformed lines fail the check");
    for (int line = 2; line <= 4; line++) {
      assertTrue(ingest.err().contains("mixed.log:" + line + ":"), "error names line " + line + ": " + ingest.err());
    }
    assertTrue(ingest.err().contains("2 events, 2 new"), ingest.err());
    assertTrue(!ingest.err().contains("root:"), "the entity was not expanded");

    Cli.Outcome all = vigil("run", "certutil_exe_certificate_extraction", "--home", home.toString(), "--index", index,
        "--earliest", "0", "--latest", "now", "--no-risk");
    assertEquals(0, all.exit(), all.err());
  }

  @Test
  void rulesShipDisabledAndEnableIsAudited() throws Exception {
    Path home = TestHomes.copyShipped(temp.resolve("home"));
    Cli.Outcome list = vigil("rules", "list", "--home", home.toString());
    assertEquals(0, list.exit(), list.err());
    assertTrue(list.rows().stream().noneMatch(r -> r.get("enabled").asBoolean()), "rules ship disabled");

    assertEquals(0, vigil("rules", "enable", "windows_iis_components_add_new_module", "--home", home.toString()).exit());
    Cli.Outcome after = vigil("rules", "list", "--home", home.toString());
    assertTrue(after.rows().stream().anyMatch(r -> r.get("rule").asText().equals("windows_iis_components_add_new_module")
        && r.get("enabled").asBoolean()));
    String audit = Files.readString(home.resolve("config/local/audit.log"));
    assertTrue(audit.contains("action=enable rule=windows_iis_components_add_new_module previous=disabled"), audit);
  }

  @Test // one bad file never disables the good ones: the binary file is one message, the next file is stored
  void aFileThatIsNotTextIsReportedAndTheNextIsStored() throws Exception {
    Path home = TestHomes.copyShipped(temp.resolve("home"));
    Path binary = temp.resolve("image.bin");
    Files.write(binary, new byte[] {0x4d, 0x5a, 0, 0, 0, 0, 0, 0, 0x50, 0x45, 0, 0, 0, 0, 0, 0});
    String index = temp.resolve("index").toString();

    Cli.Outcome ingest = vigil("ingest", "--home", home.toString(), "--index", index, binary.toString(),
        CERTUTIL_RAW.toString());

    assertEquals(1, ingest.exit(), ingest.err());
    assertTrue(ingest.err().contains("image.bin: not text: NUL bytes and no byte order mark in its first 16 bytes"),
        ingest.err());
    assertTrue(ingest.err().contains(binary + ": 0 events, 0 new, 0 already stored, 0 skipped {}, 1 malformed"),
        ingest.err());
    assertTrue(ingest.err().contains("40 events, 40 new"), ingest.err());
  }

  @Test // each bad event is kept with why, bytes and all, to be fixed and ingested again
  void badEventsGoToTheQuarantineWithTheirReasonAndTheirBytes() throws Exception {
    Path home = TestHomes.copyShipped(temp.resolve("home"));
    Path file = temp.resolve("mixed.ndjson");
    String good = "{\"_time\": 1716000000, \"dest\": \"h\", \"process\": \"cmd.exe\"}";
    String broken = "{\"_time\": 1716000001, \"dest\": ";
    byte[] latin1 = "{\"_time\": 1716000002, \"dest\": \"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1);
    try (var out = Files.newOutputStream(file)) {
      out.write((good + "\n" + broken + "\n").getBytes(StandardCharsets.UTF_8));
      out.write(latin1);
      out.write('\n');
    }
    Path index = temp.resolve("index");

    Cli.Outcome ingest = vigil("ingest", "--home", home.toString(), "--index", index.toString(), file.toString());

    assertEquals(1, ingest.exit(), ingest.err());
    Path quarantine = index.resolve("quarantine/quarantine.ndjson");
    assertTrue(ingest.err().endsWith("the events that could not be stored are kept, each with why, in " + quarantine
        + "\n"), ingest.err());
    List<JsonNode> kept = new ArrayList<>();
    for (String line : Files.readAllLines(quarantine)) {
      kept.add(Cli.JSON.readTree(line));
    }
    assertEquals(2, kept.size(), kept.toString());
    assertEquals(file.toString(), kept.get(0).get("file").asText());
    assertEquals(2, kept.get(0).get("line").asInt());
    assertTrue(kept.get(0).get("reason").asText().startsWith("invalid JSON"), kept.toString());
    assertEquals(broken, kept.get(0).get("raw").asText());
    assertEquals(3, kept.get(1).get("line").asInt());
    assertEquals("invalid UTF-8 at byte 35 of the line (0xe9); is the file in another encoding?",
        kept.get(1).get("reason").asText());
    assertEquals(java.util.Base64.getEncoder().encodeToString(latin1), kept.get(1).get("raw_base64").asText());
  }

  @Test // checked before anything is stored
  void aMissingFileAmongGoodOnesIsAUsageErrorAndNothingIsStored() {
    Path home = TestHomes.copyShipped(temp.resolve("home"));
    Path index = temp.resolve("i");
    Cli.Outcome ingest = vigil("ingest", "--home", home.toString(), "--index", index.toString(),
        CERTUTIL_RAW.toString(), temp.resolve("missing.log").toString());
    assertEquals(2, ingest.exit());
    assertEquals("vigil: no such file: " + temp.resolve("missing.log") + "\n", ingest.err());
    assertTrue(!Files.exists(index), "the index was created");
  }

  @Test
  void aMissingFileIsAUsageError() {
    Cli.Outcome ingest = vigil("ingest", "--home", TestHomes.copyShipped(temp.resolve("home")).toString(),
        "--index", temp.resolve("i").toString(), temp.resolve("missing.log").toString());
    assertEquals(2, ingest.exit());
    assertEquals("vigil: no such file: " + temp.resolve("missing.log") + "\n", ingest.err());
  }

  @Test
  void unknownRuleIsAUsageError() {
    Path home = TestHomes.copyShipped(temp.resolve("home"));
    Cli.Outcome run = vigil("run", "no_such_rule", "--home", home.toString(), "--index", temp.resolve("i").toString());
    assertEquals(2, run.exit());
    assertTrue(run.err().contains("no rule 'no_such_rule'"), run.err());
  }

  // The demo is the real pipeline: bundled events in, the real scheduler's catch-up, risk events out.
  @Test
  void demoPrintsRiskEventsOfTheSeedRule() throws Exception {
    Path home = TestHomes.copyShipped(temp.resolve("home"));
    Cli.Outcome demo = vigil("demo", "--home", home.toString());
    assertEquals(0, demo.exit(), demo.err());
    List<JsonNode> risk = demo.rows();
    assertTrue(risk.size() >= 2, demo.out());
    for (JsonNode event : risk) {
      assertEquals("ESCU - Windows IIS Components Add New Module - Rule", event.get("search_name").asText());
      assertEquals(64, event.get("risk_score").asInt());
    }
    assertTrue(risk.stream().anyMatch(e -> e.get("process").asText().contains("DefaultDocumentModule_Atomic")));
    assertEquals(3, demo.err().lines().filter(l -> l.startsWith("  scheduled ")).count(), demo.err());
    Path report = home.resolve("demo/report/index.html");
    assertTrue(demo.err().contains("demo: the report of the last day: " + report), demo.err());
    String html = Files.readString(report);
    assertTrue(html.contains("Windows IIS Components Add New Module"), "the seed rule is in the report");
  }

  @Test
  void ingestIntoAnIndexOfAnOlderLayoutIsAConfigurationError() throws Exception {
    Path home = TestHomes.copyShipped(temp.resolve("home"));
    Path index = temp.resolve("old-index");
    try (FSDirectory directory = FSDirectory.open(index.resolve("events"));
         IndexWriter old = new IndexWriter(directory, new IndexWriterConfig())) {
      old.addDocument(new Document());
    }

    Cli.Outcome ingest = vigil("ingest", "--home", home.toString(), "--index", index.toString(),
        CERTUTIL_RAW.toString());

    assertEquals(2, ingest.exit());
    assertTrue(ingest.err().startsWith("vigil: the index " + index + " was written by an older Vigil"), ingest.err());
  }

  @Test // layout 1 kept command lines as sorted doc values; reading them as binary would fail mid-search
  void runOverAnIndexOfTheFirstTimeSortedLayoutIsAConfigurationError() throws Exception {
    Path home = TestHomes.copyShipped(temp.resolve("home"));
    Path index = temp.resolve("layout-1");
    try (FSDirectory directory = FSDirectory.open(index.resolve("events"));
         IndexWriter old = new IndexWriter(directory, EventSchema.writerConfig())) {
      Document doc = new Document();
      doc.add(new NumericDocValuesField(EventSchema.TIME, 0L));
      doc.add(new SortedDocValuesField("process", new BytesRef("certutil -exportPFX")));
      old.addDocument(doc);
    }

    Cli.Outcome run = vigil("run", "certutil_exe_certificate_extraction", "--home", home.toString(), "--index",
        index.toString(), "--earliest", "0", "--latest", "now");

    assertEquals(2, run.exit());
    assertEquals("vigil: the index " + index + " was written by an older Vigil (layout 1, this one reads 4);"
        + " ingest its events into a new index", run.err().strip());
    assertEquals("", run.out());
  }

  @Test
  void ingestRefusesZeroThreads() throws Exception {
    Path home = TestHomes.copyShipped(temp.resolve("home"));
    Cli.Outcome ingest = vigil("ingest", "--home", home.toString(), "--index", temp.resolve("i").toString(),
        "--threads", "0", CERTUTIL_RAW.toString());

    assertEquals(2, ingest.exit());
    assertTrue(ingest.err().contains("--threads must be at least 1, not 0"), ingest.err());
  }

  @Test
  void ingestRefusesANegativeWait() {
    Path home = TestHomes.copyShipped(temp.resolve("home"));
    Cli.Outcome ingest = vigil("ingest", "--home", home.toString(), "--index", temp.resolve("i").toString(),
        "--wait", "-1", CERTUTIL_RAW.toString());

    assertEquals(2, ingest.exit());
    assertTrue(ingest.err().contains("--wait must be 0 or more seconds, not -1"), ingest.err());
  }

  @Test // one writer at a time: with no patience (--wait 0), ingest says at once that the index is held
  void ingestWhileAnotherWriterHoldsTheIndexGivesUpClearly() throws Exception {
    Path home = TestHomes.copyShipped(temp.resolve("home"));
    Path index = temp.resolve("i");
    try (dev.vigil.store.EventWriter holder = dev.vigil.store.EventWriter.open(index, java.time.Clock.systemUTC())) {
      Cli.Outcome ingest = vigil("ingest", "--home", home.toString(), "--index", index.toString(), "--wait", "0",
          CERTUTIL_RAW.toString());

      assertEquals(2, ingest.exit());
      assertEquals("vigil: another process is writing to the index " + index + " (a 'vigil ingest', or the spool's"
          + " ingestion in 'vigil start'); try again when it has finished\n", ingest.err());
    }
  }
}
