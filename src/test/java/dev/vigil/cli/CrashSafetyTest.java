package dev.vigil.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.store.RiskIndex;
import dev.vigil.TestHomes;
import dev.vigil.lookup.LookupTables;
import dev.vigil.lucene.LuceneTstats;
import dev.vigil.query.SearchExecutor;
import dev.vigil.risk.RiskStore;
import dev.vigil.schedule.Home;
import dev.vigil.schedule.Rule;
import dev.vigil.schedule.RuleCatalog;
import dev.vigil.schedule.RuleRunner;
import dev.vigil.schedule.RunLedger;
import dev.vigil.schedule.RunRecord;
import dev.vigil.store.EventIndex;
import dev.vigil.time.CronSchedule;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash safety, proved by {@code kill -9} (issue 9): the real daemon runs in a child JVM and is killed at random
 * moments, again and again, and restarted. First while it ingests a spool of files (one still being written,
 * its chunks cut mid-line), some kills the moment a Lucene commit is under way; then while it catches up hundreds
 * of detection windows, some kills the moment the ledger or the risk file grows (between a write and its fsync);
 * in between, {@code vigil rules enable} is killed while it writes. Afterwards every input event is stored exactly once, every scheduled window
 * ran exactly once to completion, every risk event exists exactly once and equals what an uninterrupted run of
 * the same windows writes, and the ledger and risk files parse.
 *
 * <p>CI runs the short version (at least 20 kills). The long one: {@code mvn test -Dtest=CrashSafetyTest
 * -Dvigil.kills=100}. The seed is printed; {@code -Dvigil.seed=S} repeats a run's choices (not its timing).
 */
@Tag("crash")
@Timeout(value = 20, unit = TimeUnit.MINUTES)
class CrashSafetyTest {
  private static final int KILLS = Integer.getInteger("vigil.kills", 20);
  private static final int FILES = 8;
  private static final int EVENTS = 160_000;
  private static final int RULES = 8;
  private static final Duration STARTED_WITHIN = Duration.ofSeconds(60);
  /** Enough windows that the catch-up outlasts the kills: 144 a rule in 12 hours, 720 for the long version. */
  private static final String CRON = KILLS > 40 ? "* * * * *" : "*/5 * * * *";

  @TempDir
  Path temp;

  private final Map<String, Integer> killsByKind = new TreeMap<>();

