package dev.vigil.cli;

import static dev.vigil.cli.Cli.vigil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.TestHomes;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vigil search}: SPL over the index, ad hoc, on the bundled attack capture (issue 11). */
class SearchCommandTest {
  private static final Path ATTACK = Path.of("../shared/content/datasets/certutil_exe_certificate_extraction.raw");

  @TempDir
  Path temp;
  private Path home;
  private Path index;

  @BeforeEach
  void ingest() {
    home = TestHomes.copyShipped(temp.resolve("home"));
    index = temp.resolve("index");
    assertEquals(0, vigil("ingest", "--home", home.toString(), "--index", index.toString(), ATTACK.toString()).exit());
  }

  private Cli.Outcome search(String... args) {
    List<String> all = new java.util.ArrayList<>(List.of("search"));
    all.addAll(List.of(args));
    all.addAll(List.of("--home", home.toString(), "--index", index.toString()));
    return vigil(all.toArray(String[]::new));
  }

  @Test
  void theEventsNewestFirstWithTheirFields() throws Exception {
    Cli.Outcome listed = search("process_name=certutil.exe | table _time dest user process", "--count", "5");
    assertEquals(0, listed.exit(), listed.err());
    List<JsonNode> rows = listed.rows();
    assertEquals(5, rows.size());
    for (int i = 1; i < rows.size(); i++) {
      assertTrue(rows.get(i - 1).get("_time").asLong() >= rows.get(i).get("_time").asLong(), "newest first");
    }
    assertEquals(List.of("_time", "dest", "user", "process"), fieldNames(rows.get(0)));
    assertTrue(rows.get(0).get("process").asText().toLowerCase().contains("certutil"));
    assertTrue(listed.err().startsWith("5 rows of 32 (--count 5), window [1970-01-01T00:00:00Z, "), listed.err());

    Cli.Outcome capped = search("search process_name=certutil.exe | stats count by sourcetype", "--max-events", "4");
    assertEquals(1, capped.rows().size());
    assertTrue(capped.err().contains("read the newest 4 of 32 matching events (--max-events)"), capped.err());
    assertEquals(4, capped.rows().get(0).get("count").asInt());
  }

  @Test
  void freeTextTermsFindTheEventsWhoseRawHoldsThemAsTokens() throws Exception {
    List<String> raws = search("* | table _raw", "--count", "1000").rows().stream()
        .map(row -> row.get("_raw").asText().toLowerCase()).toList();
    assertEquals(40, raws.size());
    // Reference: the words of _raw, split at everything that is not a letter or digit.
    java.util.function.Predicate<String> hasWord = word -> raws.stream().filter(raw ->
        List.of(raw.split("[^a-z0-9]+")).contains(word)).count() > 0;
    assertTrue(hasWord.test("certutil") && hasWord.test("pfx"));
    long both = raws.stream().filter(raw -> List.of(raw.split("[^a-z0-9]+")).containsAll(List.of("certutil", "pfx")))
        .count();
    long certutilNotPfx = raws.stream().filter(raw -> List.of(raw.split("[^a-z0-9]+")).contains("certutil")
        && !List.of(raw.split("[^a-z0-9]+")).contains("pfx")).count();

    assertEquals(both, count(search("CertUtil pfx | stats count")));
    assertEquals(certutilNotPfx, count(search("certutil NOT pfx | stats count")));
    assertEquals(0, count(search("ertutil | stats count")), "a term is a whole token, not any substring");
    assertEquals(raws.stream().filter(raw -> raw.contains("shellcert")).count(),
        count(search("\"*shellcert*\" | stats count")));
    assertEquals(both, count(search("process_name=certutil.exe | search pfx | stats count")) + count(search(
        "pfx NOT process_name=certutil.exe certutil | stats count")), "a term after a pipe searches the events' _raw");

    Cli.Outcome tstats = search("| tstats count from datamodel=Endpoint.Processes where certutil");
    assertEquals(2, tstats.exit());
    assertTrue(tstats.err().contains("tstats where compares fields, it takes no free-text terms"), tstats.err());
  }

  private static long count(Cli.Outcome stats) throws Exception {
    assertEquals(0, stats.exit(), stats.err());
    return stats.rows().isEmpty() ? 0 : stats.rows().get(0).get("count").asLong();
  }

  @Test
  void tstatsOverBothDataSetsWithTheShippedMacros() throws Exception {
    Cli.Outcome tstats = search("| tstats `security_content_summariesonly` count from datamodel=Endpoint.Processes"
        + " where Processes.process_name=certutil.exe by Processes.dest Processes.sourcetype | `drop_dm_object_name(Processes)`");
    assertEquals(0, tstats.exit(), tstats.err());
    assertEquals(1, tstats.rows().size());
    assertEquals("32", tstats.rows().get(0).get("count").asText());
    assertEquals("win-dc-791937.attackrange.local", tstats.rows().get(0).get("dest").asText());

    assertEquals(0, vigil("run", "certutil_exe_certificate_extraction", "--home", home.toString(), "--index",
        index.toString(), "--at", "2021-01-15T00:00:00Z", "--earliest", "0", "--latest", "now").exit());
    Cli.Outcome risk = search("| tstats sum(All_Risk.risk_score) as score from datamodel=Risk.All_Risk"
        + " by All_Risk.risk_object_type");
    assertEquals(List.of("system 1386", "user 1386"), risk.rows().stream()
        .map(r -> r.get("All_Risk.risk_object_type").asText() + " " + r.get("score").asText()).toList());
    assertEquals(1, vigil("runs", "--home", home.toString(), "--index", index.toString()).err().lines()
        .filter(l -> l.contains("manual")).count(), "the searches left nothing in the ledger");
  }

  @Test
  void aBadSearchIsAUsageErrorWithACaret() {
    Cli.Outcome bad = search("process_name=certutil.exe | tabl x");
    assertEquals(2, bad.exit());
    assertEquals("vigil: unsupported command 'tabl' (found 'tabl')\nsearch process_name=certutil.exe | tabl x\n"
        + " ".repeat("search process_name=certutil.exe | ".length()) + "^\n", bad.err());
    Cli.Outcome none = search("x=1", "--max-events", "0");
    assertEquals(2, none.exit());
    assertEquals("vigil: --count and --max-events must be at least 1\n", none.err());
    Cli.Outcome badTime = search("x=1", "--earliest", "-5x");
    assertEquals(2, badTime.exit());
    assertTrue(badTime.err().startsWith("vigil: --earliest/--latest: "), badTime.err());
    Cli.Outcome reversed = search("x=1", "--earliest", "2024-05-16T00:00:00Z", "--latest", "05/15/2024:00:00:00");
    assertEquals(2, reversed.exit());
    assertEquals("vigil: --earliest/--latest: latest 05/15/2024:00:00:00 (2024-05-15T00:00:00Z) is before earliest"
        + " 2024-05-16T00:00:00Z (2024-05-16T00:00:00Z)\n", reversed.err());
    Cli.Outcome iso = search("process_name=certutil.exe | stats count", "--earliest", "2021-01-14T00:00:00Z",
        "--latest", "2021-01-15T00:00:00+00:00");
    assertEquals(0, iso.exit(), iso.err());
    assertTrue(iso.err().endsWith("window [2021-01-14T00:00:00Z, 2021-01-15T00:00:00Z)\n"), iso.err());
  }

  private static List<String> fieldNames(JsonNode row) {
    List<String> names = new java.util.ArrayList<>();
    row.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
