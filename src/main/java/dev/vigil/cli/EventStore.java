package dev.vigil.cli;

import dev.vigil.lucene.LuceneEvents;
import dev.vigil.lucene.LuceneTstats;
import dev.vigil.opensearch.OpenSearchCluster;
import dev.vigil.opensearch.OpenSearchEvents;
import dev.vigil.opensearch.OpenSearchTstats;
import dev.vigil.query.EventSource;
import dev.vigil.query.TstatsBackend;
import dev.vigil.schedule.Settings;
import dev.vigil.store.EventIndex;
import dev.vigil.store.IndexTimes;
import java.io.Closeable;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The events' store that {@code config/vigil.yml} names (docs/opensearch.md): the Lucene index in the index folder,
 * or an OpenSearch cluster. What runs above it (the pipeline after tstats, the scheduler, the ledger, risk events
 * and notables) does not know which.
 *
 * @param processes tstats over {@code Endpoint.Processes}
 * @param indexTimes when the events became searchable, for the ledger and late data
 * @param events    the events themselves, for {@code vigil search}
 */
record EventStore(TstatsBackend processes, IndexTimes indexTimes, EventSource events, Closeable resources)
    implements Closeable {

  /** Opens the store; a Lucene index folder without an index is an error, as before. */
  static EventStore open(Installation installation) throws IOException {
    Settings settings = installation.settings();
    Path indexDir = installation.indexDir();
    if (settings.store().openSearch().isEmpty()) {
      EventIndex index = EventIndex.openExisting(indexDir);
      return new EventStore(new LuceneTstats(index), index, new LuceneEvents(index), index::close);
    }
    // The index folder still holds the ledger, the risk events and the notables.
    Files.createDirectories(indexDir);
    OpenSearchEvents events = openSearchEvents(installation);
    EventSource none = (filter, limit) -> {
      throw new Errors.UsageException("a search over the events themselves does not run on OpenSearch yet: use"
          + " | tstats (docs/opensearch.md)");
    };
    return new EventStore(new OpenSearchTstats(events.cluster(), events.index()), events, none, events.cluster()::close);
  }

  /** The cluster's events index ({@code PREFIX-events}), made with Vigil's mapping if it is not there. */
  static OpenSearchEvents openSearchEvents(Installation installation) throws IOException {
    Settings.OpenSearchSettings cluster = installation.settings().store().openSearch().orElseThrow();
    OpenSearchCluster client = OpenSearchCluster.of(cluster.urls().stream().map(URI::toString).toList(),
        cluster.username(), cluster.password());
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
