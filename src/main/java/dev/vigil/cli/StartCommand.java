package dev.vigil.cli;

import dev.vigil.alert.AlertDelivery;
import dev.vigil.ingest.AssetFields;
import dev.vigil.schedule.Daemon;
import dev.vigil.schedule.RunRecord;
import java.util.List;
import dev.vigil.schedule.LateData;
import dev.vigil.schedule.Settings;
import dev.vigil.spool.Spool;
import dev.vigil.opensearch.OpenSearchEvents;
import dev.vigil.opensearch.OpenSearchSink;
import dev.vigil.store.EventWriter;
import dev.vigil.store.Quarantine;
import dev.vigil.store.SchedulerLock;
import java.io.IOException;
import java.nio.file.Files;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "start", mixinStandardHelpOptions = true,
    header = "Runs the scheduler: each enabled rule on its cron, with catch-up.",
    description = {
        "Runs the scheduler in the foreground: each enabled rule on its cron, each run's window computed "
            + "from its scheduled time; missed runs are caught up first (continuous scheduling); rules enabled "
            + "or disabled while it runs are picked up within a minute. Stop with Ctrl-C or SIGTERM: the "
            + "current run finishes. One scheduler per index: a second one is refused with the pid of the "
            + "first. Files that appear in the spool folder (index/spool/ by default) are ingested as they are "
            + "written; finished ones move to done/. With --once: one pass of all that, then exit (for a cron "
            + "job or a systemd timer, docs/systemd.md): the spool is read once, every enabled rule's due "
            + "windows run, notables are sent; exit 1 if a run failed.",
        "",
        "Examples:",
        "  vigil start --index /var/lib/vigil",
        "  vigil start --once"})
final class StartCommand implements Callable<Integer> {
  /** The scheduler's log: stderr, each line with its wall-clock time (simplelogger.properties). */
  private static final Logger LOG = LoggerFactory.getLogger("vigil");

  @Mixin
  Installation installation;

  @Option(names = "--once", description = "Ingest the spool, run what is due and send the notables once, then exit.")
  boolean once;

  @Override
  public Integer call() throws Exception {
    CountDownLatch stopped = new CountDownLatch(1);
    installation.existingIndexDir();
    if (once) {
      return runOnce();
    }
    try (SchedulerLock lock = SchedulerLock.acquire(installation.indexDir());
         Engine engine = Engine.open(installation)) {
      Daemon daemon = new Daemon(installation::catalog, engine.runner, installation.settings(), installation.clock,
          StartCommand::log);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        log("stopping: letting the current run finish");
        try {
          daemon.close();
        } catch (Exception e) {
          log("stopping: " + e.getMessage());
        }
        log("stopped");
        stopped.countDown();
      }, "vigil-shutdown"));
      Settings settings = installation.settings();
      Spool spool = new Spool(installation.indexDir().resolve(settings.spool().folder()), settings.spool().settle(),
          settings.spool().deleteFinished() ? Spool.Finished.DELETE : Spool.Finished.MOVE, installation.clock,
          settings.maxLineBytes(), StartCommand::log);
      Quarantine quarantine = Quarantine.of(installation.indexDir(), installation.clock);
      AssetFields assetFields = new AssetFields(installation.enrichment().assets());
      daemon.every("ingestion", settings.spool().every(), () -> ingest(spool, quarantine, assetFields));
      AlertDelivery alerts = Alerts.delivery(installation, StartCommand::log);
      if (!alerts.isEmpty()) {
        daemon.every("alerts", settings.alerts().every(), () -> Alerts.deliverOnce(alerts, StartCommand::log));
      }
      if (settings.late().rerun()) {
        LateData late = new LateData(engine.runner.ledger(), engine.events.indexTimes());
        daemon.every("late data", settings.late().every(), () -> daemon.rerunLate(late, settings.late().within()));
      }
      daemon.start();
      log("vigil: scheduler started (index " + installation.indexDir() + ", spool "
          + installation.indexDir().resolve(settings.spool().folder()) + ")");
      stopped.await();
    }
    return ExitCodes.OK;
  }

  /** {@code --once}: what a started scheduler does, one time through, holding the index as a scheduler does. */
  private int runOnce() throws Exception {
    Settings settings = installation.settings();
    try (SchedulerLock lock = SchedulerLock.acquire(installation.indexDir())) {
      Spool spool = new Spool(installation.indexDir().resolve(settings.spool().folder()), settings.spool().settle(),
          settings.spool().deleteFinished() ? Spool.Finished.DELETE : Spool.Finished.MOVE, installation.clock,
          settings.maxLineBytes(), StartCommand::log);
      ingest(spool, Quarantine.of(installation.indexDir(), installation.clock),
          new AssetFields(installation.enrichment().assets()));
      List<RunRecord> runs;
      try (Engine engine = Engine.open(installation);
           Daemon daemon = new Daemon(installation::catalog, engine.runner, settings, installation.clock,
               StartCommand::log)) {
        runs = daemon.runDueOnce();
      }
      Alerts.deliverOnce(Alerts.delivery(installation, w -> log("warning: " + w)), StartCommand::log);
      long failed = runs.stream().filter(r -> r.state() == RunRecord.State.FAILED).count();
      log("vigil: " + runs.size() + (runs.size() == 1 ? " run" : " runs") + ", " + failed + " failed");
      return failed > 0 ? ExitCodes.FINDINGS : ExitCodes.OK;
    }
  }

  /** Beside a cluster, how far the spool's files have been read (in the Lucene index, its commit data). */
  static final String SPOOL_PROGRESS = "spool-progress.json";

  private static void log(String message) {
    LOG.info(message);
  }

  /** One pass of the ingestion job; the writer is held only for the pass, so that 'vigil ingest' can run between. */
  private void ingest(Spool spool, Quarantine quarantine, AssetFields assetFields) {
    if (installation.settings().store().openSearch().isPresent()) {
      try {
        OpenSearchEvents events = EventStore.openSearchEvents(installation);
        try (var cluster = events.cluster()) {
          logged(spool.pass(new OpenSearchSink(events, installation.indexDir().resolve(SPOOL_PROGRESS), assetFields),
              quarantine));
        }
      } catch (IOException | java.io.UncheckedIOException e) {
        log("ingestion: " + e.getMessage() + "; trying again at the next pass");
      }
      return;
    }
    try (EventWriter writer = EventWriter.open(installation.indexDir(), installation.clock)
        .enrichedBy(assetFields)) {
      logged(spool.pass(writer.sink(), quarantine));
    } catch (IOException e) {
      log("ingestion: " + e.getMessage() + "; trying again at the next pass");
    }
  }

  private static void logged(Spool.Pass pass) {
    if (pass.events() > 0 || pass.problems() > 0 || pass.finished() > 0) {
      log(String.format("ingestion: %d events from %d files, %d new, %d bad (quarantined), %d files finished",
          pass.events(), pass.files(), pass.stored(), pass.problems(), pass.finished()));
    }
  }
}
