package dev.vigil.lucene;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.ingest.ProcessEvent;
import dev.vigil.query.Row;
import dev.vigil.query.SearchExecutor;
import dev.vigil.spl.Pipeline;
import dev.vigil.spl.SplParser;
import dev.vigil.store.EventIndex;
import dev.vigil.store.EventWriter;
import dev.vigil.time.Window;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * tstats searched slice by slice on an executor (one collector per slice, merged) gives exactly the rows of
 * the sequential search, for every aggregation (SEMANTICS §4.2).
 */
class ParallelSlicesTest {
  private static final String SPL = "| tstats count count(Processes.process_id) as with_pid min(_time) as firstTime"
      + " max(_time) as lastTime values(Processes.user) as users dc(Processes.process) as commands"
      + " min(Processes.process_id) as low_pid max(Processes.process) as last_cmd sum(Processes.process_id) as pid_sum"
      + " avg(Processes.process_id) as pid_avg earliest(Processes.user) as first_user latest(Processes.user) as last_user"
      + " values(_time) as times from datamodel=Endpoint.Processes where Processes.process_name=*.exe"
      + " by Processes.dest Processes.process_name";

  @TempDir
  Path temp;

  @Test
  void slicesSearchedInParallelGiveTheRowsOfOneSequentialSearch() throws Exception {
    long seed = Long.getLong("vigil.seed", System.nanoTime());
    Random random = new Random(seed);
    Path indexDir = temp.resolve("index");
    for (int segment = 0; segment < 6; segment++) {
      try (EventWriter writer = EventWriter.open(indexDir, Clock.systemUTC())) {
        for (int i = 0; i < 200; i++) {
          long time = Instant.parse("2024-05-15T10:00:00Z").toEpochMilli() + random.nextInt(3_600_000);
          String pid = random.nextInt(5) == 0 ? null : Integer.toString(random.nextInt(9000));
          Map<String, String> fields = new java.util.HashMap<>(Map.of(
              "dest", "host" + random.nextInt(4), "user", "user" + random.nextInt(6),
              "process_name", random.nextBoolean() ? "cmd.exe" : "powershell.exe",
              "process", "cmd /c job" + random.nextInt(50)));
          if (pid != null) {
            fields.put("process_id", pid);
          }
          writer.add(new ProcessEvent(time, "test", "vigil:cim", segment + ":" + i + ":" + random.nextLong(), fields));
        }
        writer.commit();
      }
    }
    Pipeline pipeline = SplParser.parse(SPL);
    Window window = new Window(Instant.EPOCH, Instant.parse("2030-01-01T00:00:00Z"));
    List<Row> sequential;
    try (EventIndex index = EventIndex.open(indexDir)) {
      sequential = new SearchExecutor(new LuceneTstats(index), ZoneOffset.UTC).execute(pipeline, window, window.latest(), SPL);
    }
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try (EventIndex index = EventIndex.open(indexDir, new SearcherFactory() {
      @Override
      public IndexSearcher newSearcher(IndexReader reader, IndexReader previous) {
        return new IndexSearcher(reader, pool) {
          @Override
          protected LeafSlice[] slices(List<LeafReaderContext> leaves) {
            return leaves.stream().map(leaf -> new LeafSlice(new java.util.ArrayList<>(List.of(leaf)))).toArray(LeafSlice[]::new);
          }
        };
      }
    })) {
      List<Row> parallel = new SearchExecutor(new LuceneTstats(index), ZoneOffset.UTC).execute(pipeline, window, window.latest(), SPL);
      assertTrue(sequential.size() >= 8, "enough groups to merge: " + sequential.size());
      assertEquals(sequential, parallel, "seed " + seed);
    } finally {
      pool.shutdown();
    }
  }
}
