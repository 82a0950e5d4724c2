package dev.vigil.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.MutableClock;
import dev.vigil.TestHomes;
import dev.vigil.Warnings;
import dev.vigil.lucene.LuceneTstats;
import dev.vigil.query.SearchExecutor;
import dev.vigil.risk.RiskStore;
import dev.vigil.store.EventIndex;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.quartz.CronTrigger;
import org.quartz.Trigger;

class DaemonTest {
  private static final String SEED = "windows_iis_components_add_new_module";

  @TempDir
  Path temp;

  private final List<String> log = new CopyOnWriteArrayList<>();

  private Path enabledHome(String extraLocalSettings, Instant enabledAt) throws Exception {
    Path home = TestHomes.copyShipped(temp.resolve("home"));
    Files.createDirectories(home.resolve("config/local/rules"));
    Files.writeString(home.resolve("config/local/rules/" + SEED + ".yml"),
        "enabled: true\nenabled_at: " + enabledAt + "\n" + extraLocalSettings);
    return home;
  }

  private Daemon daemon(Path home, Clock clock, EventIndex index) throws Exception {
    return daemon(home, clock, index, Duration.ofMinutes(1));
  }

  private Daemon daemon(Path home, Clock clock, EventIndex index, Duration reloadEvery) throws Exception {
    Path indexDir = temp.resolve("index");
    Settings settings = Settings.load(new Home(home));
    RuleRunner runner = new RuleRunner(new SearchExecutor(new LuceneTstats(index), settings.zone()), index,
        RiskStore.open(indexDir, indexDir.resolve("risk/risk-events.ndjson"), Warnings.UNEXPECTED), new RunLedger(indexDir, Warnings.UNEXPECTED), settings.zone(), clock,
        log::add);
    return new Daemon(() -> RuleCatalog.load(new Home(home)), runner, settings, clock, log::add, reloadEvery);
  }

  // SEMANTICS §2.4, §2.7: `0 * * * *` becomes Quartz triggers that fire hourly at minute 0.
  @Test
  void enabledRuleGetsQuartzTriggersFiringHourlyAtMinuteZero() throws Exception {
    Instant now = Instant.parse("2024-05-15T14:37:12Z");
    Path home = enabledHome("", now);
    try (EventIndex index = EventIndex.open(temp.resolve("index"));
         Daemon daemon = daemon(home, new MutableClock(now), index)) {
      daemon.reconcile();
      List<CronTrigger> crons = new ArrayList<>();
      for (Trigger t : daemon.triggersOf(SEED)) {
        if (t instanceof CronTrigger c) {
          crons.add(c);
        }
      }
      assertEquals(1, crons.size(), "one Quartz cron trigger for an unrestricted-day schedule");
      Date at = Date.from(now);
      for (int hour = 15; hour < 15 + 48; hour++) {
        at = crons.get(0).getFireTimeAfter(at);
        assertEquals(Instant.parse("2024-05-15T00:00:00Z").plus(Duration.ofHours(hour)), at.toInstant());
      }
    }
  }

  // SEMANTICS §2.6, §2.7: Quartz really fires the job, and the run's window comes from the scheduled fire time.
  @Test
  void quartzFiresTheRuleAndTheWindowComesFromTheScheduledFireTime() throws Exception {
    Clock clock = Clock.systemUTC();
    Path home = enabledHome("cron_schedule: '* * * * *'\n", clock.instant());
    try (EventIndex index = EventIndex.open(temp.resolve("index"));
         Daemon daemon = daemon(home, clock, index)) {
      daemon.start();
      RunLedger ledger = new RunLedger(temp.resolve("index"), Warnings.UNEXPECTED);
      RunRecord fired = null;
      Instant deadline = clock.instant().plusSeconds(75);
      while (fired == null && clock.instant().isBefore(deadline)) {
        fired = ledger.records().stream().filter(r -> r.state() == RunRecord.State.OK).findFirst().orElse(null);
        Thread.sleep(250);
      }
      assertTrue(fired != null, "Quartz fired the rule within a minute; log: " + log);
      assertEquals(0, fired.scheduled().getEpochSecond() % 60, "scheduled on a whole minute: " + fired.scheduled());
      assertEquals(fired.scheduled().minus(Duration.ofMinutes(70)), fired.earliest());
      assertEquals(fired.scheduled().minus(Duration.ofMinutes(10)), fired.latest());
    }
  }

