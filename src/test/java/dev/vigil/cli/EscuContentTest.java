package dev.vigil.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.TestHomes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The long harness of docs/content.md: the whole ESCU Endpoint.Processes set of a security_content checkout
 * imports and at least 98 % of it loads. Runs with {@code -Dvigil.escu=CHECKOUT}.
 */
@EnabledIfSystemProperty(named = "vigil.escu", matches = ".+")
class EscuContentTest {
  @TempDir
  Path temp;

  @Test
  void theWholeSetImportsAndAtLeast98PercentLoads() throws Exception {
    Path home = TestHomes.copyShipped(temp.resolve("home"));
    Cli.Outcome imported = Cli.vigil("content", "import", "--home", home.toString(), System.getProperty("vigil.escu"));
    assertEquals(0, imported.exit(), imported.err());
    Cli.Outcome validated = Cli.vigil("validate", "--home", home.toString(),
        home.resolve("config/local/detections").toString());
    Matcher summary = Pattern.compile("(\\d+) rules: (\\d+) ok").matcher(validated.out());
    assertTrue(summary.find(), validated.out());
    int all = Integer.parseInt(summary.group(1));
    int ok = Integer.parseInt(summary.group(2));
    assertTrue(all >= 480, "the Endpoint.Processes set is about 490 detections: " + all);
    assertTrue(ok * 100 >= all * 98, ok + " of " + all + " load:\n" + validated.out());
  }

  /** ESCU's risk incident rules (type Correlation, reading datamodel=Risk.All_Risk) all load (docs/rba.md). */
  @Test
  void everyProductionCorrelationDetectionImportsAndLoads() throws Exception {
    Path home = TestHomes.copyShipped(temp.resolve("home"));
    assertEquals(0, Cli.vigil("content", "import", "--home", home.toString(), System.getProperty("vigil.escu")).exit());
    List<Path> correlations = new ArrayList<>();
    try (Stream<Path> files = Files.list(home.resolve("config/local/detections"))) {
      for (Path file : files.toList()) {
        if (Files.readString(file).contains("\ntype: Correlation\n")) {
          correlations.add(file);
        }
      }
    }
    assertTrue(correlations.size() >= 13, "ESCU has 13 production Correlation detections at b13b314: " + correlations);
    List<String> args = new ArrayList<>(List.of("validate", "--home", home.toString()));
    correlations.forEach(file -> args.add(file.toString()));
    Cli.Outcome validated = Cli.vigil(args.toArray(String[]::new));
    assertEquals(0, validated.exit(), validated.out());
    assertTrue(Files.isRegularFile(home.resolve("config/local/mitre_enrichment.csv")),
        "the checkout's ATT&CK tactics come along, for the rules that group by tactic");

    // Each runs over the risk events of the bundled attack capture (ESCU's IN lists of 15 patterns included).
    Path index = temp.resolve("index");
    assertEquals(0, Cli.vigil("ingest", "--home", home.toString(), "--index", index.toString(),
        "../shared/content/datasets/certutil_exe_certificate_extraction.raw").exit());
    assertEquals(0, Cli.vigil("run", "certutil_exe_certificate_extraction", "--home", home.toString(), "--index",
        index.toString(), "--at", "2021-01-15T00:00:00Z", "--earliest", "0", "--latest", "now").exit());
    for (Path file : correlations) {
      String rule = file.getFileName().toString().replace(".yml", "");
      Cli.Outcome ran = Cli.vigil("run", rule, "--home", home.toString(), "--index", index.toString(), "--at",
          "2021-01-15T01:00:00Z");
      assertEquals(0, ran.exit(), rule + ": " + ran.err());
    }
  }
}
