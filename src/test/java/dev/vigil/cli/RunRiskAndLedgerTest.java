package dev.vigil.cli;

import static dev.vigil.cli.Cli.vigil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.TestHomes;
import dev.vigil.Warnings;
import dev.vigil.schedule.RunLedger;
import dev.vigil.schedule.RunRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No silent success for {@code vigil run}: a folder without an index is an error, searches that are not the
 * rule's runs write risk events only when asked, and every run that writes them is in the ledger.
 */
class RunRiskAndLedgerTest {
  private static final String CERTUTIL = "certutil_exe_certificate_extraction";
  private static final String DATASET = "../shared/content/datasets/certutil_exe_certificate_extraction.raw";
  // The 22 certutil rows lie in the window of the 16:00 run, [14:50, 15:50) on 2021-01-07 (SEMANTICS §2.7).
  private static final String AT = "2021-01-07T16:00:00Z";

  @TempDir
  Path temp;

  private Path home;
  private Path index;

  @BeforeEach
  void ingest() {
    home = TestHomes.copyShipped(temp.resolve("home"));
    index = temp.resolve("index");
    assertEquals(0, vigil("ingest", "--home", home.toString(), "--index", index.toString(), DATASET).exit());
  }

  private Cli.Outcome run(String... args) {
    List<String> all = new java.util.ArrayList<>(List.of("run", "--home", home.toString(), "--index", index.toString()));
    all.addAll(List.of(args));
    return vigil(all.toArray(String[]::new));
  }

  /** The line a run ends its messages with: the window, rows, risk events; the breakdowns by host follow it. */
  private static String summaryLine(Cli.Outcome run) {
    return run.err().lines().filter(line -> line.contains(": window [")).findFirst().orElse(run.err());
  }

  /** The breakdown a run prints, computed here from the risk events file it wrote. */
  private String expectedRiskByObject() throws Exception {
    java.util.Map<String, double[]> totals = new java.util.TreeMap<>();
    for (String line : Files.readAllLines(riskFile())) {
      com.fasterxml.jackson.databind.JsonNode event = Cli.JSON.readTree(line);
      double[] total = totals.computeIfAbsent(event.get("risk_object").asText() + " ("
          + event.get("risk_object_type").asText() + ")", k -> new double[2]);
      total[0] += event.get("calculated_risk_score").asDouble();
      total[1]++;
    }
    return "  risk by object: " + String.join(", ", totals.entrySet().stream()
        .sorted((a, b) -> Double.compare(b.getValue()[0], a.getValue()[0]))
        .map(e -> e.getKey() + " " + (long) e.getValue()[0] + " in " + (long) e.getValue()[1] + " events").toList());
  }

  private Path riskFile() {
    return index.resolve("risk/risk-events.ndjson");
  }

  private List<RunRecord> ledger() throws Exception {
    return new RunLedger(index, Warnings.UNEXPECTED).records();
  }

  @Test
  void aFolderWithoutAnIndexIsAnErrorAndCreatesNothing() {
    Path typo = temp.resolve("indx");
    Cli.Outcome outcome = vigil("run", CERTUTIL, "--home", home.toString(), "--index", typo.toString(), "--at", AT);
    assertEquals(2, outcome.exit());
    assertEquals("vigil: no index in " + typo + ": ingest events there first (vigil ingest --index " + typo
        + " FILE), or give the right --index DIR\n", outcome.err());
    assertEquals("", outcome.out());
    assertFalse(Files.exists(typo), "nothing is created");
  }

  @Test
  void anAdHocWindowWritesNoRiskEventsUnlessAsked() throws Exception {
    Cli.Outcome search = run(CERTUTIL, "--earliest", "0", "--latest", "now");
    assertEquals(0, search.exit(), search.err());
    assertEquals(22, search.rows().size());
    assertTrue(summaryLine(search).endsWith("22 rows, no risk events written (an ad hoc window: give --risk to write them)"),
        search.err());
    assertFalse(Files.exists(riskFile()));
    assertEquals(List.of(), ledger());

    Cli.Outcome withRisk = run(CERTUTIL, "--earliest", "0", "--latest", "now", "--risk");
    assertEquals(0, withRisk.exit(), withRisk.err());
    // Two risk objects per row (user and dest, SEMANTICS §5.1).
    assertEquals(44, Files.readAllLines(riskFile()).size());
    List<RunRecord> runs = ledger();
    assertEquals(1, runs.size());
    assertEquals(RunRecord.State.MANUAL, runs.get(0).state());
    assertEquals(22, runs.get(0).rows());
    assertEquals(44, runs.get(0).riskEvents());
    assertEquals(Instant.EPOCH, runs.get(0).earliest());
  }