  // SEMANTICS §2.8: continuous scheduling runs every missed scheduled time, oldest first, each with its window.
  @Test
  void catchUpRunsEveryMissedHourInOrderWithItsOwnWindow() throws Exception {
    Instant enabled = Instant.parse("2024-05-15T09:30:00Z");
    MutableClock clock = new MutableClock(enabled);
    Path home = enabledHome("", enabled);
    try (EventIndex index = EventIndex.open(temp.resolve("index"));
         Daemon daemon = daemon(home, clock, index)) {
      daemon.reconcile();
      clock.advance(Duration.ofHours(5));
      daemon.catchUp(SEED);
      List<RunRecord> done = new RunLedger(temp.resolve("index"), Warnings.UNEXPECTED).records().stream()
          .filter(r -> r.state().finished()).toList();
      assertEquals(5, done.size(), "one run per missed hour: " + done);
      for (int i = 0; i < 5; i++) {
        Instant scheduled = Instant.parse("2024-05-15T10:00:00Z").plus(Duration.ofHours(i));
        RunRecord run = done.get(i);
        assertEquals(scheduled, run.scheduled());
        assertEquals(RunRecord.State.CAUGHT_UP, run.state());
        assertEquals(scheduled.minus(Duration.ofMinutes(70)), run.earliest());
        assertEquals(scheduled.minus(Duration.ofMinutes(10)), run.latest());
      }
      List<String> progress = log.stream().filter(line -> line.contains(" caught-up: "))
          .map(line -> line.substring(line.indexOf(" (catch-up "))).toList();
      assertEquals(List.of(" (catch-up 1 of 5, 0:00 left)", " (catch-up 2 of 5, 0:00 left)",
          " (catch-up 3 of 5, 0:00 left)", " (catch-up 4 of 5, 0:00 left)", " (catch-up 5 of 5, 0:00 left)"), progress,
          "each line says how far the catch-up is (the runs took no time on this clock)");
      daemon.catchUp(SEED);
      assertEquals(5, new RunLedger(temp.resolve("index"), Warnings.UNEXPECTED).records().stream().filter(r -> r.state().finished()).count(),
          "a window that finished is never run again");
    }
  }

