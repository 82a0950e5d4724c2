package dev.vigil.cli;

import dev.vigil.schedule.Daemon;
import dev.vigil.store.EventIndex;
import dev.vigil.store.MissingIndexException;
import dev.vigil.store.SchedulerLock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "start", mixinStandardHelpOptions = true,
    description = {
        "Runs the scheduler in the foreground: each enabled rule on its cron, each run's window computed from its",
        "scheduled time; missed runs are caught up first (continuous scheduling); rules enabled or disabled",
        "while it runs are picked up within a minute. Stop with Ctrl-C or SIGTERM: the current run finishes.",
        "One scheduler per index: a second one is refused with the pid of the first.",
        "",
        "Example: vigil start --index /var/lib/vigil"})
final class StartCommand implements Callable<Integer> {
  @Mixin
  Installation installation;

  @Override
  public Integer call() throws Exception {
    CountDownLatch stopped = new CountDownLatch(1);
    if (!EventIndex.exists(installation.indexDir())) {
      throw new MissingIndexException(installation.indexDir());
    }
    try (SchedulerLock lock = SchedulerLock.acquire(installation.indexDir());
         Engine engine = Engine.open(installation)) {
      Daemon daemon = new Daemon(installation::catalog, engine.runner, installation.settings(), installation.clock,
          System.err::println);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        System.err.println("stopping: letting the current run finish");
        try {
          daemon.close();
        } catch (Exception e) {
          System.err.println("stopping: " + e.getMessage());
        }
        stopped.countDown();
      }, "vigil-shutdown"));
      daemon.start();
      System.err.println("vigil: scheduler started (index " + installation.indexDir() + ")");
      stopped.await();
    }
    return ExitCodes.OK;
  }
}
