package dev.vigil.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.TestHomes;
import java.nio.file.Path;
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
}