  @Test // issue 9: late.rerun runs again a window that received events after it ran, once, and logs the case
  void aWindowThatReceivedEventsAfterItRanIsRunAgainOnceAndLogged() throws Exception {
    Instant enabled = Instant.parse("2024-05-15T09:30:00Z");
    MutableClock clock = new MutableClock(enabled);
    Path home = enabledHome("", enabled);
    Path indexDir = temp.resolve("index");
    try (EventIndex index = EventIndex.open(indexDir);
         Daemon daemon = daemon(home, clock, index)) {
      daemon.reconcile();
      clock.advance(Duration.ofHours(2));
      daemon.catchUp(SEED);
      assertEquals(List.of(RunRecord.State.CAUGHT_UP, RunRecord.State.CAUGHT_UP), states());
      LateData late = new LateData(new RunLedger(indexDir, Warnings.UNEXPECTED), index);
      daemon.rerunLate(late, Duration.ofHours(24));
      assertFalse(log.stream().anyMatch(line -> line.startsWith("late data")), log.toString());

      // 10:30 lies in the 11:00 run's window [09:50, 10:50); it arrives at 11:35.
      clock.advance(Duration.ofMinutes(5));
      try (dev.vigil.store.EventWriter writer = dev.vigil.store.EventWriter.open(indexDir, clock)) {
        new dev.vigil.ingest.EventReader(clock).read(new java.io.ByteArrayInputStream(("{\"_time\": 1715769000,"
            + " \"dest\": \"web01\", \"user\": \"CONTOSO\\\\iisadmin\", \"parent_process_name\": \"cmd.exe\","
            + " \"process_name\": \"appcmd.exe\", \"process\": \"appcmd.exe install module /image:x.dll\","
            + " \"process_id\": 4242, \"parent_process_id\": 4000, \"original_file_name\": \"appcmd.exe\"}")
            .getBytes(java.nio.charset.StandardCharsets.UTF_8)), "late.ndjson", writer::add,
            problem -> { throw new AssertionError(problem); });
        writer.commit();
      }
      daemon.rerunLate(late, Duration.ofHours(24));
      assertEquals(List.of("late data: " + SEED + " 2024-05-15T11:00:00Z [2024-05-15T09:50:00Z, 2024-05-15T10:50:00Z)"
          + " had 1 events indexed after its run (the last at 2024-05-15T11:35:00Z); rerun: 1 rows, 2 new risk events"),
          log.stream().filter(line -> line.startsWith("late data")).toList());
      assertEquals(List.of(RunRecord.State.CAUGHT_UP, RunRecord.State.CAUGHT_UP, RunRecord.State.RERUN), states());

      daemon.rerunLate(late, Duration.ofHours(24));
      assertEquals(1, log.stream().filter(line -> line.startsWith("late data")).count(), "once only");
      daemon.rerunLate(late, Duration.ofMinutes(30));
      assertEquals(1, log.stream().filter(line -> line.startsWith("late data")).count());
    }
  }

  @Test // a ledger that cannot be written (as in a read-only index) is one line a fire, and the windows stay due
  void aLedgerThatCannotBeWrittenIsReportedAndItsWindowsStayDue() throws Exception {
    Instant enabled = Instant.parse("2024-05-15T09:30:00Z");
    MutableClock clock = new MutableClock(enabled);
    Path home = enabledHome("", enabled);
    Path indexDir = temp.resolve("index");
    Path ledgerFile = indexDir.resolve("ledger/runs.ndjson");
    Files.createDirectories(ledgerFile); // a folder where the file should be: no append can succeed
    try (EventIndex index = EventIndex.open(indexDir);
         Daemon daemon = daemon(home, clock, index)) {
      daemon.reconcile();
      clock.advance(Duration.ofHours(2));
      daemon.catchUp(SEED);
      assertEquals(1, log.stream().filter(line -> line.startsWith(SEED + ": cannot record its runs in " + ledgerFile
          + " (")).count(), log.toString());
      daemon.rerunLate(new LateData(new RunLedger(indexDir, Warnings.UNEXPECTED), index), Duration.ofHours(24));
      assertEquals(1, log.stream().filter(line -> line.startsWith("late data: cannot look for late windows (")
          && line.endsWith("); trying again at the next look")).count(), log.toString());
      Files.delete(ledgerFile);
      daemon.catchUp(SEED);
      assertEquals(List.of(RunRecord.State.CAUGHT_UP, RunRecord.State.CAUGHT_UP), states(), "healed by itself");
    }
  }

