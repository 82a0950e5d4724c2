package dev.vigil.cli;

import static dev.vigil.cli.Cli.vigil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.TestHomes;
import dev.vigil.Warnings;
import dev.vigil.ingest.EventReader;
import dev.vigil.ingest.ProcessEvent;
import dev.vigil.schedule.RunLedger;
import dev.vigil.schedule.RunRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Late data (issue 9): the 16:00 run of the certutil rule searches the first part of its data set; the rest arrives
 * after it ran. {@code vigil late} names the window and how many events came late; {@code --rerun} writes the
 * missing risk events once, and the window is late no more.
 */
class LateCommandTest {
  private static final String CERTUTIL = "certutil_exe_certificate_extraction";
  private static final Path DATASET = Path.of("../shared/content/datasets/certutil_exe_certificate_extraction.raw");
  private static final Instant SCHEDULED = Instant.parse("2021-01-07T16:00:00Z");
  // The 16:00 run's window (SEMANTICS §2.7).
  private static final Instant EARLIEST = Instant.parse("2021-01-07T14:50:00Z");
  private static final Instant LATEST = Instant.parse("2021-01-07T15:50:00Z");

  @TempDir
  Path temp;

  @Test
  void aWindowThatReceivedEventsAfterItRanIsListedAndItsRerunWritesTheMissingRiskEventsOnce() throws Exception {
    Path home = TestHomes.copyShipped(temp.resolve("home"));
    Path index = temp.resolve("index");
    // Every other certutil event (one event per line) comes late; the rest of the file comes first.
    List<String> earlyLines = new ArrayList<>();
    List<String> lateLines = new ArrayList<>();
    int certutilEvents = 0;
    for (String line : Files.readAllLines(DATASET)) {
      boolean certutilEvent = line.startsWith("<Event") && line.toLowerCase(java.util.Locale.ROOT).contains("certutil");
      (certutilEvent && certutilEvents++ % 2 == 1 ? lateLines : earlyLines).add(line);
    }
    Path early = Files.write(temp.resolve("early.raw"), earlyLines);
    Path late = Files.write(temp.resolve("late.raw"), lateLines);
    assertEquals(0, vigil("ingest", "--home", home.toString(), "--index", index.toString(), early.toString()).exit());

    RunRecord ran = ScheduledRuns.run(home, index, CERTUTIL, SCHEDULED);
    assertEquals(RunRecord.State.OK, ran.state());
    assertTrue(ran.rows() > 0 && ran.rows() < 22, "the first half holds some of the 22 rows: " + ran.rows());
    Cli.Outcome nothingYet = late(home, index);
    assertEquals(0, nothingYet.exit(), nothingYet.err());
    assertEquals("", nothingYet.out());
    assertEquals("no late windows\n", nothingYet.err());

    assertEquals(0, vigil("ingest", "--home", home.toString(), "--index", index.toString(), late.toString()).exit());
    Cli.Outcome listed = late(home, index);
    assertEquals(1, listed.exit(), listed.err());
    List<JsonNode> rows = listed.rows();
    assertEquals(1, rows.size(), listed.out());
    JsonNode window = rows.get(0);
    assertEquals(CERTUTIL, window.get("rule").asText());
    assertEquals("2021-01-07T16:00:00Z", window.get("scheduled").asText());
    assertEquals("2021-01-07T14:50:00Z", window.get("earliest").asText());
    assertEquals("2021-01-07T15:50:00Z", window.get("latest").asText());
    long expected = eventsInWindow(late);
    assertTrue(expected > 0);
    assertEquals(expected, window.get("late_events").asLong());
    assertEquals("1 late window, " + expected + " late events: give --rerun to run them again\n", listed.err());

    Cli.Outcome rerun = late(home, index, "--rerun");
    assertEquals(0, rerun.exit(), rerun.err());
    assertTrue(rerun.err().contains(CERTUTIL + ": window [2021-01-07T14:50:00Z, 2021-01-07T15:50:00Z) scheduled "
        + "2021-01-07T16:00:00Z rerun: 22 rows, " + (44 - 2 * ran.rows()) + " new risk events"), rerun.err());
    // Two risk objects per row (user and dest), each written once: the whole data set's 44.
    Path riskFile = index.resolve("risk/risk-events.ndjson");
    assertEquals(44, Files.readAllLines(riskFile).size());

    Cli.Outcome afterwards = late(home, index, "--rerun");
    assertEquals(0, afterwards.exit(), afterwards.err());
    assertEquals("no late windows\n", afterwards.err());
    assertEquals(44, Files.readAllLines(riskFile).size());
    List<RunRecord> ledger = new RunLedger(index, Warnings.UNEXPECTED).latestByScheduledTime(CERTUTIL).values()
        .stream().toList();
    assertEquals(1, ledger.size());
    assertEquals(RunRecord.State.RERUN, ledger.get(0).state());

    Cli.Outcome runs = vigil("runs", "--home", home.toString(), "--index", index.toString(), CERTUTIL);
    assertEquals(0, runs.exit(), runs.err());
    assertTrue(runs.err().contains("1 run, 0 ok, 1 rerun, covered"), runs.err());
  }

  /** The reference: events of the file whose time lies in the window. */
  private static long eventsInWindow(Path file) throws Exception {
    List<ProcessEvent> events = new ArrayList<>();
    new EventReader().read(file, events::add, problem -> { throw new AssertionError(problem); });
    return events.stream().filter(e -> e.timeMillis() >= EARLIEST.toEpochMilli()
        && e.timeMillis() < LATEST.toEpochMilli()).count();
  }

  private static Cli.Outcome late(Path home, Path index, String... more) {
    List<String> args = new ArrayList<>(List.of("late", "--home", home.toString(), "--index", index.toString()));
    args.addAll(List.of(more));
    return vigil(args.toArray(String[]::new));
  }
}
