package dev.vigil.bench;

import dev.vigil.generate.EventGenerator;
import dev.vigil.generate.GroundTruth;
import dev.vigil.generate.OutputFormat;
import dev.vigil.ingest.CimFields;
import dev.vigil.ingest.ParallelEventReader;
import dev.vigil.ingest.ReadSummary;
import dev.vigil.lookup.LookupTables;
import dev.vigil.query.Row;
import dev.vigil.query.SearchExecutor;
import dev.vigil.schedule.Home;
import dev.vigil.schedule.Rule;
import dev.vigil.schedule.RuleCatalog;
import dev.vigil.schedule.Settings;
import dev.vigil.spl.Command;
import dev.vigil.time.Window;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * The Vigil half of the benchmark, in one run over the same generated data: ingest of CIM NDJSON and Sysmon XML,
 * the index's bytes per event by part, heap peaks, the seed rule's warm window latencies and the cost of one
 * scheduled hour of every shipped rule. It also keeps the seed rule's groups per window, for a second engine
 * to be checked against.
 */
public final class VigilBench {
  public static final String SEED_RULE = "windows_iis_components_add_new_module";
  /** The seed window is short enough to repeat many times: a daemon runs it warm for months. */
  private static final int REPETITIONS = 31;
  private static final int RULE_REPETITIONS = 3;

  /** What to measure, and where to put the generated files and indexes. */
  /**
   * @param scaling only what the scaling table needs: the CIM file ingested once, on {@code threads}, and the
   *                queries; no Sysmon file, no one-thread ingest
   */
  public record Options(long events, int hours, long seed, int threads, Path work, boolean scaling) {
    public Options {
      if (threads < 1) {
        throw new IllegalArgumentException("--threads must be at least 1, got " + threads);
      }
      // Checked before hours of work, not after the generator has written gigabytes.
      new EventGenerator.Options(events, hours, seed, EventGenerator.DEFAULT_END);
    }

    public Options in(Path folder) {
      return new Options(events, hours, seed, threads, folder, scaling);
    }
  }

  /**
   * The figures, and what a second engine needs to be compared with Vigil: the CIM file, the seed rule's windows
   * and its groups in each (the by-field values and the count, in the order of {@link #seedGroupFields}).
   */
  public record Report(List<Figure> figures, GroundTruth truth, Path cimFile, long cimEvents, List<Window> seedWindows,
                       List<String> seedGroupFields, List<Set<List<String>>> seedGroups, double seedWindowMillis,
                       double cimIngestEventsPerSecond) {}

  private final Home home;
  private final Clock clock;
  private final Consumer<String> progress;
  private final HeapPeak heap = new HeapPeak();
  private final List<Figure> figures = new ArrayList<>();

  /** @param progress where to say what is happening; figures are returned, not printed */
  public VigilBench(Home home, Clock clock, Consumer<String> progress) {
    this.home = home;
    this.clock = clock;
    this.progress = progress;
  }

  /** Measures with the events in Lucene indexes of the work folder. */
  public Report run(Options options) throws Exception {
    return run(options, new LuceneBenchStore(options.work(), clock));
  }

  /** Measures with the events in {@code store}, which it closes. */
  public Report run(Options options, BenchStore store) throws Exception {
    try (store) {
      return measure(options, store);
    }
  }