  // An anchor later than now (enabled while a clock was ahead) is reported and clamped: trusted, the rule would
  // never run until then; at the end of time it would throw in every catch-up.
  @ParameterizedTest
  @ValueSource(strings = {"2025-05-15T09:30:00Z", "+999999999-12-31T23:59:59Z"})
  void anEnabledAtLaterThanNowIsReportedAndCatchUpStartsNow(String enabledAt) throws Exception {
    Instant now = Instant.parse("2024-05-15T14:05:00Z");
    MutableClock clock = new MutableClock(now);
    Path home = enabledHome("", Instant.parse(enabledAt));
    try (EventIndex index = EventIndex.open(temp.resolve("index"));
         Daemon daemon = daemon(home, clock, index)) {
      daemon.reconcile();
      daemon.catchUp(SEED);
      List<RunRecord> done = new RunLedger(temp.resolve("index"), Warnings.UNEXPECTED).records().stream()
          .filter(r -> r.state().finished()).toList();
      assertEquals(List.of(Instant.parse("2024-05-15T14:00:00Z")), done.stream().map(RunRecord::scheduled).toList());
      assertTrue(log.contains(SEED + ": enabled_at " + Instant.parse(enabledAt) + ", is later than 2024-05-15T14:00:00Z"
          + " (was a clock ahead?); catching up from 2024-05-15T14:00:00Z"), log.toString());
    }
  }

  @Test // the same for the last finished run, when the rule has no enabled_at
  void aLastRunLaterThanNowIsReportedAndCatchUpStartsNow() throws Exception {
    Instant now = Instant.parse("2024-05-15T14:05:00Z");
    Path home = TestHomes.copyShipped(temp.resolve("home"));
    Files.createDirectories(home.resolve("config/local/rules"));
    Files.writeString(home.resolve("config/local/rules/" + SEED + ".yml"), "enabled: true\n");
    Instant future = Instant.parse("2024-06-01T00:00:00Z");
    new RunLedger(temp.resolve("index"), Warnings.UNEXPECTED).append(new RunRecord(SEED, future,
        future.minus(Duration.ofMinutes(70)), future.minus(Duration.ofMinutes(10)), RunRecord.State.OK, 0, 0, 1, null,
        future));
    try (EventIndex index = EventIndex.open(temp.resolve("index"));
         Daemon daemon = daemon(home, new MutableClock(now), index)) {
      daemon.reconcile();
      daemon.catchUp(SEED);
      assertTrue(new RunLedger(temp.resolve("index"), Warnings.UNEXPECTED).latestByScheduledTime(SEED)
          .get(Instant.parse("2024-05-15T14:00:00Z")).state().finished(), log.toString());
      assertTrue(log.contains(SEED + ": its last finished run, " + future + ", is later than 2024-05-15T14:00:00Z"
          + " (was a clock ahead?); catching up from 2024-05-15T14:00:00Z"), log.toString());
    }
  }

  // A failed run is never taken as done: its window is tried again after the backoff, so a transient fault (here
  // the risk file's path taken by a folder) heals by itself once the cause is gone.
  @Test
  void aFailedRunIsRetriedAfterItsBackoffAndHealsWhenTheCauseIsGone() throws Exception {
    Instant enabled = Instant.parse("2024-05-15T09:30:00Z");
    MutableClock clock = new MutableClock(Instant.parse("2024-05-15T10:05:00Z"));
    Path home = enabledHome("", enabled);
    Path blocked = Files.createDirectories(temp.resolve("index/risk/risk-events.ndjson"));
    try (EventIndex index = EventIndex.open(temp.resolve("index"));
         Daemon daemon = daemon(home, clock, index)) {
      daemon.reconcile();
      daemon.catchUp(SEED);
      assertEquals(List.of(RunRecord.State.FAILED), states());
      assertTrue(log.contains(SEED + " 2024-05-15T10:00:00Z will be retried at 2024-05-15T10:06:00Z (attempt 2 of 10)"),
          log.toString());

      clock.advance(Duration.ofSeconds(30));
      daemon.catchUp(SEED);
      assertEquals(List.of(RunRecord.State.FAILED), states(), "not before the backoff");

      Files.delete(blocked);
      clock.advance(Duration.ofSeconds(30));
      daemon.catchUp(SEED);
      assertEquals(List.of(RunRecord.State.FAILED, RunRecord.State.CAUGHT_UP), states());
      daemon.catchUp(SEED);
      assertEquals(List.of(RunRecord.State.FAILED, RunRecord.State.CAUGHT_UP), states(), "done once done");
    }
  }

