package dev.vigil.cli;

import static dev.vigil.cli.Cli.vigil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.TestHomes;
import dev.vigil.Warnings;
import dev.vigil.schedule.RunLedger;
import dev.vigil.schedule.RunRecord;
import dev.vigil.schedule.RunRecord.State;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vigil runs}: the ledger's latest state per scheduled time, and the gaps in what ok runs covered (§2.12). */
class RunsCommandTest {
  private static final String IIS = "windows_iis_components_add_new_module";
  private static final String CERTUTIL = "certutil_exe_certificate_extraction";

  @TempDir
  Path temp;

  private String home;
  private String index;

  @BeforeEach
  void ledger() throws Exception {
    home = TestHomes.copyShipped(temp.resolve("home")).toString();
    index = temp.resolve("index").toString();
    RunLedger ledger = new RunLedger(Path.of(index), Warnings.UNEXPECTED);
    // The IIS rule, hourly with the ESCU window -70m@m..-10m@m (SEMANTICS §2.7):
    ledger.append(run(IIS, "10:00", State.RUNNING, null));
    ledger.append(run(IIS, "10:00", State.OK, null));
    ledger.append(run(IIS, "11:00", State.RUNNING, null)); // died: retried, then ok
    ledger.append(run(IIS, "11:00", State.RUNNING, null));
    ledger.append(run(IIS, "11:00", State.OK, null));
    ledger.append(run(IIS, "12:00", State.RUNNING, null));
    ledger.append(run(IIS, "12:00", State.FAILED, "index unavailable")); // [10:50, 11:50) uncovered
    ledger.append(run(IIS, "13:00", State.CAUGHT_UP, null));
    ledger.append(run(IIS, "14:00", State.SKIPPED, null)); // [12:50, 13:50) uncovered
    ledger.append(run(IIS, "15:00", State.OK, null));
    ledger.append(run(IIS, "16:00", State.RUNNING, null)); // not finished: outside the period
    for (String hour : List.of("10:00", "11:00", "12:00")) {
      ledger.append(run(CERTUTIL, hour, State.OK, null));
    }
  }

  private static RunRecord run(String rule, String hour, State state, String error) {
    Instant scheduled = Instant.parse("2024-05-15T" + hour + ":00Z");
    return new RunRecord(rule, scheduled, scheduled.minus(Duration.ofMinutes(70)),
        scheduled.minus(Duration.ofMinutes(10)), state, state == State.OK ? 2 : 0, state == State.OK ? 4 : 0,
        state == State.RUNNING ? 0 : 1500, error, scheduled.plusSeconds(2));
  }

  private Cli.Outcome runs(String... args) {
    List<String> all = new ArrayList<>(List.of("runs", "--home", home, "--index", index));
    all.addAll(List.of(args));
    return vigil(all.toArray(String[]::new));
  }

  private static String line(String rule, String hour, String earliest, String latest, String state, int rows,
      int risk, int ms, String error) {
    return "{\"rule\":\"" + rule + "\",\"scheduled\":\"2024-05-15T" + hour + ":00Z\",\"earliest\":\"2024-05-15T"
        + earliest + ":00Z\",\"latest\":\"2024-05-15T" + latest + ":00Z\",\"state\":\"" + state + "\",\"rows\":"
        + rows + ",\"risk_events\":" + risk + ",\"duration_ms\":" + ms + ",\"error\":"
        + (error == null ? "null" : "\"" + error + "\"") + "}";
  }

  private static String gap(String rule, String start, String end, int minutes) {
    return "{\"rule\":\"" + rule + "\",\"gap_start\":\"2024-05-15T" + start + ":00Z\",\"gap_end\":\"2024-05-15T"
        + end + ":00Z\",\"minutes\":" + minutes + "}";
  }