  private Report measure(Options options, BenchStore store) throws Exception {
    Files.createDirectories(options.work());
    EventGenerator.Options generate = new EventGenerator.Options(options.events(), options.hours(), options.seed(),
        EventGenerator.DEFAULT_END);
    Path cim = options.work().resolve("events.ndjson");
    Path sysmon = options.work().resolve("events.xml.log");
    GroundTruth truth = generate(generate, OutputFormat.CIM, cim);
    double cimRate = ingestBothWays("cim", cim, store, options);
    store.footprint("cim", options.events(), Files.size(cim), figures);
    if (!options.scaling()) {
      generate(generate, OutputFormat.SYSMON, sysmon);
      ingestBothWays("sysmon", sysmon, store, options);
      store.footprint("sysmon", options.events(), Files.size(sysmon), figures);
    }

    Settings settings = Settings.load(home);
    RuleCatalog catalog = RuleCatalog.load(home);
    ExecutorService pool = options.threads() > 1 ? Executors.newFixedThreadPool(options.threads()) : null;
    try (BenchStore.Searcher searcher = store.searcher("cim", pool)) {
      SearchExecutor executor = new SearchExecutor(searcher.tstats(), settings.zone(),
          LookupTables.load(home.lookups()));
      Rule seed = catalog.find(SEED_RULE).orElseThrow(() -> new IllegalStateException("the seed rule is not shipped"));
      List<Instant> hours = new ArrayList<>();
      for (int k = 1; k <= options.hours(); k++) {
        hours.add(generate.start().plus(Duration.ofHours(k)));
      }
      heap.reset();
      SeedResult seedResult = seedRule(seed, executor, hours, settings.zone(), options.threads(), truth);
      // Risk incident rules read risk events, which a benchmark of the event index does not write.
      everyRule(catalog.rules().stream().filter(rule -> !rule.detection().isRiskIncidentRule()).toList(), executor, hours.get(hours.size() / 2), settings.zone(), options.threads());
      figures.add(new Figure("heap", "queries", "peak", mib(heap.peakBytes()), "MiB", options.threads()));
      return new Report(List.copyOf(figures), truth, cim, options.events(), seedResult.windows(), seedResult.fields(),
          seedResult.groups(), seedResult.windowMillis(), cimRate);
    } finally {
      if (pool != null) {
        pool.shutdown();
      }
    }
  }

