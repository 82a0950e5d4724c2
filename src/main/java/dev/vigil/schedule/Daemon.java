package dev.vigil.schedule;

import dev.vigil.store.IoProblems;
import dev.vigil.time.CronSchedule;
import dev.vigil.time.QuartzCron;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TimeZone;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.quartz.CronScheduleBuilder;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.StdSchedulerFactory;

/**
 * {@code vigil start}: a Quartz job per enabled rule on its translated cron (SEMANTICS §2.4), catch-up of
 * what was missed while Vigil was down (§2.8), and a reload every minute that picks up rules enabled or
 * disabled since.
 */
public final class Daemon implements AutoCloseable {
  static final String CONTEXT_KEY = "vigil.daemon";
  private static final String GROUP = "rules";

  private final Supplier<RuleCatalog> catalogs;
  private final RuleRunner runner;
  private final Settings settings;
  private final Clock clock;
  private final Consumer<String> log;
  private final Scheduler scheduler;
  private final Duration reloadEvery;
  private volatile Map<String, Rule> enabled = Map.of();
  private volatile boolean stopping;

  public Daemon(Supplier<RuleCatalog> catalogs, RuleRunner runner, Settings settings, Clock clock,
                Consumer<String> log) throws SchedulerException {
    this(catalogs, runner, settings, clock, log, Duration.ofMinutes(1));
  }