  @Test
  void killedAtRandomMomentsItLosesAndDuplicatesNothing() throws Exception {
    long seed = Long.getLong("vigil.seed", System.nanoTime());
    Random random = new Random(seed);
    System.out.println("CrashSafetyTest seed: " + seed + " (rerun with -Dvigil.seed=" + seed + "), kills: " + KILLS);
    Path home = TestHomes.copyShipped(temp.resolve("home"));
    Files.createDirectories(home.resolve("config/local/rules"));
    Files.writeString(home.resolve("config/local/vigil.yml"), "spool:\n  every: 1s\n  settle: 1s\n");
    Path index = temp.resolve("index");
    assertEquals(0, Cli.vigil("ingest", "--home", home.toString(), "--index", index.toString(),
        "../shared/content/datasets/example_sysmon_eid1.xml").exit());
    long sampleEvents = storedEvents(index);

    // The events: the last 12 whole hours, cut into spool files; the last one grows while the daemon runs.
    Instant end = Instant.now().truncatedTo(ChronoUnit.HOURS);
    Path generated = temp.resolve("generated.ndjson");
    Path truth = temp.resolve("truth.json");
    assertEquals(0, Cli.vigil("generate", "--events", Integer.toString(EVENTS), "--hours", "12", "--seed",
        Long.toString(seed), "--end", end.toString(), "--out", generated.toString(), "--truth",
        truth.toString()).exit());
    List<String> lines = Files.readAllLines(generated);
    Path spool = index.resolve("spool");
    Files.createDirectories(spool.resolve("forwarder"));
    int perFile = lines.size() / FILES;
    for (int f = 0; f < FILES - 1; f++) {
      Files.write(spool.resolve("forwarder/part-" + f + ".ndjson"), lines.subList(f * perFile, (f + 1) * perFile));
    }
    byte[] growing = (String.join("\n", lines.subList((FILES - 1) * perFile, lines.size())) + "\n")
        .getBytes(StandardCharsets.UTF_8);
    Path growingFile = spool.resolve("growing.ndjson");

    // Phase 1: ingestion. Each start appends a chunk of the growing file, cut anywhere, then is killed.
    int ingestKills = Math.max(8, KILLS * 2 / 5);
    int written = 0;
    for (int kill = 0; kill < ingestKills; kill++) {
      int upTo = kill == ingestKills - 1 ? growing.length
          : Math.min(growing.length, written + random.nextInt(2 * growing.length / ingestKills + 1));
      append(growingFile, growing, written, upTo);
      written = upTo;
      if (kill % 3 == 2) {
        // Every third kill comes as Lucene writes a commit: told by the file system the moment its pending commit
        // file appears. A kill that lands after the commit finished is named after what the files show.
        try (WatchService commits = index.getFileSystem().newWatchService()) {
          index.resolve("events").register(commits, StandardWatchEventKinds.ENTRY_CREATE);
          killWhen(home, index, () -> pendingCommitCreated(commits), "commit",
              () -> spoolDone(spool) ? "idle" : pendingCommit(index) ? "commit" : "just after a commit");
        }
      } else {
        killAtRandom(home, index, random, 2500, () -> spoolDone(spool) ? "idle" : ingestKind(index));
      }
    }
    runUntil(home, index, () -> spoolDone(spool));

    // Phase 2: rules enabled, with 'vigil rules enable' killed while it works; the rest enabled 12 h ago.
    List<String> rules = plantedRules(truth);
    Instant enabledAt = end.minus(Duration.ofHours(12));
    for (String rule : rules.subList(1, rules.size())) {
      Files.writeString(home.resolve("config/local/rules/" + rule + ".yml"),
          "enabled: true\nenabled_at: " + enabledAt + "\ncron_schedule: '" + CRON + "'\n");
    }
    int enableKills = Math.max(2, KILLS / 10);
    for (int kill = 0; kill < enableKills; kill++) {
      Process enabling = vigil(home, index, "rules", "enable", rules.get(0));
      Thread.sleep(random.nextInt(1200));
      enabling.destroyForcibly();
      assertTrue(enabling.waitFor(30, TimeUnit.SECONDS));
      assertRuleFileWhole(home, rules.get(0));
      killed("rule enable");
    }
    assertEquals(0, Cli.vigil("rules", "enable", rules.get(0), "--home", home.toString()).exit());

    // Phase 3: catch-up of every 5-minute window of the last 12 hours, killed again and again.
    int runKills = Math.max(12, KILLS - ingestKills - enableKills);
    Home installation = new Home(home);
    Map<String, List<Instant>> due = new TreeMap<>();
    Path ledgerFile = index.resolve("ledger/runs.ndjson");
    Path riskFile = index.resolve("risk/risk-events.ndjson");
    for (int kill = 0; kill < runKills; kill++) {
      KindOfKill where = () -> allDueFinished(installation, index, rules.subList(1, rules.size()), enabledAt,
          new TreeMap<>()) ? "idle" : runKind(index);
      // Two kills in five come the moment the ledger or the risk file grows: between a write and its fsync.
      if (kill % 5 == 1) {
        long before = size(ledgerFile);
        killWhen(home, index, () -> size(ledgerFile) > before, "ledger append", where);
      } else if (kill % 5 == 3) {
        long before = size(riskFile);
        killWhen(home, index, () -> size(riskFile) > before, "risk write", where);
      } else {
        killAtRandom(home, index, random, 1500, where);
      }
    }
    runUntil(home, index, () -> allDueFinished(installation, index, rules.subList(1, rules.size()), enabledAt, due));

    System.out.println("CrashSafetyTest kill points: " + killsByKind + ", " + total() + " while at work");
    assertTrue(total() >= KILLS, killsByKind.toString());

    // Every input event stored exactly once (the index stores by id, so "once" is the count of distinct ones).
    assertEquals(sampleEvents + new HashSet<>(lines).size(), storedEvents(index));

    // Every scheduled window ran exactly once to completion; the ledger parses.
    List<String> warnings = new CopyOnWriteArrayList<>();
    RunLedger ledger = new RunLedger(index, warnings::add);
    Map<String, Map<Instant, Integer>> finished = new TreeMap<>();
    for (RunRecord record : ledger.records()) {
      if (record.state().finished() && record.state().scheduled()) {
        assertTrue(record.state().searched(), "no window failed or was skipped: " + record);
        finished.computeIfAbsent(record.rule(), r -> new TreeMap<>()).merge(record.scheduled(), 1, Integer::sum);
      }
    }
    for (String rule : rules.subList(1, rules.size())) {
      Map<Instant, Integer> runs = finished.getOrDefault(rule, Map.of());
      List<Instant> ran = List.copyOf(runs.keySet());
      assertTrue(ran.containsAll(due.get(rule)), rule + ": every window due when the daemon was stopped ran");
      // A window that came due while the daemon stopped may have run too; none may be missing from the one at
      // enabled_at (included, as catch-up includes it) up to the last.
      Instant last = ran.get(ran.size() - 1);
      assertEquals(CronSchedule.parse(RuleCatalog.load(installation).find(rule).orElseThrow().deployment().cron())
          .fireTimesBetween(enabledAt, last.plusMillis(1), ZoneOffset.UTC), ran,
          rule + ": every window, none else");
      runs.forEach((scheduled, count) -> assertEquals(1, count, rule + " " + scheduled + " finished once"));
    }

    // Every risk event exactly once, and the same as an uninterrupted run of those windows writes.
    List<String> riskIds = riskEventIds(riskFile);
    assertEquals(new HashSet<>(riskIds).size(), riskIds.size(), "no risk event twice");
    Path reference = temp.resolve("reference-risk.ndjson");
    writeReferenceRisk(installation, index, finished, reference);
    assertEquals(new HashSet<>(riskEventIds(reference)), new HashSet<>(riskIds));
    assertTrue(!riskIds.isEmpty(), "the planted incidents give risk events");
    try (RiskStore<RiskIndex> store = RiskStore.open(index, riskFile, warnings::add)) {
      assertEquals(riskIds.size(), store.index().count(), "the risk index holds each risk event of the file once");
    }
    for (String warning : warnings) {
      assertTrue(warning.contains("cut short by a crash"), "only torn last lines, dropped: " + warning);
    }
  }