  private GroundTruth generate(EventGenerator.Options options, OutputFormat format, Path file) throws IOException {
    progress.accept("generating " + options.events() + " " + format.name().toLowerCase() + " events into " + file);
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
      return EventGenerator.generate(options, format, out);
    }
  }

  /**
   * Ingests on one thread, then (when more are asked for) on {@code threads} into the index the queries use;
   * events per second of the last.
   */
  private double ingestBothWays(String format, Path file, BenchStore store, Options options) throws IOException {
    if (options.threads() > 1 && !options.scaling()) {
      ingest(format, file, store, options.events(), 1);
    }
    return ingest(format, file, store, options.events(), options.threads());
  }

  /** Ingests as {@code vigil ingest --threads T} does; events per second. */
  private double ingest(String format, Path file, BenchStore store, long expected, int threads) throws IOException {
    progress.accept("ingesting " + file + " on " + threads + " thread(s)");
    heap.reset();
    long started = System.nanoTime();
    ReadSummary summary;
    try (BenchStore.Writer writer = store.writer(format);
         ParallelEventReader reader = new ParallelEventReader(threads, clock)) {
      summary = reader.read(file, writer::add, problem -> {
        throw new IllegalStateException("the generator wrote a line ingest refuses: " + problem);
      }, (bytes, events) -> {});
      writer.commit();
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    if (summary.events() != expected) {
      throw new IllegalStateException("ingest read " + summary.events() + " events of " + expected + " in " + file);
    }
    double rate = expected / seconds;
    figures.add(new Figure("ingest", format, "events_per_s", rate, "ev/s", threads));
    figures.add(new Figure("ingest", format, "mb_per_s", Files.size(file) / 1e6 / seconds, "MB/s", threads));
    figures.add(new Figure("heap", "ingest " + format, "peak", mib(heap.peakBytes()), "MiB", threads));
    return rate;
  }

  private record SeedResult(List<Window> windows, List<String> fields, List<Set<List<String>>> groups,
                            double windowMillis) {}

  /**
   * The seed rule's run at every scheduled hour of the data; then the median of one window (the middle hour's)
   * and of all of them in a row. The rows over all windows must be those planted: else the figures measure a
   * search that finds the wrong thing.
   */
  private SeedResult seedRule(Rule seed, SearchExecutor executor, List<Instant> hours, ZoneId zone, int threads,
                              GroundTruth truth) throws Exception {
    progress.accept("timing " + seed.stem() + " over " + hours.size() + " scheduled hours");
    Rule.PreparedSearch prepared = seed.prepare(executor);
    List<String> fields = groupFields(prepared);
    List<Window> windows = new ArrayList<>();
    List<Set<List<String>>> groups = new ArrayList<>();
    int rows = 0;
    for (Instant hour : hours) {
      Window window = windowOf(seed, hour, zone);
      List<Row> found = run(seed, executor, window, hour);
      windows.add(window);
      groups.add(groupsOf(found, fields));
      rows += found.size();
    }
    int expected = truth.of(seed.stem()).expectedRows();
    if (rows != expected) {
      throw new IllegalStateException(seed.stem() + " found " + rows + " rows over the scheduled hours; "
          + expected + " were planted");
    }
    Instant middle = hours.get(hours.size() / 2);
    Window window = windowOf(seed, middle, zone);
    // All windows first: their runs warm the JIT for the one-window figure, as months of scheduled runs would.
    double all = Medians.millis(REPETITIONS, () -> {
      for (Instant hour : hours) {
        run(seed, executor, windowOf(seed, hour, zone), hour);
      }
    });
    double one = Medians.millis(REPETITIONS, () -> run(seed, executor, window, middle));
    figures.add(new Figure("query", seed.stem(), "one window median", one, "ms", threads));
    figures.add(new Figure("query", seed.stem(), hours.size() + " windows median", all, "ms", threads));
    return new SeedResult(windows, fields, groups, one);
  }

  /** One scheduled hour of every shipped rule over the events: each rule's median window latency, and their sum. */
  private void everyRule(List<Rule> rules, SearchExecutor executor, Instant hour, ZoneId zone, int threads)
      throws Exception {
    progress.accept("timing one scheduled hour (" + hour + ") of " + rules.size() + " rules");
    double sum = 0;
    for (Rule rule : rules) {
      Window window = windowOf(rule, hour, zone);
      double millis = Medians.millis(RULE_REPETITIONS, () -> run(rule, executor, window, hour));
      figures.add(new Figure("rules", rule.stem(), "window median", millis, "ms", threads));
      sum += millis;
    }
    figures.add(new Figure("rules", "all " + rules.size() + " rules", "one scheduled hour", sum, "ms", threads));
  }

  /** What a scheduled run does, less the risk events: expand and parse the rule, then search its window. */
  private static List<Row> run(Rule rule, SearchExecutor executor, Window window, Instant scheduled) throws IOException {
    Rule.PreparedSearch search = rule.prepare(executor);
    return executor.execute(search.pipeline(), window, scheduled, search.expandedSpl());
  }

  private static Window windowOf(Rule rule, Instant scheduled, ZoneId zone) {
    return Window.resolve(rule.deployment().earliest(), rule.deployment().latest(), scheduled, zone);
  }

  /** The tstats by-fields, as the rows name them after {@code drop_dm_object_name}. */
  private static List<String> groupFields(Rule.PreparedSearch search) {
    if (!(search.pipeline().first() instanceof Command.Tstats tstats)) {
      throw new IllegalStateException("the seed rule is no longer a tstats search");
    }
    return tstats.groupBy().stream()
        .map(f -> f.startsWith(CimFields.DATASET_PREFIX) ? f.substring(CimFields.DATASET_PREFIX.length()) : f)
        .toList();
  }

  private static Set<List<String>> groupsOf(List<Row> rows, List<String> fields) {
    Set<List<String>> groups = new HashSet<>();
    for (Row row : rows) {
      List<String> key = new ArrayList<>();
      fields.forEach(field -> key.add(row.first(field)));
      key.add(row.first("count"));
      groups.add(List.copyOf(key));
    }
    return groups;
  }

  private static double mib(long bytes) {
    return bytes / (1024.0 * 1024.0);
  }
}
