package dev.vigil.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.opensearch.OpenSearchCluster;
import dev.vigil.opensearch.OpenSearchEvents;
import dev.vigil.opensearch.OpenSearchSink;
import dev.vigil.schedule.Rule;
import dev.vigil.schedule.RunLedger;
import dev.vigil.schedule.RunRecord;
import dev.vigil.schedule.Settings;
import dev.vigil.spool.Spool;
import dev.vigil.store.EventIndex;
import dev.vigil.store.IndexTimes;
import dev.vigil.store.SchedulerLock;
import dev.vigil.time.CronSchedule;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "status", mixinStandardHelpOptions = true,
    header = "Shows the index, the scheduler and each enabled rule's next run.",
    description = {
        "Shows what the index and its scheduler are doing, without changing anything: whether 'vigil "
            + "start' runs on it, its events and last commit, what waits in the spool, and for each enabled "
            + "rule its last run and its next one.",
        "",
        "stdout gets NDJSON lines:",
        "{\"kind\":\"index\",\"index\":…,\"events\":…,\"last_commit\":…,\"indexed_through\":…,\"scheduler\":\"running\",\"pid\":…}",
        "  (beside an OpenSearch cluster also \"store\":\"opensearch\",\"events_index\":…,\"cluster_status\":\"green\","
            + "\"nodes\":2; last_commit is then the last index time)",
        "  {\"kind\":\"spool\",\"folder\":…,\"files\":2,\"unread_bytes\":…,\"oldest_file\":…}",
        "{\"kind\":\"rule\",\"rule\":…,\"cron\":…,\"last_scheduled\":…,\"last_state\":\"ok\",\"next_run\":…}",
        "stderr gets the same in a few sentences.",
        "",
        "Exit code 1 when an enabled rule's last run failed, a rule cannot be loaded or the cluster is red.",
        "",
        "Example: vigil status --index /var/lib/vigil"})
final class StatusCommand implements Callable<Integer> {
  @Mixin
  Installation installation;

  @Override
  public Integer call() throws Exception {
    Settings settings = installation.settings();
    ZoneId zone = settings.zone();
    Instant now = installation.clock.instant();
    dev.vigil.schedule.RuleCatalog catalog = installation.catalog();
    List<Rule> enabled = catalog.enabledRules();
    boolean failed = false;
    StoreState store = settings.store().openSearch().isPresent() ? clusterState() : luceneState();
    OptionalLong scheduler = SchedulerLock.runningScheduler(installation.indexDir());
    ObjectNode indexLine = Engine.JSON.createObjectNode().put("kind", "index")
        .put("index", installation.indexDir().toString())
        .put("events", store.events())
        .put("last_commit", store.lastCommit() == null ? null : TimeArguments.iso(store.lastCommit(), zone))
        .put("indexed_through", store.through() == IndexTimes.NONE ? null
            : TimeArguments.iso(Instant.ofEpochMilli(store.through()), zone))
        .put("scheduler", scheduler.isPresent() ? "running" : "stopped");
    scheduler.ifPresent(pid -> indexLine.put("pid", pid));
    store.cluster().ifPresent(cluster -> indexLine.put("store", "opensearch").put("events_index", store.name())
        .put("cluster_status", cluster.status()).put("nodes", cluster.nodes()));
    print(indexLine);

    Path spoolFolder = installation.indexDir().resolve(settings.spool().folder());
    Spool.Backlog backlog = Spool.backlog(spoolFolder, store.spoolData());
    print(Engine.JSON.createObjectNode().put("kind", "spool")
        .put("folder", spoolFolder.toString())
        .put("files", backlog.files())
        .put("unread_bytes", backlog.unreadBytes())
        .put("oldest_file", backlog.oldest() == null ? null : TimeArguments.iso(backlog.oldest(), zone)));

    Map<String, Map<Instant, RunRecord>> ledger =
        new RunLedger(installation.indexDir(), Errors::warn).latestByRule();
    for (Rule rule : enabled) {
      Instant next = CronSchedule.parse(rule.deployment().cron()).nextFireAfter(now, zone);
      RunRecord last = ledger.getOrDefault(rule.stem(), Map.of()).values().stream()
          .reduce((a, b) -> b).orElse(null);
      failed |= last != null && last.state() == RunRecord.State.FAILED;
      print(Engine.JSON.createObjectNode().put("kind", "rule").put("rule", rule.stem())
          .put("cron", rule.deployment().cron())
          .put("last_scheduled", last == null ? null : TimeArguments.iso(last.scheduled(), zone))
          .put("last_state", last == null ? null : last.state().label())
          .put("next_run", TimeArguments.iso(next, zone)));
    }
    System.out.flush();
    System.err.println("index " + installation.indexDir() + ": " + store.events() + " events"
        + store.cluster().map(c -> " in " + store.name() + " on a " + c.status() + " cluster of " + c.nodes()
            + (c.nodes() == 1 ? " node" : " nodes")).orElse("")
        + ", last commit " + (store.lastCommit() == null ? "unknown" : TimeArguments.iso(store.lastCommit(), zone))
        + "; scheduler " + (scheduler.isPresent() ? "running (pid " + scheduler.getAsLong() + ")" : "not running"));
    boolean red = store.cluster().map(c -> c.status().equals("red")).orElse(false);
    if (red) {
      System.err.println("the cluster is red: some of its shards have no copy, and runs fail until they do");
    }
    failed |= red;
    System.err.println("spool: " + (backlog.files() == 0 ? "empty" : backlog.files() + " files waiting, "
        + backlog.unreadBytes() + " bytes not yet read"));
    System.err.println(enabled.size() + (enabled.size() == 1 ? " rule enabled" : " rules enabled")
        + (failed ? "; one or more last runs failed (vigil runs)" : ""));
    catalog.problems().forEach(problem -> System.err.println("cannot load " + problem));
    return failed || !catalog.problems().isEmpty() ? ExitCodes.FINDINGS : ExitCodes.OK;
  }

  /**
   * What the events' store says: its events, its last commit (on a cluster, the last index time), how far it is
   * indexed, the spool's progress, and the cluster's health where there is one.
   */
  private record StoreState(String name, long events, Instant lastCommit, long through, Map<String, String> spoolData,
                            java.util.Optional<OpenSearchCluster.Health> cluster) {}

  private StoreState luceneState() throws java.io.IOException {
    try (EventIndex index = EventIndex.openExisting(installation.indexDir())) {
      EventIndex.LastCommit commit = index.lastCommit();
      return new StoreState("events", commit.events(), commit.at(), index.indexedThrough(), commit.data(),
          java.util.Optional.empty());
    }
  }

  private StoreState clusterState() throws java.io.IOException {
    Path indexDir = installation.existingIndexDir();
    OpenSearchEvents events = EventStore.openSearchEvents(installation);
    try (OpenSearchCluster cluster = events.cluster()) {
      long through = events.indexedThrough();
      return new StoreState(events.index(), events.count(), through == IndexTimes.NONE ? null
          : Instant.ofEpochMilli(through), through, OpenSearchSink.commitData(indexDir.resolve(
              StartCommand.SPOOL_PROGRESS)), java.util.Optional.of(cluster.health()));
    }
  }

  private static void print(ObjectNode line) throws Exception {
    System.out.println(Engine.JSON.writeValueAsString(line));
  }
}