  /** Starts the daemon, waits until it has started, lets it work up to {@code maxMillis}, and kills it. */
  private void killAtRandom(Path home, Path index, Random random, int maxMillis, KindOfKill kind) throws Exception {
    Daemon daemon = start(home, index);
    try {
      daemon.awaitLine("scheduler started", STARTED_WITHIN);
      Thread.sleep(random.nextInt(maxMillis));
    } finally {
      daemon.process.destroyForcibly();
      assertTrue(daemon.process.waitFor(30, TimeUnit.SECONDS), "killed");
    }
    killed(kind.afterKill());
  }

  /**
   * Starts the daemon and kills it the moment {@code trigger} holds, watched without pause; {@code kind} names the
   * kill point then. If it does not hold within 20 s (a cold JVM on a shared core reads a spool file slowly) the
   * daemon is killed anyway, the point named by {@code otherwise}.
   */
  private void killWhen(Path home, Path index, Check trigger, String kind, KindOfKill otherwise) throws Exception {
    Daemon daemon = start(home, index);
    boolean triggered = false;
    try {
      daemon.awaitLine("scheduler started", STARTED_WITHIN);
      long giveUp = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (!(triggered = trigger.holds()) && System.nanoTime() - giveUp < 0) {
        Thread.onSpinWait();
      }
    } finally {
      daemon.process.destroyForcibly();
      assertTrue(daemon.process.waitFor(30, TimeUnit.SECONDS), "killed");
    }
    killed(triggered ? kind : otherwise.afterKill());
  }

  /** Blocks a little while for the file system's news, so that the watch takes no core from the daemon. */
  private static boolean pendingCommitCreated(WatchService commits) throws InterruptedException {
    WatchKey key = commits.poll(20, TimeUnit.MILLISECONDS);
    if (key == null) {
      return false;
    }
    boolean pending = key.pollEvents().stream()
        .anyMatch(event -> event.context().toString().startsWith("pending_segments"));
    key.reset();
    return pending;
  }