  @Test
  void aDetectionGivenByPathWritesNoRiskEventsUnlessAsked() throws Exception {
    String file = home.resolve("schedules/detections/" + CERTUTIL + ".yml").toAbsolutePath().toString();
    Path copy = Files.copy(Path.of(file), temp.resolve("my_rule.yml"));
    Cli.Outcome byPath = run(copy.toString(), "--at", AT);
    assertEquals(0, byPath.exit(), byPath.err());
    assertEquals(22, byPath.rows().size());
    assertTrue(summaryLine(byPath).endsWith("no risk events written (a detection given by path: give --risk to write them)"),
        byPath.err());
    assertFalse(Files.exists(riskFile()));

    assertEquals(0, run(copy.toString(), "--at", AT, "--risk").exit());
    assertEquals(44, Files.readAllLines(riskFile()).size());
    assertEquals(RunRecord.State.MANUAL, ledger().get(0).state());
  }

  // SEMANTICS §5.3: a window run again by hand writes no new risk events; each run is still in the ledger.
  @Test
  void aScheduledWindowRunByHandWritesRiskEventsOnceAndIsRecordedEachTime() throws Exception {
    Cli.Outcome first = run(CERTUTIL, "--at", AT);
    assertEquals(0, first.exit(), first.err());
    assertTrue(first.err().contains("22 rows, 44 risk events written to "), first.err());
    assertEquals(expectedRiskByObject(), first.err().lines().filter(l -> l.startsWith("  risk by object: "))
        .findFirst().orElse(first.err()));
    assertTrue(first.err().contains("\n  rows by host: win-dc-791937.attackrange.local 22\n"), first.err());
    Cli.Outcome again = run(CERTUTIL, "--at", AT);
    assertTrue(again.err().contains("22 rows, 0 risk events written to "), again.err());
    assertEquals(44, Files.readAllLines(riskFile()).size());
    List<RunRecord> runs = ledger();
    assertEquals(List.of(44L, 0L), runs.stream().map(RunRecord::riskEvents).toList());
    assertTrue(runs.stream().allMatch(r -> r.state() == RunRecord.State.MANUAL
        && r.scheduled().equals(Instant.parse(AT))));
    // A run by hand is not the scheduler's run of its time: catch-up still owes it (SEMANTICS §2.12).
    assertEquals(java.util.Map.of(), new RunLedger(index, Warnings.UNEXPECTED).latestByScheduledTime(CERTUTIL));

    Cli.Outcome none = run(CERTUTIL, "--at", AT, "--no-risk");
    assertTrue(summaryLine(none).endsWith("22 rows, no risk events written (--no-risk)"), none.err());
    assertEquals(2, ledger().size(), "a run that writes no risk events is not recorded");
  }

  @Test
  void riskAndNoRiskTogetherIsAUsageError() {
    Cli.Outcome outcome = run(CERTUTIL, "--at", AT, "--risk", "--no-risk");
    assertEquals(2, outcome.exit());
    assertEquals("vigil: --risk and --no-risk contradict each other: give one\n", outcome.err());
  }

  // The scheduler over a folder without an index would find nothing every hour, silently.
  @Test
  void startWithoutAnIndexIsAnError() {
    Path typo = temp.resolve("indx");
    Cli.Outcome outcome = vigil("start", "--home", home.toString(), "--index", typo.toString());
    assertEquals(2, outcome.exit());
    assertTrue(outcome.err().startsWith("vigil: no index in " + typo + ": "), outcome.err());
    assertFalse(Files.exists(typo));
  }
}