  // SEMANTICS §2.12: one line per scheduled time with its latest state; failed and skipped runs cover nothing.
  @Test
  void everyRuleWithItsLatestStatesThenTheGaps() {
    Cli.Outcome outcome = runs();
    assertEquals(1, outcome.exit(), "a failed run and gaps are findings: " + outcome.err());
    assertEquals(List.of(
        line(CERTUTIL, "10:00", "08:50", "09:50", "ok", 2, 4, 1500, null),
        line(CERTUTIL, "11:00", "09:50", "10:50", "ok", 2, 4, 1500, null),
        line(CERTUTIL, "12:00", "10:50", "11:50", "ok", 2, 4, 1500, null),
        line(IIS, "10:00", "08:50", "09:50", "ok", 2, 4, 1500, null),
        line(IIS, "11:00", "09:50", "10:50", "ok", 2, 4, 1500, null),
        line(IIS, "12:00", "10:50", "11:50", "failed", 0, 0, 1500, "index unavailable"),
        line(IIS, "13:00", "11:50", "12:50", "caught-up", 0, 0, 1500, null),
        line(IIS, "14:00", "12:50", "13:50", "skipped", 0, 0, 1500, null),
        line(IIS, "15:00", "13:50", "14:50", "ok", 2, 4, 1500, null),
        line(IIS, "16:00", "14:50", "15:50", "running", 0, 0, 0, null),
        gap(IIS, "10:50", "11:50", 60),
        gap(IIS, "12:50", "13:50", 60)), outcome.outLines());
    assertEquals(List.of(
        "rule " + CERTUTIL + ": 3 runs, 3 ok, covered 2024-05-15T08:50:00Z .. 2024-05-15T11:50:00Z with no gap",
        "rule " + IIS + ": 7 runs, 3 ok, 1 caught-up, 1 failed, 1 skipped, 1 running, period 2024-05-15T08:50:00Z"
            + " .. 2024-05-15T14:50:00Z: 2 gaps, 120 minutes uncovered"), outcome.err().lines().toList());
  }

  @Test
  void oneRuleByNameSinceATime() {
    Cli.Outcome outcome = runs("Windows IIS Components Add New Module", "--since", "2024-05-15T12:00:00Z");
    assertEquals(1, outcome.exit(), outcome.err());
    assertEquals(List.of(
        line(IIS, "12:00", "10:50", "11:50", "failed", 0, 0, 1500, "index unavailable"),
        line(IIS, "13:00", "11:50", "12:50", "caught-up", 0, 0, 1500, null),
        line(IIS, "14:00", "12:50", "13:50", "skipped", 0, 0, 1500, null),
        line(IIS, "15:00", "13:50", "14:50", "ok", 2, 4, 1500, null),
        line(IIS, "16:00", "14:50", "15:50", "running", 0, 0, 0, null),
        gap(IIS, "12:50", "13:50", 60)), outcome.outLines());
    assertEquals("rule " + IIS + ": 5 runs, 1 ok, 1 caught-up, 1 failed, 1 skipped, 1 running, period"
        + " 2024-05-15T12:00:00Z .. 2024-05-15T14:50:00Z: 1 gap, 60 minutes uncovered", outcome.err().strip());
  }

  // SEMANTICS §1.4: a bare integer is epoch seconds; --since takes the time modifiers of §1.
  @Test
  void sinceTakesATimeModifier() {
    assertEquals(runs(IIS, "--since", "2024-05-15T12:00:00Z").out(), runs(IIS, "--since", "1715774400").out());
    Cli.Outcome bad = runs(IIS, "--since", "-5x");
    assertEquals(2, bad.exit());
    assertTrue(bad.err().contains("-5x\n  ^"), bad.err());
    assertEquals(2, runs(IIS, "--since", "yesterday").exit());
  }

  // The period starts at --since: time before the rule's first window counts as uncovered.
  @Test
  void sinceBeforeTheFirstRunIsAGap() {
    Cli.Outcome outcome = runs(CERTUTIL, "--since", "2024-05-15T08:00:00Z");
    assertEquals(gap(CERTUTIL, "08:00", "08:50", 50), outcome.outLines().get(3));
    assertTrue(outcome.err().contains("1 gap, 50 minutes uncovered"), outcome.err());
  }

