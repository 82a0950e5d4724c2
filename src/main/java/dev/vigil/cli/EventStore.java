package dev.vigil.cli;

import dev.vigil.lucene.LuceneEvents;
import dev.vigil.lucene.LuceneRiskTstats;
import dev.vigil.lucene.LuceneTstats;
import dev.vigil.notable.NotableStore;
import dev.vigil.opensearch.OpenSearchCluster;
import dev.vigil.opensearch.OpenSearchEvents;
import dev.vigil.opensearch.OpenSearchFileIndex;
import dev.vigil.opensearch.OpenSearchRiskTstats;
import dev.vigil.opensearch.OpenSearchTstats;
import dev.vigil.query.EventSource;
import dev.vigil.query.TstatsBackend;
import dev.vigil.risk.RiskStore;
import dev.vigil.schedule.Settings;
import dev.vigil.store.EventIndex;
import dev.vigil.store.IndexTimes;
import dev.vigil.store.RiskIndex;
import java.io.Closeable;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * The events' store that {@code config/vigil.yml} names (docs/opensearch.md): the Lucene index in the index folder,
 * or an OpenSearch cluster. What runs above it (the pipeline after tstats, the scheduler, the ledger, risk events
 * and notables) does not know which.
 *
 * @param processes tstats over {@code Endpoint.Processes}
 * @param indexTimes when the events became searchable, for the ledger and late data
 * @param events    the events themselves, for {@code vigil search}
 * @param risk      opens the risk events, indexed as {@code Risk.All_Risk} in the same store
 * @param notables  opens the notables of an index folder, for writing, indexed in the same store where it has one
 */
record EventStore(TstatsBackend processes, IndexTimes indexTimes, EventSource events, RiskOpener risk,
                  NotablesOpener notables, Closeable resources) implements Closeable {

  /** Opens the notables of an index folder, to append to. */
  @FunctionalInterface
  interface NotablesOpener {
    NotableStore open(Path indexDir, Consumer<String> warnings) throws IOException;
  }

  /** Opens the risk events written to a risk events file, indexed in the events' store. */
  @FunctionalInterface
  interface RiskOpener {
    Risk open(Path file, Consumer<String> warnings) throws IOException;
  }

  /** The risk events, and tstats over them as {@code Risk.All_Risk}; closing closes the store. */
  record Risk(RiskStore<?> store, TstatsBackend allRisk) implements Closeable {
    @Override
    public void close() throws IOException {
      store.close();
    }
  }

  /** The risk events of the file {@code file}, in this store. */
  Risk openRisk(Path file, Consumer<String> warnings) throws IOException {
    return risk.open(file, warnings);
  }

  /** Opens the store; a Lucene index folder without an index is an error, as before. */
  static EventStore open(Installation installation) throws IOException {
    Settings settings = installation.settings();
    Path indexDir = installation.indexDir();
    if (settings.store().openSearch().isEmpty()) {
      EventIndex index = EventIndex.openExisting(indexDir);
      RiskOpener risk = (file, warnings) -> {
        RiskStore<RiskIndex> store = RiskStore.open(indexDir, file, warnings);
        return new Risk(store, new LuceneRiskTstats(store.index()));
      };
      return new EventStore(new LuceneTstats(index), index, new LuceneEvents(index), risk, NotableStore::open,
          index::close);
    }
    // The index folder still holds the ledger, the risk events and the notables.
    Files.createDirectories(indexDir);
    OpenSearchEvents events = openSearchEvents(installation);
    Settings.OpenSearchSettings cluster = settings.store().openSearch().orElseThrow();
    RiskOpener risk = (file, warnings) -> {
      OpenSearchFileIndex index = new OpenSearchFileIndex(events.cluster(), cluster.indexPrefix() + "-risk", file,
          "risk events file", RiskIndex.ID, warnings).open(cluster.shards(), cluster.replicas());
      return new Risk(RiskStore.open(file, index, warnings),
          new OpenSearchRiskTstats(events.cluster(), index.index(), RiskIndex.ID));
    };
    NotablesOpener notables = (folder, warnings) -> NotableStore.open(folder, new OpenSearchFileIndex(events.cluster(),
        cluster.indexPrefix() + "-notables", NotableStore.file(folder), "notables file", "event_id", warnings)
        .open(cluster.shards(), cluster.replicas()), warnings);
    return new EventStore(new OpenSearchTstats(events.cluster(), events.index()), events, events, risk, notables,
        events.cluster()::close);
  }

  /** The cluster's events index ({@code PREFIX-events}), made with Vigil's mapping if it is not there. */
  static OpenSearchEvents openSearchEvents(Installation installation) throws IOException {
    Settings.OpenSearchSettings cluster = installation.settings().store().openSearch().orElseThrow();
    OpenSearchCluster client = OpenSearchCluster.of(cluster.urls().stream().map(URI::toString).toList(),
        cluster.username(), cluster.password(), cluster.caFile());
    OpenSearchEvents events = new OpenSearchEvents(client, cluster.indexPrefix() + "-events", installation.clock);
    try {
      events.create(cluster.shards(), cluster.replicas());
    } catch (IOException e) {
      client.close();
      throw e;
    }
    return events;
  }

  @Override
  public void close() throws IOException {
    resources.close();
  }
}
