package dev.vigil.cli;

import dev.vigil.report.Period;
import dev.vigil.ingest.EventReader;
import dev.vigil.ingest.ProcessEvent;
import dev.vigil.schedule.Daemon;
import dev.vigil.schedule.Home;
import dev.vigil.schedule.Rule;
import dev.vigil.schedule.RuleAdministration;
import dev.vigil.schedule.RunRecord;
import dev.vigil.opensearch.OpenSearchCluster;
import dev.vigil.time.CronSchedule;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "demo", mixinStandardHelpOptions = true,
    header = "Shows the whole pipeline on bundled events.",
    description = {
        "Shows the whole pipeline on bundled events, with the production code: Sysmon, Security 4688 and "
            + "CrowdStrike events of the Atomic Red Team test for T1505.004 (appcmd.exe installs an IIS "
            + "module) plus benign noise, moved into the last three hours, are ingested into demo/index; the "
            + "seed rule 'Windows IIS Components Add New Module' is enabled in a demo copy of the "
            + "configuration as if two and a half hours ago; the real scheduler catches up the hourly runs it "
            + "missed since. Prints the runs on stderr and the risk events as NDJSON on stdout. Everything "
            + "lives in demo/, which each run replaces.",
        "With --backend opensearch --url URL, the events, risk events and notables go to the OpenSearch cluster "
            + "at URL instead, in the indices vigil-demo-events, vigil-demo-risk and vigil-demo-notables, "
            + "which each run replaces too; the configuration is in demo/config/local/vigil.yml."})
final class DemoCommand implements Callable<Integer> {
  static final String SEED_RULE = "windows_iis_components_add_new_module";
  private static final List<String> SAMPLES = List.of(
      "sysmon_eventid_1.xml.log", "security_4688.xml.log", "crowdstrike_processrollup2.json");
  private static final Duration LAST_EVENT_BEFORE_RUN = Duration.ofMinutes(25);
  private static final Duration ENABLED_BEFORE_RUN = Duration.ofMinutes(150);
  private static final Duration WAIT_FOR_RUNS = Duration.ofMinutes(2);

  @Mixin
  Installation installation;

  @Mixin
  BackendOptions store;

  @Override
  public Integer call() throws Exception {
    Home shipped = installation.home();
    Path demoRoot = shipped.root().resolve("demo");
    Optional<List<String>> openSearch = store.openSearchUrls();
    prepare(shipped, demoRoot);
    if (openSearch.isPresent()) {
      useCluster(demoRoot, openSearch.get());
    }
    Installation demo = new Installation();
    demo.home = demoRoot;
    demo.index = installation.indexOption() != null ? installation.indexOption() : demoRoot.resolve("index");

    Rule seed = demo.rule(SEED_RULE);
    Instant now = demo.clock.instant();
    Instant latestRun = CronSchedule.parse(seed.deployment().cron())
        .latestFireAtOrBefore(now, Duration.ofDays(1), demo.settings().zone()).orElseThrow();

    ingestSamples(demo, latestRun.minus(LAST_EVENT_BEFORE_RUN));
    Instant enabledAt = latestRun.minus(ENABLED_BEFORE_RUN);
    new RuleAdministration(demo.home(), Clock.fixed(enabledAt, java.time.ZoneOffset.UTC), "vigil-demo")
        .setEnabled(seed, true, Optional.empty());
    System.err.println("demo: enabled " + SEED_RULE + " as of " + enabledAt + "; starting the scheduler to catch up");

    List<RunRecord> runs;
    try (Engine engine = Engine.open(demo);
         Daemon daemon = new Daemon(demo::catalog, engine.runner, demo.settings(), demo.clock, m -> System.err.println("scheduler: " + m))) {
      daemon.start();
      int expected = CronSchedule.parse(seed.deployment().cron())
          .fireTimesBetween(enabledAt, now.plusMillis(1), demo.settings().zone()).size();
      runs = awaitRuns(engine, expected, demo.clock);
    }
    System.err.println("demo: runs of " + SEED_RULE + " (ledger " + demo.indexDir().resolve("ledger/runs.ndjson") + "):");
    for (RunRecord run : runs) {
      System.err.printf("  scheduled %s  window [%s, %s)  %-9s %d rows, %d risk events%n", run.scheduled(),
          run.earliest(), run.latest(), run.state().label(), run.rows(), run.riskEvents());
    }
    Path report = ReportCommand.write(demo, new Period(now.minus(Duration.ofDays(1)), now.plusSeconds(1)),
        demoRoot.resolve("report")).index();
    System.err.println("demo: the report of the last day: " + report + "; the events: vigil search --home "
        + demoRoot + " --index " + demo.indexDir() + " 'appcmd module | table _time dest user process'");
    Path riskFile = demo.indexDir().resolve(demo.settings().riskFile());
    System.err.println("demo: risk events (" + riskFile + "):");
    if (Files.exists(riskFile)) {
      Files.readAllLines(riskFile, StandardCharsets.UTF_8).forEach(System.out::println);
    }
    boolean allOk = runs.stream().allMatch(r -> r.state().searched());
    return allOk && !runs.isEmpty() ? ExitCodes.OK : ExitCodes.FINDINGS;
  }