  /** @param reloadEvery how often the configuration is read again for rules enabled or disabled since */
  public Daemon(Supplier<RuleCatalog> catalogs, RuleRunner runner, Settings settings, Clock clock,
                Consumer<String> log, Duration reloadEvery) throws SchedulerException {
    this.reloadEvery = reloadEvery;
    this.catalogs = catalogs;
    this.runner = runner;
    this.settings = settings;
    this.clock = clock;
    this.log = log;
    Properties quartz = new Properties();
    quartz.setProperty(StdSchedulerFactory.PROP_SCHED_INSTANCE_NAME, "vigil-" + UUID.randomUUID());
    quartz.setProperty("org.quartz.threadPool.threadCount", "4");
    // Many rules share minute 0. A trigger that waits for a free thread is "misfired" after this long, and its
    // run then left to catch-up; within it, Quartz fires late but keeps the scheduled fire time (SEMANTICS §2.6).
    quartz.setProperty("org.quartz.jobStore.misfireThreshold", Long.toString(Duration.ofHours(1).toMillis()));
    quartz.setProperty("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
    quartz.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
    this.scheduler = new StdSchedulerFactory(quartz).getScheduler();
    this.scheduler.getContext().put(CONTEXT_KEY, this);
  }

  /** Schedules the enabled rules, queues their catch-up, and starts firing. */
  public void start() throws SchedulerException {
    reconcile();
    JobDetail reload = JobBuilder.newJob(ReloadJob.class).withIdentity("reload", "vigil").build();
    scheduler.scheduleJob(reload, TriggerBuilder.newTrigger().withIdentity("reload", "vigil")
        .startAt(Date.from(clock.instant().plus(reloadEvery)))
        .withSchedule(SimpleScheduleBuilder.simpleSchedule().withIntervalInMilliseconds(reloadEvery.toMillis())
            .repeatForever()).build());
    scheduler.start();
  }

  /**
   * Runs {@code task} every {@code period} from {@code period} after now, beside the rules, never twice at once (the
   * ingestion job). A task that throws is logged and runs again at its next time.
   */
  public void every(String name, Duration period, Runnable task) throws SchedulerException {
    String key = "vigil.task." + name;
    scheduler.getContext().put(key, (Runnable) () -> {
      try {
        task.run();
      } catch (RuntimeException e) {
        log.accept(name + ": " + e.getMessage());
      }
    });
    JobDetail job = JobBuilder.newJob(TaskJob.class).withIdentity(name, "vigil").usingJobData(TaskJob.TASK, key).build();
    scheduler.scheduleJob(job, TriggerBuilder.newTrigger().withIdentity(name, "vigil")
        .startAt(Date.from(clock.instant().plus(period)))
        .withSchedule(SimpleScheduleBuilder.simpleSchedule().withIntervalInMilliseconds(period.toMillis())
            .repeatForever().withMisfireHandlingInstructionNextWithRemainingCount()).build());
  }

  /** Brings Quartz in line with the configuration: new enabled rules scheduled, disabled ones removed. */
  synchronized void reconcile() throws SchedulerException {
    RuleCatalog catalog = catalogs.get();
    catalog.problems().forEach(p -> log.accept("cannot load " + p));
    Map<String, Rule> now = new HashMap<>();
    for (Rule rule : catalog.enabledRules()) {
      Optional<String> problem = runner.check(rule);
      if (problem.isPresent()) {
        log.accept("not scheduling " + rule.stem() + ": " + problem.get());
      } else {
        now.put(rule.stem(), rule);
      }
    }
    for (String stem : enabled.keySet()) {
      Rule current = now.get(stem);
      if (current == null || !current.deployment().equals(enabled.get(stem).deployment())) {
        scheduler.deleteJob(new JobKey(stem, GROUP));
        if (current == null) {
          log.accept("unscheduled " + stem + " (disabled)");
        }
      }
    }
    for (Rule rule : now.values()) {
      if (!scheduler.checkExists(new JobKey(rule.stem(), GROUP))) {
        schedule(rule);
      }
    }
    enabled = Map.copyOf(now);
  }

  private void schedule(Rule rule) throws SchedulerException {
    CronSchedule cron = CronSchedule.parse(rule.deployment().cron());
    JobDetail job = JobBuilder.newJob(RuleJob.class).withIdentity(rule.stem(), GROUP)
        .usingJobData(RuleJob.RULE, rule.stem()).storeDurably().build();
    scheduler.addJob(job, false);
    String how;
    if (followsQuartzCron()) {
      List<String> expressions = QuartzCron.toQuartz(cron);
      for (int i = 0; i < expressions.size(); i++) {
        scheduler.scheduleJob(TriggerBuilder.newTrigger().forJob(job).withIdentity(rule.stem() + "#" + i, GROUP)
            .startAt(Date.from(clock.instant()))
            .withSchedule(CronScheduleBuilder.cronSchedule(expressions.get(i))
                .inTimeZone(TimeZone.getTimeZone(settings.zone()))
                // Quartz's default misfire policy would replace the scheduled time: catch-up handles misses.
                .withMisfireHandlingInstructionDoNothing())
            .build());
      }
      how = "Quartz " + expressions;
    } else {
      armNext(rule.stem(), cron, clock.instant());
      how = "Vigil's fire times, one Quartz trigger at a time (zone with daylight saving)";
    }
    // Risk incident rules read what detections wrote the hour before: their catch-up starts after the detections'.
    scheduler.scheduleJob(TriggerBuilder.newTrigger().forJob(job).withIdentity(rule.stem() + "#catch-up", GROUP)
        .usingJobData(RuleJob.CATCH_UP, true).withPriority(rule.detection().isRiskIncidentRule() ? 1 : 5)
        .startNow().build());
    log.accept("scheduled " + rule.stem() + " on '" + rule.deployment().cron() + "' (" + how + ", zone "
        + settings.zone() + "), window " + rule.deployment().earliest() + " .. " + rule.deployment().latest());
  }

  /**
   * Quartz's CronTrigger gets daylight saving wrong (it skips the first pass of a repeated autumn hour,
   * SEMANTICS §2.5), so in zones with daylight saving Quartz is given one trigger at a time, at the next fire
   * time Vigil computes; a fixed-offset zone uses the translated cron expressions directly.
   */
  private boolean followsQuartzCron() {
    return settings.zone().getRules().isFixedOffset();
  }

  /** Schedules the one trigger for the next fire time after {@code after}, carrying its scheduled time. */
  private void armNext(String stem, CronSchedule cron, Instant after) throws SchedulerException {
    Instant next = cron.nextFireAfter(after, settings.zone());
    scheduler.scheduleJob(TriggerBuilder.newTrigger().forJob(new JobKey(stem, GROUP))
        .withIdentity(stem + "@" + next.toEpochMilli(), GROUP)
        .usingJobData(RuleJob.SCHEDULED, next.toEpochMilli())
        .startAt(Date.from(next))
        .withSchedule(SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow())
        .build());
  }

  /** The Quartz triggers of a rule, for inspection. */
  public List<? extends Trigger> triggersOf(String stem) throws SchedulerException {
    return scheduler.getTriggersOfJob(new JobKey(stem, GROUP));
  }

  /** Runs what is due for a rule up to the latest scheduled time that has passed. */
  void catchUp(String stem) {
    Rule rule = enabled.get(stem);
    if (rule == null) {
      return;
    }
    Instant now = clock.instant();
    CronSchedule.parse(rule.deployment().cron()).latestFireAtOrBefore(now, lookback(rule), settings.zone())
        .ifPresent(latest -> runDue(rule, latest, true));
  }

  /**
   * A scheduled fire: first whatever earlier times are still due, oldest first, then this one; then, in a
   * zone with daylight saving, the trigger for the next time.
   */
  void fire(String stem, Instant scheduled) {
    Rule rule = enabled.get(stem);
    if (rule == null) {
      return;
    }
    try {
      runDue(rule, scheduled, false);
    } finally {
      if (!followsQuartzCron() && !stopping) {
        try {
          armNext(stem, CronSchedule.parse(rule.deployment().cron()), scheduled);
        } catch (SchedulerException e) {
          log.accept("cannot schedule the next run of " + stem + ": " + e.getMessage());
        }
      }
    }
  }

  private List<RunRecord> runDue(Rule rule, Instant upTo, boolean allLate) {
    List<RunRecord> ran = new ArrayList<>();
    try {
      Map<Instant, Long> failures = runner.ledger().failures(rule.stem());
      List<Instant> due = dueTimes(rule, upTo);
      long searchMillis = 0;
      for (Instant scheduled : due) {
        if (stopping) {
          log.accept(rule.stem() + " " + scheduled + " left for the next start (stopping)");
          return ran;
        }
        boolean late = allLate || scheduled.isBefore(upTo);
        boolean retry = failures.containsKey(scheduled);
        if (late && !retry && rule.deployment().realtimeSchedule()) {
          runner.recordSkipped(rule, scheduled);
          log.accept(rule.stem() + " " + scheduled + " skipped (missed, skip mode)");
          continue;
        }
        RunRecord record = runner.runScheduled(rule, scheduled, late ? RunRecord.State.CAUGHT_UP : RunRecord.State.OK);
        ran.add(record);
        searchMillis += record.durationMillis();
        log.accept(rule.stem() + " " + scheduled + " " + record.state().label() + ": " + record.rows() + " rows, "
            + record.riskEvents() + " risk events [" + record.earliest() + ", " + record.latest() + ")"
            + (record.error() == null ? "" : " error: " + record.error())
            + (due.size() > 1 ? catchUpProgress(ran.size(), due.size(), searchMillis) : ""));
        if (record.state() == RunRecord.State.FAILED) {
          armRetry(rule.stem(), scheduled, failures.getOrDefault(scheduled, 0L) + 1, record.recorded());
        }
      }
    } catch (IOException e) {
      // The ledger cannot be read or written (a full disk, a read-only index): what was due stays due, and the
      // next fire of the rule tries again; one line says so, rather than a stack trace from Quartz.
      log.accept(rule.stem() + ": cannot record its runs in " + runner.ledger().file() + " (" + IoProblems.describe(e)
          + "); its due windows stay due and are tried at its next scheduled time");
    }
    return ran;
  }

  /**
   * What {@code vigil start --once} does, for a cron job or a systemd timer: every enabled rule's due windows,
   * run now in this thread, the latest as {@code ok} and those before it as {@code caught-up}; risk incident rules
   * after the detections, whose risk events they read. Nothing is scheduled: a failed window is tried again by a
   * later pass once its backoff has passed.
   *
   * @return the runs made
   */
  public List<RunRecord> runDueOnce() {
    RuleCatalog catalog = catalogs.get();
    catalog.problems().forEach(p -> log.accept("cannot load " + p));
    Instant now = clock.instant();
    List<Rule> rules = new ArrayList<>(catalog.enabledRules());
    rules.sort(java.util.Comparator.comparing((Rule rule) -> rule.detection().isRiskIncidentRule())
        .thenComparing(Rule::stem));
    List<RunRecord> ran = new ArrayList<>();
    for (Rule rule : rules) {
      Optional<String> problem = runner.check(rule);
      if (problem.isPresent()) {
        log.accept("not running " + rule.stem() + ": " + problem.get());
        continue;
      }
      CronSchedule.parse(rule.deployment().cron()).latestFireAtOrBefore(now, lookback(rule), settings.zone())
          .ifPresent(latest -> ran.addAll(runDue(rule, latest, false)));
    }
    return ran;
  }

  /**
   * Runs again each enabled rule's windows scheduled in the last {@code within} that received events after they
   * ran ({@code late.rerun}); each case is logged. Windows of disabled rules are left alone.
   */
  public void rerunLate(LateData late, Duration within) {
    try {
      for (LateData.LateWindow window : late.find(Optional.empty(), clock.instant().minus(within))) {
        RunRecord ran = window.run();
        Rule rule = enabled.get(ran.rule());
        if (rule == null || stopping) {
          continue;
        }
        RunRecord again = runner.runScheduled(rule, ran.scheduled(), RunRecord.State.RERUN);
        log.accept("late data: " + ran.rule() + " " + ran.scheduled() + " [" + ran.earliest() + ", " + ran.latest()
            + ") had " + window.lateEvents() + " events indexed after its run (the last at " + window.lastIndexed()
            + "); " + (again.state() == RunRecord.State.FAILED ? "rerun failed: " + again.error()
                : "rerun: " + again.rows() + " rows, " + again.riskEvents() + " new risk events"));
      }
    } catch (IOException e) {
      log.accept("late data: cannot look for late windows (" + IoProblems.describe(e) + "); trying again at the next"
          + " look");
    }
  }

  /**
   * {@code " (catch-up 3 of 48, 0:42 left)"}: how far a rule's catch-up is, the time left estimated from the runs'
   * own durations so far (what the scheduler measured, not the wall clock between log lines).
   */
  static String catchUpProgress(int done, int total, long millisSoFar) {
    long left = Math.round((double) millisSoFar / done * (total - done) / 1000);
    return String.format(Locale.ROOT, " (catch-up %d of %d, %d:%02d left)", done, total, left / 60, left % 60);
  }

  /** A catch-up of the rule when its failed window may run again; none when its attempts are used up. */
  private void armRetry(String stem, Instant scheduled, long failures, Instant failedAt) {
    Optional<Instant> next = settings.retries().nextAttempt(failures, failedAt);
    if (next.isEmpty()) {
      log.accept(stem + " " + scheduled + " failed " + failures + " times; not retried again (its window stays a gap)");
      return;
    }
    if (stopping) {
      return;
    }
    log.accept(stem + " " + scheduled + " will be retried at " + next.get() + " (attempt " + (failures + 1) + " of "
        + settings.retries().attempts() + ")");
    try {
      TriggerKey key = new TriggerKey(stem + "#retry@" + next.get().toEpochMilli(), GROUP);
      if (!scheduler.checkExists(key) && scheduler.checkExists(new JobKey(stem, GROUP))) {
        scheduler.scheduleJob(TriggerBuilder.newTrigger().forJob(new JobKey(stem, GROUP)).withIdentity(key)
            .usingJobData(RuleJob.CATCH_UP, true).startAt(Date.from(next.get())).build());
      }
    } catch (SchedulerException e) {
      log.accept("cannot schedule the retry of " + stem + " " + scheduled + ": " + e.getMessage());
    }
  }

  /**
   * Scheduled times up to {@code upTo} that have no finished run, and failed ones whose next attempt is due: from
   * when the rule was enabled (or its last finished run), at most the lookback back (SEMANTICS §2.8).
   */
  List<Instant> dueTimes(Rule rule, Instant upTo) throws IOException {
    Map<Instant, RunRecord> history = runner.ledger().latestByScheduledTime(rule.stem());
    Map<Instant, Long> failures = runner.ledger().failures(rule.stem());
    Optional<Instant> lastFinished = runner.ledger().lastFinished(rule.stem());
    Instant from = upTo.minus(lookback(rule));
    Optional<Instant> anchor = rule.enabledSince().isPresent() ? rule.enabledSince() : lastFinished;
    if (anchor.isPresent() && anchor.get().isAfter(upTo)) {
      // Written while a clock was ahead: trusted, it would hold the rule back until that time.
      log.accept(rule.stem() + ": " + (rule.enabledSince().isPresent() ? "enabled_at " : "its last finished run, ")
          + anchor.get() + ", is later than " + upTo + " (was a clock ahead?); catching up from " + upTo);
      anchor = Optional.of(upTo);
    }
    if (anchor.isEmpty()) {
      from = upTo;
    } else if (anchor.get().isAfter(from)) {
      from = anchor.get();
    }
    Instant now = clock.instant();
    List<Instant> due = new ArrayList<>();
    for (Instant t : CronSchedule.parse(rule.deployment().cron()).fireTimesBetween(from, upTo.plusMillis(1), settings.zone())) {
      RunRecord last = history.get(t);
      if (last == null || last.state() == RunRecord.State.RUNNING) {
        due.add(t);
      } else if (last.state() == RunRecord.State.FAILED) {
        Optional<Instant> retryAt = settings.retries().nextAttempt(failures.getOrDefault(t, 0L), last.recorded());
        if (retryAt.isPresent() && !retryAt.get().isAfter(now)) {
          due.add(t);
        }
      }
    }
    return due;
  }

  private Duration lookback(Rule rule) {
    return rule.deployment().lookback().orElse(settings.lookback());
  }

  @Override
  public void close() throws SchedulerException {
    // The run under way finishes and is recorded; later due runs wait for the next start's catch-up.
    stopping = true;
    scheduler.shutdown(true);
  }
}