  @Test // each wait twice the one before; when the attempts are used up the window stays a gap, and says so
  void retriesBackOffAndStopWhenTheAttemptsAreUsedUp() throws Exception {
    Instant enabled = Instant.parse("2024-05-15T09:30:00Z");
    MutableClock clock = new MutableClock(Instant.parse("2024-05-15T10:05:00Z"));
    Path home = enabledHome("", enabled);
    Files.writeString(home.resolve("config/local/vigil.yml"), "retry:\n  attempts: 3\n  backoff: 2m\n");
    Files.createDirectories(temp.resolve("index/risk/risk-events.ndjson"));
    try (EventIndex index = EventIndex.open(temp.resolve("index"));
         Daemon daemon = daemon(home, clock, index)) {
      daemon.reconcile();
      daemon.catchUp(SEED);
      clock.advance(Duration.ofMinutes(2));
      daemon.catchUp(SEED);
      assertTrue(log.contains(SEED + " 2024-05-15T10:00:00Z will be retried at 2024-05-15T10:11:00Z (attempt 3 of 3)"),
          log.toString());
      clock.advance(Duration.ofMinutes(4));
      daemon.catchUp(SEED);
      assertTrue(log.contains(SEED + " 2024-05-15T10:00:00Z failed 3 times; not retried again (its window stays a gap)"),
          log.toString());
      clock.advance(Duration.ofMinutes(40));
      daemon.catchUp(SEED);
      assertEquals(java.util.Map.of(Instant.parse("2024-05-15T10:00:00Z"), 3L),
          new RunLedger(temp.resolve("index"), Warnings.UNEXPECTED).failures(SEED), log.toString());
    }
  }

  private List<RunRecord.State> states() throws Exception {
    return new RunLedger(temp.resolve("index"), Warnings.UNEXPECTED).records().stream()
        .filter(r -> r.state().finished()).map(RunRecord::state).toList();
  }

  // SEMANTICS §2.8: in skip mode, missed times are recorded as skipped and not run.
  @Test
  void skipModeRecordsMissedTimesAsSkipped() throws Exception {
    Instant enabled = Instant.parse("2024-05-15T09:30:00Z");
    MutableClock clock = new MutableClock(enabled);
    Path home = enabledHome("realtime_schedule: 1\n", enabled);
    try (EventIndex index = EventIndex.open(temp.resolve("index"));
         Daemon daemon = daemon(home, clock, index)) {
      daemon.reconcile();
      clock.advance(Duration.ofHours(5));
      daemon.catchUp(SEED);
      List<RunRecord> records = new RunLedger(temp.resolve("index"), Warnings.UNEXPECTED).records();
      assertEquals(5, records.size());
      assertTrue(records.stream().allMatch(r -> r.state() == RunRecord.State.SKIPPED), records.toString());
      assertFalse(records.stream().anyMatch(r -> r.state() == RunRecord.State.RUNNING));
    }
  }

