package dev.vigil.bench;

import dev.vigil.ingest.ProcessEvent;
import dev.vigil.opensearch.OpenSearchBulk;
import dev.vigil.opensearch.OpenSearchCluster;
import dev.vigil.opensearch.OpenSearchEvents;
import dev.vigil.opensearch.OpenSearchTstats;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;

/**
 * The benchmark's events on an OpenSearch cluster, in the indices {@code vigil-bench-FORMAT-events}, which it
 * makes anew for each ingest and deletes when closed. The footprint is the cluster's own store size of the
 * primaries and of all copies.
 */
public final class OpenSearchBenchStore implements BenchStore {
  private static final String PREFIX = "vigil-bench-";

  private final OpenSearchCluster cluster;
  private final int shards;
  private final int replicas;
  private final Clock clock;
  private final List<String> made = new ArrayList<>();

  public OpenSearchBenchStore(List<String> urls, int shards, int replicas, Clock clock) {
    this.cluster = OpenSearchCluster.of(urls);
    this.shards = shards;
    this.replicas = replicas;
    this.clock = clock;
  }

  private static String index(String format) {
    return PREFIX + format + "-events";
  }

  @Override
  public Writer writer(String format) throws IOException {
    cluster.deleteIndices(List.of(index(format)));
    OpenSearchEvents events = new OpenSearchEvents(cluster, index(format), clock);
    events.create(shards, replicas);
    made.add(index(format));
    OpenSearchBulk bulk = new OpenSearchBulk(events);
    return new Writer() {
      @Override
      public void add(ProcessEvent event) {
        bulk.add(event);
      }

      @Override
      public void commit() throws IOException {
        bulk.commit();
      }

      @Override
      public void close() {}
    };
  }

  @Override
  public void footprint(String format, long events, long textBytes, List<Figure> figures) throws IOException {
    OpenSearchEvents index = new OpenSearchEvents(cluster, index(format));
    figures.add(new Figure("index", format, "primaries (" + shards + " shards)",
        (double) index.storeBytes(true) / events, "B/event", 1));
    figures.add(new Figure("index", format, "total with " + replicas + " replica(s)",
        (double) index.storeBytes(false) / events, "B/event", 1));
  }

  @Override
  public Searcher searcher(String format, ExecutorService pool) {
    return new Searcher(new OpenSearchTstats(cluster, index(format)), () -> { });
  }

  @Override
  public void close() throws IOException {
    try (OpenSearchCluster closing = cluster) {
      if (!made.isEmpty()) {
        cluster.deleteIndices(made);
      }
    }
  }
}