  /** A fresh demo folder holding a copy of the shipped content and configuration, without local changes. */
  private static void prepare(Home shipped, Path demoRoot) throws IOException {
    Folders.delete(demoRoot);
    Folders.copy(shipped.root().resolve("schedules"), demoRoot.resolve("schedules"));
    Folders.copy(shipped.config(), demoRoot.resolve("config"));
    Folders.delete(demoRoot.resolve("config").resolve("local"));
  }

  private static final String DEMO_PREFIX = "vigil-demo";

  /** The cluster at {@code urls} as the demo's store, in its local configuration, with its demo indices anew. */
  private static void useCluster(Path demoRoot, List<String> urls) throws IOException {
    Path local = demoRoot.resolve("config").resolve("local");
    Files.createDirectories(local);
    Files.writeString(local.resolve("vigil.yml"), "store:\n  backend: opensearch\n  opensearch:\n    urls: ["
        + String.join(", ", urls) + "]\n    index_prefix: " + DEMO_PREFIX + "\n", StandardCharsets.UTF_8);
    try (OpenSearchCluster cluster = OpenSearchCluster.of(urls)) {
      cluster.deleteIndices(List.of(DEMO_PREFIX + "-events", DEMO_PREFIX + "-risk", DEMO_PREFIX + "-notables"));
    }
  }

  /** Ingests the bundled samples, moved so that the newest event lies at {@code lastEvent}. */
  private static void ingestSamples(Installation demo, Instant lastEvent) throws IOException, InterruptedException {
    EventReader reader = new EventReader(demo.clock);
    List<List<ProcessEvent>> samples = new ArrayList<>();
    long newest = Long.MIN_VALUE;
    for (String sample : SAMPLES) {
      List<ProcessEvent> events = new ArrayList<>();
      try (InputStream in = resource(sample)) {
        reader.read(in, sample, events::add, p -> { throw new IllegalStateException("bundled " + p); });
      }
      samples.add(events);
      for (ProcessEvent e : events) {
        newest = Math.max(newest, e.timeMillis());
      }
    }
    Duration shift = Duration.ofMillis(lastEvent.toEpochMilli() - newest);
    try (IngestDestination store = IngestDestination.open(demo, Duration.ZERO)) {
      for (int i = 0; i < SAMPLES.size(); i++) {
        samples.get(i).forEach(e -> store.add(e.shiftedBy(shift)));
        System.err.println("demo: ingested " + store.commit() + " events from " + SAMPLES.get(i));
      }
    }
  }

  private static List<RunRecord> awaitRuns(Engine engine, int expected, Clock clock) throws IOException, InterruptedException {
    Instant deadline = clock.instant().plus(WAIT_FOR_RUNS);
    while (true) {
      List<RunRecord> finished = engine.runner.ledger().latestByScheduledTime(SEED_RULE).values().stream()
          .filter(r -> r.state().finished()).toList();
      if (finished.size() >= expected || clock.instant().isAfter(deadline)) {
        return finished;
      }
      Thread.sleep(200);
    }
  }

  private static InputStream resource(String name) throws IOException {
    InputStream in = DemoCommand.class.getResourceAsStream("demo/" + name);
    if (in == null) {
      throw new IOException("bundled sample demo/" + name + " is missing from the jar");
    }
    return in;
  }
}