  // SEMANTICS §2.5: in a zone with daylight saving Quartz gets one trigger at a time at Vigil's fire times, so an
  // hourly rule runs at both passes of the repeated autumn hour (Quartz's own CronTrigger skips the first).
  @Test
  void inNewYorkAnHourlyRuleFiresAtBothPassesOfTheRepeatedHour() throws Exception {
    Instant start = Instant.parse("2024-11-03T04:30:00Z"); // 00:30 EDT
    MutableClock clock = new MutableClock(start);
    Path home = enabledHome("", start);
    Files.writeString(home.resolve("config/local/vigil.yml"), "time_zone: America/New_York\n");
    try (EventIndex index = EventIndex.open(temp.resolve("index"));
         Daemon daemon = daemon(home, clock, index)) {
      daemon.reconcile();
      List<Instant> fired = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        Instant next = daemon.triggersOf(SEED).stream()
            .filter(t -> t.getJobDataMap().containsKey(RuleJob.SCHEDULED))
            .map(t -> t.getStartTime().toInstant())
            .max(Instant::compareTo).orElseThrow();
        clock.set(next);
        daemon.fire(SEED, next);
        fired.add(next);
      }
      assertEquals(List.of(Instant.parse("2024-11-03T05:00:00Z"), Instant.parse("2024-11-03T06:00:00Z"),
          Instant.parse("2024-11-03T07:00:00Z"), Instant.parse("2024-11-03T08:00:00Z")), fired,
          "01:00 EDT, 01:00 EST, 02:00 EST, 03:00 EST");
      List<RunRecord> runs = new RunLedger(temp.resolve("index"), Warnings.UNEXPECTED).records().stream()
          .filter(r -> r.state() == RunRecord.State.OK).toList();
      assertEquals(fired, runs.stream().map(RunRecord::scheduled).toList());
      for (int i = 1; i < runs.size(); i++) {
        assertEquals(runs.get(i - 1).latest(), runs.get(i).earliest(), "consecutive windows touch");
      }
    }
  }

  // SEMANTICS §2.12: a run that died mid-way (ledger says running) is run again once; its risk events are not
  // written twice.
  @Test
  void aRunKilledMidwayIsRunAgainOnceWithoutDuplicateRiskEvents() throws Exception {
    Instant enabled = Instant.parse("2024-05-15T11:30:00Z");
    Instant scheduled = Instant.parse("2024-05-15T12:00:00Z");
    Path home = enabledHome("", enabled);
    Path indexDir = temp.resolve("index");
    try (dev.vigil.store.EventWriter writer = dev.vigil.store.EventWriter.open(indexDir, Clock.systemUTC())) {
      writer.add(new dev.vigil.ingest.ProcessEvent(Instant.parse("2024-05-15T11:20:00Z").toEpochMilli(), "demo", "vigil:cim",
          "appcmd install module", java.util.Map.of("dest", "web01", "user", "svc", "process_name", "appcmd.exe",
              "process", "appcmd.exe install module /name:X /image:x.dll", "parent_process_name", "cmd.exe",
              "original_file_name", "appcmd.exe", "process_id", "42", "parent_process_id", "7")));
      writer.commit();
    }
    MutableClock clock = new MutableClock(scheduled.plusSeconds(5));
    try (EventIndex index = EventIndex.open(indexDir);
         Daemon daemon = daemon(home, clock, index)) {
      daemon.reconcile();
      // What a process killed after writing its risk events but before recording the run leaves behind:
      Rule rule = RuleCatalog.load(new Home(home)).find(SEED).orElseThrow();
      RuleRunner runner = new RuleRunner(new SearchExecutor(new LuceneTstats(index), java.time.ZoneOffset.UTC), index,
          RiskStore.open(indexDir, indexDir.resolve("risk/risk-events.ndjson"), Warnings.UNEXPECTED), new RunLedger(indexDir, Warnings.UNEXPECTED), java.time.ZoneOffset.UTC,
          clock, log::add);
      dev.vigil.time.Window window = runner.windowOf(rule, scheduled);
      new RunLedger(indexDir, Warnings.UNEXPECTED).append(new RunRecord(SEED, scheduled, window.earliest(), window.latest(),
          RunRecord.State.RUNNING, 0, 0, 0, null, scheduled));
      assertEquals(2, runner.run(rule, window, scheduled, true).riskEventsWritten().size());

      daemon.catchUp(SEED);
      daemon.catchUp(SEED);
      List<RunRecord> finished = new RunLedger(indexDir, Warnings.UNEXPECTED).records().stream().filter(r -> r.state().finished()).toList();
      assertEquals(1, finished.size(), "re-run exactly once: " + finished);
      assertEquals(1, finished.get(0).rows());
      assertEquals(0, finished.get(0).riskEvents(), "its risk events were already written");
      assertEquals(2, Files.readAllLines(indexDir.resolve("risk/risk-events.ndjson")).size(), "no duplicate");
    }
  }

  // SEMANTICS §2.11: enabling a rule in a running daemon schedules it at the next reload, disabling unschedules it.
  @Test
  void aRunningDaemonPicksUpEnableAndDisable() throws Exception {
    Path home = TestHomes.copyShipped(temp.resolve("home"));
    Clock clock = Clock.systemUTC();
    try (EventIndex index = EventIndex.open(temp.resolve("index"));
         Daemon daemon = daemon(home, clock, index, Duration.ofMillis(500))) {
      daemon.start();
      assertTrue(daemon.triggersOf(SEED).isEmpty(), "rules ship disabled");
      RuleAdministration admin = new RuleAdministration(new Home(home), clock, "auditor");
      admin.setEnabled(RuleCatalog.load(new Home(home)).find(SEED).orElseThrow(), true, Optional.empty());
      awaitTriggers(daemon, true);
      admin.setEnabled(RuleCatalog.load(new Home(home)).find(SEED).orElseThrow(), false, Optional.empty());
      awaitTriggers(daemon, false);
      List<String> audit = Files.readAllLines(home.resolve("config/local/audit.log"));
      assertEquals(2, audit.size());
      assertTrue(audit.get(0).contains("user=auditor action=enable rule=" + SEED + " previous=disabled"), audit.get(0));
      assertTrue(audit.get(1).contains("user=auditor action=disable rule=" + SEED + " previous=enabled"), audit.get(1));
    }
  }

  private static void awaitTriggers(Daemon daemon, boolean present) throws Exception {
    for (int i = 0; i < 100 && daemon.triggersOf(SEED).isEmpty() == present; i++) {
      Thread.sleep(100);
    }
    assertEquals(present, !daemon.triggersOf(SEED).isEmpty(), present ? "scheduled after enable" : "unscheduled after disable");
  }

  // SEMANTICS §4.7: a rule whose search does not load is reported and not scheduled; the others still run.
  @Test
  void aRuleThatDoesNotLoadIsReportedAndNotScheduled() throws Exception {
    Instant now = Instant.parse("2024-05-15T14:37:12Z");
    Path home = enabledHome("", now);
    Path detection = home.resolve("schedules/detections/" + SEED + ".yml");
    Files.writeString(detection, Files.readString(detection).replace("| `drop_dm_object_name(Processes)` |",
        "| `drop_dm_object_name(Processes)` | mvexpand dest |"));
    Files.writeString(home.resolve("config/local/rules/certutil_exe_certificate_extraction.yml"),
        "enabled: true\nenabled_at: " + now + "\n");
    try (EventIndex index = EventIndex.open(temp.resolve("index"));
         Daemon daemon = daemon(home, new MutableClock(now), index)) {
      daemon.reconcile();
      assertTrue(daemon.triggersOf(SEED).isEmpty());
      assertFalse(daemon.triggersOf("certutil_exe_certificate_extraction").isEmpty());
      assertTrue(log.stream().anyMatch(l -> l.startsWith("not scheduling " + SEED + ": " + detection + ":13: column ")
          && l.contains("unsupported command 'mvexpand'")), log.toString());
    }
  }

  @Test
  void theTimeLeftOfACatchUpIsTheRunsAverageTimesTheRunsToGo() {
    assertEquals(" (catch-up 3 of 48, 0:45 left)", Daemon.catchUpProgress(3, 48, 3_000));
    assertEquals(" (catch-up 1 of 200, 10:57 left)", Daemon.catchUpProgress(1, 200, 3_300));
    assertEquals(" (catch-up 7 of 7, 0:00 left)", Daemon.catchUpProgress(7, 7, 9_000));
  }
}