  private static boolean pendingCommit(Path index) throws IOException {
    try (Stream<Path> files = Files.list(index.resolve("events"))) {
      return files.anyMatch(f -> f.getFileName().toString().startsWith("pending_segments"));
    }
  }

  private static long size(Path file) throws IOException {
    return Files.exists(file) ? Files.size(file) : 0;
  }

  /** Runs the daemon until {@code done} holds, then stops it with SIGTERM, as a service manager does. */
  private static void runUntil(Path home, Path index, Check done) throws Exception {
    Daemon daemon = start(home, index);
    try {
      daemon.awaitLine("scheduler started", STARTED_WITHIN);
      Instant giveUp = Instant.now().plus(Duration.ofMinutes(8));
      while (!done.holds()) {
        assertTrue(Instant.now().isBefore(giveUp), "the daemon finished its work: " + daemon.output);
        Thread.sleep(250);
      }
    } finally {
      new ProcessBuilder("kill", "-TERM", Long.toString(daemon.process.pid())).start().waitFor();
      assertTrue(daemon.process.waitFor(60, TimeUnit.SECONDS), "stopped");
    }
  }

  private interface Check {
    boolean holds() throws Exception;
  }

  private interface KindOfKill {
    String afterKill() throws IOException;
  }

  private void killed(String kind) {
    killsByKind.merge(kind, 1, Integer::sum);
  }

  /** Kills while there was work to interrupt; an idle one proves nothing. */
  private int total() {
    return killsByKind.entrySet().stream().filter(kind -> !kind.getKey().equals("idle"))
        .mapToInt(Map.Entry::getValue).sum();
  }

  /** A kill while Lucene was writing a commit leaves its pending commit file behind. */
  private static String ingestKind(Path index) throws IOException {
    return pendingCommit(index) ? "commit" : "ingest";
  }

  /** Where a detection run was: a torn line says which file it was writing; a last "running" line, mid-run. */
  private static String runKind(Path index) throws IOException {
    Path ledger = index.resolve("ledger/runs.ndjson");
    Path risk = index.resolve("risk/risk-events.ndjson");
    if (tornLastLine(ledger)) {
      return "ledger append";
    }
    if (tornLastLine(risk)) {
      return "risk write";
    }
    if (Files.exists(ledger)) {
      List<String> lines = Files.readAllLines(ledger);
      if (!lines.isEmpty() && lines.get(lines.size() - 1).contains("\"state\":\"running\"")) {
        return "detection run";
      }
    }
    return "between runs";
  }

  private static boolean tornLastLine(Path file) throws IOException {
    if (!Files.exists(file) || Files.size(file) == 0) {
      return false;
    }
    try (var channel = java.nio.channels.FileChannel.open(file, StandardOpenOption.READ)) {
      java.nio.ByteBuffer last = java.nio.ByteBuffer.allocate(1);
      channel.read(last, channel.size() - 1);
      return last.get(0) != '\n';
    }
  }

