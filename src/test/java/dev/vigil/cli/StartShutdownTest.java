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

  /** An index that holds the Sysmon sample: {@code vigil start} needs one. */
  private Path indexWithSample(Path home) {
    Path index = temp.resolve("index");
    assertEquals(0, Cli.vigil("ingest", "--home", home.toString(), "--index", index.toString(),
        "../shared/content/datasets/example_sysmon_eid1.xml").exit());
    return index;
  }

  /** Reacts to each line the process prints; returns them all once it has stopped. */
  private interface OnLine {
    void accept(String line) throws Exception;
  }

  private static String outputUntilStopped(Process process, OnLine onLine) throws Exception {
    List<String> output = new ArrayList<>();
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = lines.readLine()) != null; ) {
        output.add(line);
        onLine.accept(line);
      }
    }
    assertTrue(process.waitFor(30, TimeUnit.SECONDS), "stopped");
    return String.join("\n", output);
  }

  /** SIGTERM, as a service manager sends it; Process.destroy() would also close our end of the pipe. */
  private static void terminate(Process process) throws Exception {
    new ProcessBuilder("kill", "-TERM", Long.toString(process.pid())).start().waitFor();
  }

  /** {@code vigil start} in a JVM of its own, stdout and stderr together. */
  private static Process start(Path home, Path index) throws java.io.IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Vigil.class.getName(),
        "start", "--home", home.toString(), "--index", index.toString())
        .redirectErrorStream(true).start();
  }

  @Test
  void sigtermStopsTheSchedulerAfterTheCurrentRun() throws Exception {
    Path home = TestHomes.copyShipped(temp.resolve("home"));
    Files.createDirectories(home.resolve("config/local/rules"));
    Files.writeString(home.resolve("config/local/rules/windows_iis_components_add_new_module.yml"),
        "enabled: true\nenabled_at: " + java.time.Instant.now().minusSeconds(3 * 3600) + "\n");
    Path index = indexWithSample(home);
    Process vigil = start(home, index);
    String all = outputUntilStopped(vigil, line -> {
      if (line.contains("caught-up")) {
        terminate(vigil);
      }
    });
    assertTrue(all.contains("stopping: letting the current run finish"), all);
    // The scheduler's lines carry their wall-clock time, and the last one says it stopped.
    assertTrue(all.lines().filter(l -> l.contains("stopping: letting")).allMatch(l ->
        l.matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}(Z|[+-]\\d{2}:\\d{2}) INFO stopping: .*")), all);
    assertTrue(all.lines().anyMatch(l -> l.endsWith(" INFO stopped")), all);
    assertEquals(0, vigil.exitValue() == 143 ? 0 : vigil.exitValue(), all);
    List<String> ledger = Files.readAllLines(index.resolve("ledger/runs.ndjson"));
    long running = ledger.stream().filter(l -> l.contains("\"state\":\"running\"")).count();
    long finished = ledger.stream().filter(l -> !l.contains("\"state\":\"running\"")).count();
    assertEquals(running, finished, "every run that started was recorded as finished: " + ledger);
  }

  @Test // two schedulers on one index would run every window twice
  void aSecondSchedulerOnTheIndexIsRefusedWithThePidOfTheFirst() throws Exception {
    Path home = TestHomes.copyShipped(temp.resolve("home"));
    Path index = indexWithSample(home);
    Process first = start(home, index);
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(first.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = lines.readLine()) != null && !line.contains("scheduler started"); ) {
        // the first holds the index once it says so
      }
      Cli.Outcome second = Cli.vigil("start", "--home", home.toString(), "--index", index.toString());

      assertEquals(2, second.exit(), second.err());
      assertEquals("vigil: another 'vigil start' (pid " + first.pid() + ") is running on the index " + index
          + "; stop it first, or give another --index\n", second.err());
      Cli.Outcome status = Cli.vigil("status", "--home", home.toString(), "--index", index.toString());
      assertEquals("running", status.rows().get(0).get("scheduler").asText(), status.out());
      assertEquals(first.pid(), status.rows().get(0).get("pid").asLong(), status.out());
    } finally {
      terminate(first);
      assertTrue(first.waitFor(30, TimeUnit.SECONDS), "stopped");
    }
  }

  @Test // the ingestion job: a file dropped into the spool while the daemon runs is stored, then moved to done/
  void aFileDroppedIntoTheSpoolIsIngestedAndFinished() throws Exception {
    Path home = TestHomes.copyShipped(temp.resolve("home"));
    Files.createDirectories(home.resolve("config/local"));
    Files.writeString(home.resolve("config/local/vigil.yml"), "spool:\n  every: 1s\n  settle: 1s\n");
    Path index = indexWithSample(home);
    Process vigil = start(home, index);
    Path dropped = index.resolve("spool/forwarder/cim.ndjson");
    String all = outputUntilStopped(vigil, line -> {
      if (line.contains("scheduler started")) {
        Files.createDirectories(dropped.getParent());
        Files.writeString(dropped, "{\"_time\": 1764000000, \"dest\": \"spooled\", \"process\": \"a.exe\"}\n"
            + "{\"_time\": 1764000001, \"dest\": \"spooled\", \"process\": \"b.exe\"}\n");
      }
      if (line.contains("moved to done/forwarder/cim.ndjson")) {
        terminate(vigil);
      }
    });
    assertTrue(all.contains("ingestion: 2 events from 1 files, 2 new, 0 bad (quarantined), 0 files finished"), all);
    assertTrue(Files.exists(index.resolve("spool/done/forwarder/cim.ndjson")), all);
    Cli.Outcome again = Cli.vigil("ingest", "--home", home.toString(), "--index",
        index.toString(), index.resolve("spool/done/forwarder/cim.ndjson").toString());
    assertTrue(again.err().contains("2 events, 0 new, 2 already stored"), "the spooled events are in the index: "
        + again.err());
  }

  @Test // while another writer holds the index, a pass says so and the next one ingests
  void aSpoolPassWhileAnotherWriterHoldsTheIndexTriesAgainAtTheNextPass() throws Exception {
    Path home = TestHomes.copyShipped(temp.resolve("home"));
    Files.createDirectories(home.resolve("config/local"));
    Files.writeString(home.resolve("config/local/vigil.yml"), "spool:\n  every: 1s\n  settle: 1s\n");
    Path index = indexWithSample(home);
    Path dropped = index.resolve("spool/cim.ndjson");
    Files.createDirectories(dropped.getParent());
    Files.writeString(dropped, "{\"_time\": 1764000000, \"dest\": \"spooled\", \"process\": \"a.exe\"}\n");
    dev.vigil.store.EventWriter[] holder = {dev.vigil.store.EventWriter.open(index, java.time.Clock.systemUTC())};
    Process vigil = start(home, index);
    try {
      String all = outputUntilStopped(vigil, line -> {
        if (line.contains(" ingestion: another process is writing to the index") && holder[0] != null) {
          assertTrue(line.endsWith("; trying again at the next pass"), line);
          holder[0].close();
          holder[0] = null;
        }
        if (line.contains(" ingestion: 1 events from 1 files, 1 new")) {
          terminate(vigil);
        }
      });
      assertTrue(all.contains("ingestion: 1 events from 1 files, 1 new, 0 bad (quarantined)"), all);
    } finally {
      if (holder[0] != null) {
        holder[0].close();
      }
      vigil.destroyForcibly();
    }
  }
}
