package dev.vigil.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.MutableClock;
import dev.vigil.TestHomes;
import dev.vigil.query.LuceneTstats;
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
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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
    Path indexDir = temp.resolve("index");
    Settings settings = Settings.load(new Home(home));
    RuleRunner runner = new RuleRunner(new SearchExecutor(new LuceneTstats(index), settings.zone()),
        RiskStore.open(indexDir.resolve("risk/risk-events.ndjson")), new RunLedger(indexDir), settings.zone(), clock,
        log::add);
    return new Daemon(() -> RuleCatalog.load(new Home(home)), runner, settings, clock, log::add);
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
      RunLedger ledger = new RunLedger(temp.resolve("index"));
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
      List<RunRecord> done = new RunLedger(temp.resolve("index")).records().stream()
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
      daemon.catchUp(SEED);
      assertEquals(5, new RunLedger(temp.resolve("index")).records().stream().filter(r -> r.state().finished()).count(),
          "a window that finished is never run again");
    }
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
      List<RunRecord> records = new RunLedger(temp.resolve("index")).records();
      assertEquals(5, records.size());
      assertTrue(records.stream().allMatch(r -> r.state() == RunRecord.State.SKIPPED), records.toString());
      assertFalse(records.stream().anyMatch(r -> r.state() == RunRecord.State.RUNNING));
    }
  }
}