  private static void append(Path file, byte[] bytes, int from, int to) throws IOException {
    Files.write(file, java.util.Arrays.copyOfRange(bytes, from, to), StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
  }

  private static boolean spoolDone(Path spool) throws IOException {
    try (Stream<Path> files = Files.walk(spool)) {
      return files.filter(Files::isRegularFile).allMatch(f -> f.startsWith(spool.resolve("done")));
    }
  }

  /** A rule file after 'rules enable' was killed: absent, or whole and enabled. */
  private static void assertRuleFileWhole(Path home, String rule) throws IOException {
    Path file = home.resolve("config/local/rules/" + rule + ".yml");
    if (Files.exists(file)) {
      assertTrue(Files.readString(file).contains("enabled: true"), Files.readString(file));
    }
    RuleCatalog catalog = RuleCatalog.load(new Home(home));
    assertEquals(List.of(), catalog.problems(), "a killed enable leaves no broken file");
  }

  /** Whether every rule's windows from when it was enabled up to now have finished; fills {@code due}. */
  private static boolean allDueFinished(Home home, Path index, List<String> rules, Instant enabledAt,
                                        Map<String, List<Instant>> due) throws IOException {
    Map<String, Map<Instant, RunRecord>> ledger = new RunLedger(index, w -> { }).latestByRule();
    RuleCatalog catalog = RuleCatalog.load(home);
    Instant now = Instant.now();
    for (String stem : rules) {
      Rule rule = catalog.find(stem).orElseThrow();
      List<Instant> times = CronSchedule.parse(rule.deployment().cron())
          .fireTimesBetween(enabledAt.plusMillis(1), now, ZoneOffset.UTC);
      Map<Instant, RunRecord> runs = ledger.getOrDefault(stem, Map.of());
      if (!times.stream().allMatch(t -> runs.containsKey(t) && runs.get(t).state().finished())) {
        return false;
      }
      due.put(stem, List.copyOf(runs.keySet()));
    }
    return true;
  }

  /** The risk events an uninterrupted run of the same windows writes, into {@code file}. */
  private static void writeReferenceRisk(Home home, Path index, Map<String, Map<Instant, Integer>> windows,
                                         Path file) throws IOException {
    RuleCatalog catalog = RuleCatalog.load(home);
    try (EventIndex events = EventIndex.openExisting(index);
         RiskStore<RiskIndex> risk = RiskStore.open(file.getParent().resolve("reference"), file, w -> { })) {
      RuleRunner runner = new RuleRunner(new SearchExecutor(new LuceneTstats(events), ZoneOffset.UTC,
          LookupTables.load(List.of(home.lookups(), home.localLookups()))), events, risk,
          new RunLedger(file.getParent().resolve("reference"), w -> { }), ZoneOffset.UTC, Clock.systemUTC(),
          w -> { });
      for (Map.Entry<String, Map<Instant, Integer>> rule : windows.entrySet()) {
        Rule r = catalog.find(rule.getKey()).orElseThrow();
        for (Instant scheduled : rule.getValue().keySet()) {
          runner.run(r, runner.windowOf(r, scheduled), scheduled, true);
        }
      }
    }
  }

  private static List<String> riskEventIds(Path file) throws IOException {
    List<String> ids = new ArrayList<>();
    if (Files.exists(file)) {
      for (String line : Files.readAllLines(file)) {
        ids.add(Cli.JSON.readTree(line).get("risk_event_id").asText());
      }
    }
    return ids;
  }

  /** The planted rules that find something, those that write risk events first. */
  private static List<String> plantedRules(Path truth) throws IOException {
    List<String> rules = new ArrayList<>();
    for (JsonNode rule : Cli.JSON.readTree(truth.toFile()).get("rules")) {
      if (rule.get("expectedRows").asInt() > 0) {
        rules.add(rule.get("rule").asText());
      }
    }
    return rules.subList(0, Math.min(RULES, rules.size()));
  }

  private static long storedEvents(Path index) throws IOException {
    try (EventIndex events = EventIndex.openExisting(index)) {
      return events.lastCommit().events();
    }
  }

  private static Process vigil(Path home, Path index, String... args) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
        Vigil.class.getName()));
    command.addAll(List.of(args));
    command.addAll(List.of("--home", home.toString()));
    if (!args[0].equals("rules")) {
      command.addAll(List.of("--index", index.toString()));
    }
    return new ProcessBuilder(command).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.PIPE).start();
  }

  private static Daemon start(Path home, Path index) throws IOException {
    return new Daemon(vigil(home, index, "start"));
  }

  /** A daemon's process and what it prints, read on a thread of its own so that its pipe never fills. */
  private static final class Daemon {
    final Process process;
    final List<String> output = new CopyOnWriteArrayList<>();
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    Daemon(Process process) {
      this.process = process;
      Thread reader = new Thread(() -> {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
            StandardCharsets.UTF_8))) {
          for (String line; (line = in.readLine()) != null; ) {
            output.add(line);
            lines.add(line);
          }
        } catch (IOException e) {
          output.add("(output ended: " + e.getMessage() + ")"); // the pipe closes when the process is killed
        }
      }, "daemon-output");
      reader.setDaemon(true);
      reader.start();
    }

    void awaitLine(String text, Duration within) throws InterruptedException {
      long deadline = System.nanoTime() + within.toNanos();
      for (String line; (line = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) != null; ) {
        if (line.contains(text)) {
          return;
        }
      }
      throw new AssertionError("no line with '" + text + "' within " + within + ": " + output);
    }
  }
}
