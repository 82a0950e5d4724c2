package dev.vigil.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.TestHomes;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code vigil start} as a real process: SIGTERM stops it cleanly, leaving no run half-recorded. */
@Timeout(120)
class StartShutdownTest {
  @TempDir
  Path temp;

  @Test
  void sigtermStopsTheSchedulerAfterTheCurrentRun() throws Exception {
    Path home = TestHomes.copyShipped(temp.resolve("home"));
    Files.createDirectories(home.resolve("config/local/rules"));
    Files.writeString(home.resolve("config/local/rules/windows_iis_components_add_new_module.yml"),
        "enabled: true\nenabled_at: " + java.time.Instant.now().minusSeconds(3 * 3600) + "\n");
    Path index = temp.resolve("index");
    assertEquals(0, Cli.vigil("ingest", "--home", home.toString(), "--index", index.toString(),
        "../shared/content/datasets/example_sysmon_eid1.xml").exit());
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process vigil = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Vigil.class.getName(),
        "start", "--home", home.toString(), "--index", index.toString())
        .redirectErrorStream(true).start();
    List<String> output = new ArrayList<>();
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(vigil.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = lines.readLine()) != null; ) {
        output.add(line);
        if (line.contains("caught-up")) {
          // SIGTERM, as a service manager sends it; Process.destroy() would also close our end of the pipe.
          new ProcessBuilder("kill", "-TERM", Long.toString(vigil.pid())).start().waitFor();
        }
      }
    }
    assertTrue(vigil.waitFor(30, TimeUnit.SECONDS), "stopped");
    String all = String.join("\n", output);
    assertTrue(all.contains("stopping: letting the current run finish"), all);
    assertEquals(0, vigil.exitValue() == 143 ? 0 : vigil.exitValue(), all);
    List<String> ledger = Files.readAllLines(index.resolve("ledger/runs.ndjson"));
    long running = ledger.stream().filter(l -> l.contains("\"state\":\"running\"")).count();
    long finished = ledger.stream().filter(l -> !l.contains("\"state\":\"running\"")).count();
    assertEquals(running, finished, "every run that started was recorded as finished: " + ledger);
  }

  @Test // two schedulers on one index would run every window twice
  void aSecondSchedulerOnTheIndexIsRefusedWithThePidOfTheFirst() throws Exception {
    Path home = TestHomes.copyShipped(temp.resolve("home"));
    Path index = temp.resolve("index");
    assertEquals(0, Cli.vigil("ingest", "--home", home.toString(), "--index", index.toString(),
        "../shared/content/datasets/example_sysmon_eid1.xml").exit());
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process first = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Vigil.class.getName(),
        "start", "--home", home.toString(), "--index", index.toString())
        .redirectErrorStream(true).start();
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(first.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = lines.readLine()) != null && !line.contains("scheduler started"); ) {
        // the first holds the index once it says so
      }
      Cli.Outcome second = Cli.vigil("start", "--home", home.toString(), "--index", index.toString());

      assertEquals(2, second.exit(), second.err());
      assertEquals("vigil: another 'vigil start' (pid " + first.pid() + ") is running on the index " + index
          + "; stop it first, or give another --index\n", second.err());
    } finally {
      new ProcessBuilder("kill", "-TERM", Long.toString(first.pid())).start().waitFor();
      assertTrue(first.waitFor(30, TimeUnit.SECONDS), "stopped");
    }
  }
}