  @Test
  void timesAreInTheConfiguredZone() throws Exception {
    Files.writeString(Path.of(home, "config/local/vigil.yml"), "time_zone: America/New_York\n");
    Cli.Outcome outcome = runs(CERTUTIL);
    assertTrue(outcome.outLines().get(0).contains("\"scheduled\":\"2024-05-15T06:00:00-04:00\",\"earliest\":"
        + "\"2024-05-15T04:50:00-04:00\""), outcome.out());
  }

  @Test
  void aRuleWithoutRunsAndAnEmptyLedger() {
    Cli.Outcome none = runs(CERTUTIL, "--since", "2024-05-16T00:00:00Z");
    assertEquals(0, none.exit(), none.err());
    assertEquals("", none.out());
    assertTrue(none.err().contains("rule " + CERTUTIL + ": no runs scheduled since 2024-05-16T00:00:00Z"), none.err());

    Path eventsOnly = temp.resolve("events-only");
    assertEquals(0, vigil("ingest", "--home", home, "--index", eventsOnly.toString(),
        "../shared/content/datasets/example_sysmon_eid1.xml").exit());
    Cli.Outcome empty = vigil("runs", "--home", home, "--index", eventsOnly.toString());
    assertEquals(0, empty.exit(), empty.err());
    assertEquals("", empty.out());
    assertTrue(empty.err().startsWith("no runs in "), empty.err());
  }

  // No silent success: a folder that holds neither events nor a ledger is a wrong --index, not "no runs".
  @Test
  void aFolderWithoutAnIndexIsAnErrorAndCreatesNothing() {
    Path nothing = temp.resolve("typo");
    Cli.Outcome outcome = vigil("runs", "--home", home, "--index", nothing.toString());
    assertEquals(2, outcome.exit());
    assertEquals("vigil: no index in " + nothing + ": ingest events there first (vigil ingest --index " + nothing
        + " FILE), or give the right --index DIR\n", outcome.err());
    assertTrue(!Files.exists(nothing), "nothing is created");
  }

  @Test
  void onlyOkRunsAndNoGapsExitZero() {
    Cli.Outcome outcome = runs(CERTUTIL);
    assertEquals(0, outcome.exit(), outcome.err());
    Cli.Outcome failedBeforeTheWindow = runs(IIS, "--since", "2024-05-15T13:00:00Z");
    assertEquals(1, failedBeforeTheWindow.exit(), "skipped 14:00 leaves a gap: " + failedBeforeTheWindow.err());
    Cli.Outcome afterTheProblems = runs(IIS, "--since", "2024-05-15T15:00:00Z");
    assertEquals(0, afterTheProblems.exit(), afterTheProblems.err());
  }

  // A run by hand that wrote risk events is listed as manual and covers nothing (§2.12: the scheduler's ledger).
  @Test
  void manualRunsAreListedAndCoverNothing() throws Exception {
    Instant scheduled = Instant.parse("2024-05-15T13:00:00Z");
    new RunLedger(Path.of(index), Warnings.UNEXPECTED).append(new RunRecord(CERTUTIL, scheduled, scheduled.minus(Duration.ofMinutes(70)),
        scheduled.minus(Duration.ofMinutes(10)), State.MANUAL, 3, 6, 40, null, scheduled.plusSeconds(5)));
    Cli.Outcome outcome = runs(CERTUTIL);
    assertEquals(line(CERTUTIL, "13:00", "11:50", "12:50", "manual", 3, 6, 40, null), outcome.outLines().get(3));
    assertEquals("rule " + CERTUTIL + ": 3 runs, 3 ok, 1 manual, covered 2024-05-15T08:50:00Z .. 2024-05-15T11:50:00Z"
        + " with no gap", outcome.err().strip());
  }

  @Test
  void unknownRuleIsAUsageError() {
    Cli.Outcome outcome = runs("no_such_rule");
    assertEquals(2, outcome.exit());
    assertTrue(outcome.err().contains("no rule 'no_such_rule'"), outcome.err());
  }

  @Test
  void helpIsDocumentationWithExamples() {
    Cli.Outcome help = vigil("runs", "--help");
    assertEquals(0, help.exit());
    assertTrue(help.out().contains("Examples:") && help.out().contains("vigil runs --since"), help.out());
  }
}
