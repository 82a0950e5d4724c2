package dev.vigil.opensearch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.opensearch.common.settings.Settings;
import org.opensearch.http.HttpServerTransport;
import org.opensearch.node.InternalSettingsPreparer;
import org.opensearch.node.Node;
import org.opensearch.transport.Netty4Plugin;

/**
 * One OpenSearch 2.19 node per test JVM, started in-process on loopback with ports the system picks, shared by
 * every test class that registers this extension and stopped when the JVM's tests end.
 *
 * <p>With {@code -Dvigil.opensearch.url=URL[,URL…]} the same tests run against that cluster instead (as
 * {@code scripts/opensearch-suite} runs them against the 2-node cluster), their indices made with
 * {@code -Dvigil.opensearch.shards} and {@code .replicas} (default 1 and 0) under names of this run, and deleted
 * at the end.
 */
public final class EmbeddedOpenSearch implements BeforeAllCallback {
  private static final AtomicInteger INDEXES = new AtomicInteger();
  private static final String EXTERNAL = System.getProperty("vigil.opensearch.url", "");
  /** Names this run's indices on a cluster that outlives it. */
  private static final String RUN = EXTERNAL.isEmpty() ? "" : "t" + Long.toString(System.nanoTime(), 36) + "-";

  /** The node (none for an external cluster) and its client, closed together when the root context closes. */
  private record Running(Node node, OpenSearchCluster cluster, Path home, String url)
      implements ExtensionContext.Store.CloseableResource {
    @Override
    public void close() throws IOException {
      if (node == null) {
        cluster.deleteIndices(List.of("*" + RUN + "*"));
        cluster.close();
        return;
      }
      cluster.close();
      node.close();
      try (Stream<Path> files = Files.walk(home)) {
        for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(file);
        }
      }
    }
  }

  /** A node whose plugins come from the class path, as the server's own test framework starts one. */
  private static final class ClasspathNode extends Node {
    ClasspathNode(Settings settings) {
      super(InternalSettingsPreparer.prepareEnvironment(settings, Map.of(), null, () -> "vigil-test"),
          List.of(Netty4Plugin.class), true);
    }
  }

  private static volatile Running running;

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    synchronized (EmbeddedOpenSearch.class) {
      if (running == null) {
        running = start();
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).put(EmbeddedOpenSearch.class, running);
      }
    }
  }

  private static Running start() throws Exception {
    if (!EXTERNAL.isEmpty()) {
      List<String> urls = List.of(EXTERNAL.split(","));
      return new Running(null, OpenSearchCluster.of(urls), null, urls.get(0));
    }
    Path home = Files.createTempDirectory("vigil-opensearch-");
    Settings settings = Settings.builder()
        .put("path.home", home.toString())
        .put("cluster.name", "vigil-test").put("node.name", "vigil-test")
        .put("network.host", "127.0.0.1").put("http.port", "0").put("transport.port", "0")
        .put("discovery.type", "single-node")
        // A test machine's disk may be fuller than the default watermarks allow.
        .put("cluster.routing.allocation.disk.threshold_enabled", false)
        .put("http.type", "netty4").put("transport.type", "netty4")
        .build();
    Node node = new ClasspathNode(settings).start();
    int port = node.injector().getInstance(HttpServerTransport.class).boundAddress().publishAddress().getPort();
    OpenSearchCluster cluster = OpenSearchCluster.of(List.of("http://127.0.0.1:" + port));
    cluster.request("GET", "/_cluster/health?wait_for_status=green&timeout=30s", null);
    return new Running(node, cluster, home, "http://127.0.0.1:" + port);
  }

  public static OpenSearchCluster cluster() {
    return running.cluster();
  }

  /** The node's HTTP address, for a {@code config/vigil.yml}. */
  public static String url() {
    return running.url();
  }

  /** A name no other test's index has. */
  public static String newIndex(String prefix) {
    return prefix + "-" + RUN + INDEXES.incrementAndGet();
  }

  /** Primary shards of a test's index: 1 on the embedded node. */
  public static int shards() {
    return Integer.getInteger("vigil.opensearch.shards", 1);
  }

  /** Replicas of a test's index: none on the embedded node, which has nowhere to put them. */
  public static int replicas() {
    return Integer.getInteger("vigil.opensearch.replicas", 0);
  }
}
