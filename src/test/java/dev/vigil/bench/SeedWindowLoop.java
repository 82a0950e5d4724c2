package dev.vigil.bench;

import dev.vigil.lookup.LookupTables;
import dev.vigil.lucene.LuceneTstats;
import dev.vigil.query.SearchExecutor;
import dev.vigil.schedule.Home;
import dev.vigil.schedule.Rule;
import dev.vigil.schedule.RuleCatalog;
import dev.vigil.schedule.Settings;
import dev.vigil.store.EventIndex;
import dev.vigil.store.MissingIndexException;
import dev.vigil.time.Window;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherFactory;

/**
 * One rule's window (or every rule's: {@code all}) run over and over on an existing index, as the benchmark's
 * query pass runs it (prepare the search, run it), for figures at index sizes the whole benchmark cannot reach
 * in one run and for profiling: {@code java -cp "target/vigil.jar:target/lib/*:target/test-classes"
 * [-Dvigil.searchThreads=2] dev.vigil.bench.SeedWindowLoop INDEX [RULE|all] [SCHEDULED_TIME] [RUNS]}. Prints,
 * per rule, the median, 10th and 90th percentile of the second half of the runs (the first half warms the JIT),
 * and for {@code all} the sum of the medians.
 */
public final class SeedWindowLoop {
  private SeedWindowLoop() {}

  public static void main(String[] args) throws Exception {
    Path indexDir = Path.of(args[0]);
    String ruleName = args.length > 1 ? args[1] : VigilBench.SEED_RULE;
    Instant scheduled = Instant.parse(args.length > 2 ? args[2] : "2024-05-15T13:00:00Z");
    int runs = args.length > 3 ? Integer.parseInt(args[3]) : 5_000;
    int searchThreads = Integer.getInteger("vigil.searchThreads", 1);
    Home home = new Home(Path.of(System.getProperty("vigil.home", ".")));
    Settings settings = Settings.load(home);
    RuleCatalog catalog = RuleCatalog.load(home);
    List<Rule> rules = ruleName.equals("all") ? catalog.rules() : List.of(catalog.find(ruleName)
        .orElseThrow(() -> new IllegalArgumentException("no rule " + ruleName)));
    ExecutorService pool = searchThreads > 1 ? Executors.newFixedThreadPool(searchThreads) : null;
    SearcherFactory searchers = pool == null ? null : new SearcherFactory() {
      @Override
      public IndexSearcher newSearcher(IndexReader reader, IndexReader previous) {
        return new IndexSearcher(reader, pool);
      }
    };
    if (!EventIndex.exists(indexDir)) {
      throw new MissingIndexException(indexDir);
    }
    try (EventIndex index = EventIndex.open(indexDir, searchers)) {
      SearchExecutor executor = new SearchExecutor(new LuceneTstats(index), settings.zone(),
          LookupTables.load(home.lookups()));
      double sum = 0;
      for (Rule rule : rules) {
        Window window = Window.resolve(rule.deployment().earliest(), rule.deployment().latest(), scheduled,
            settings.zone());
        double[] millis = new double[runs];
        int rows = 0;
        for (int i = 0; i < runs; i++) {
          long started = System.nanoTime();
          Rule.PreparedSearch search = rule.prepare(executor);
          rows = executor.execute(search.pipeline(), window, scheduled, search.expandedSpl()).size();
          millis[i] = (System.nanoTime() - started) / 1e6;
        }
        double[] warm = Arrays.copyOfRange(millis, runs / 2, runs);
        Arrays.sort(warm);
        sum += warm[warm.length / 2];
        System.out.printf(Locale.ROOT, "%s at %s: %d rows, median %.3f ms, p10 %.3f ms, p90 %.3f ms over %d warm runs%n",
            rule.stem(), scheduled, rows, warm[warm.length / 2], warm[warm.length / 10], warm[warm.length * 9 / 10],
            warm.length);
      }
      if (rules.size() > 1) {
        System.out.printf(Locale.ROOT, "all %d rules: %.1f ms%n", rules.size(), sum);
      }
    } finally {
      if (pool != null) {
        pool.shutdown();
      }
    }
  }
}
