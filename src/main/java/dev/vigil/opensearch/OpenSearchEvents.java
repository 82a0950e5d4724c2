package dev.vigil.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.ingest.EventId;
import dev.vigil.ingest.ProcessEvent;
import dev.vigil.store.EventSchema;
import dev.vigil.plan.Filter;
import dev.vigil.query.EventSource;
import dev.vigil.query.Row;
import dev.vigil.store.IndexTimes;
import java.time.Clock;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The process events in an OpenSearch index, mapped as {@link OpenSearchFields} says. Documents have the event's deterministic id as
 * {@code _id}, so that ingesting an event again stores nothing.
 */
public final class OpenSearchEvents implements IndexTimes, EventSource {
  static final String TIME = OpenSearchFields.TIME;
  /** Ids sort the events of one millisecond, so that paging by {@code search_after} is total. */
  static final String ID = "event_id";
  /** When the event was written (epoch milliseconds), as the Lucene index's {@code _indextime}. */
  static final String INDEX_TIME = "index_time_ms";

  private static final int BULK_EVENTS = 5_000;

  private final OpenSearchCluster cluster;
  private final String index;
  private final Clock clock;

  public OpenSearchEvents(OpenSearchCluster cluster, String index) {
    this(cluster, index, Clock.systemUTC());
  }

  /** @param clock the index time of what is written */
  public OpenSearchEvents(OpenSearchCluster cluster, String index, Clock clock) {
    this.cluster = cluster;
    this.index = index;
    this.clock = clock;
  }

  public String index() {
    return index;
  }

  public OpenSearchCluster cluster() {
    return cluster;
  }

  /** Creates the index with Vigil's mapping, unless it exists. */
  public void create(int shards, int replicas) throws IOException {
    if (cluster.exists("/" + index)) {
      return;
    }
    ObjectNode body = OpenSearchFields.indexBody(shards, replicas);
    ObjectNode properties = (ObjectNode) body.path("mappings").path("properties");
    properties.putObject(ID).put("type", "keyword");
    properties.putObject(INDEX_TIME).put("type", "long");
    cluster.request("PUT", "/" + index, body);
  }

  /**
   * Writes the events through {@code _bulk}, each created under its id; one stored before is left as it is, with
   * its index time. Returns how many were new.
   */
  public long write(List<ProcessEvent> events) throws IOException {
    long created = 0;
    long indexTime = clock.millis();
    for (int from = 0; from < events.size(); from += BULK_EVENTS) {
      StringBuilder bulk = new StringBuilder();
      for (ProcessEvent event : events.subList(from, Math.min(events.size(), from + BULK_EVENTS))) {
        String id = EventId.of(event).toString();
        bulk.append("{\"create\":{\"_index\":").append(OpenSearchCluster.JSON.writeValueAsString(index))
            .append(",\"_id\":\"").append(id).append("\"}}\n")
            .append(OpenSearchCluster.JSON.writeValueAsString(document(id, event, indexTime))).append('\n');
      }
      JsonNode response = cluster.request("POST", "/_bulk", bulk.toString());
      for (JsonNode item : response.path("items")) {
        JsonNode result = item.path("create");
        if (result.path("status").asInt() == 409) {
          continue; // stored before: it keeps its first index time, as in the Lucene index
        }
        if (result.has("error")) {
          throw new IOException("opensearch did not store event " + result.path("_id").asText() + " in " + index + ": "
              + result.path("error").path("reason").asText());
        }
        created += result.path("result").asText().equals("created") ? 1 : 0;
      }
    }
    return created;
  }

  /** How many events the index holds. */
  public long count() throws IOException {
    return cluster.search(index, "_count", null).path("count").asLong();
  }

  /** The bytes the index takes on the cluster's disks: of its primary shards only, or of every copy. */
  public long storeBytes(boolean primaries) throws IOException {
    return cluster.request("GET", "/" + index + "/_stats/store", null).path("_all")
        .path(primaries ? "primaries" : "total").path("store").path("size_in_bytes").asLong();
  }

  /** Makes what was written visible to searches. */
  public void refresh() throws IOException {
    cluster.request("POST", "/" + index + "/_refresh", null);
  }

  @Override
  public long indexedThrough() throws IOException {
    ObjectNode search = OpenSearchCluster.JSON.createObjectNode().put("size", 0);
    search.putObject("aggs").putObject("through").putObject("max").put("field", INDEX_TIME);
    JsonNode through = cluster.search(index, "_search", search).path("aggregations")
        .path("through").path("value");
    return through.isNumber() ? through.asLong() : NONE;
  }

  @Override
  public LateEvents indexedAfter(long earliestMillis, long latestMillis, long through) throws IOException {
    ObjectNode search = OpenSearchCluster.JSON.createObjectNode().put("size", 0).put("track_total_hits", true);
    com.fasterxml.jackson.databind.node.ArrayNode filter = search.putObject("query").putObject("bool")
        .putArray("filter");
    filter.addObject().putObject("range").putObject(TIME).put("gte", earliestMillis).put("lt", latestMillis);
    filter.addObject().putObject("range").putObject(INDEX_TIME).put("gt", through);
    search.putObject("aggs").putObject("last").putObject("max").put("field", INDEX_TIME);
    JsonNode response = cluster.search(index, "_search", search);
    long count = response.path("hits").path("total").path("value").asLong();
    JsonNode last = response.path("aggregations").path("last").path("value");
    return count == 0 ? LateEvents.NONE : new LateEvents(count, last.asLong());
  }

  /**
   * The events of the filter as rows, newest first (ties by id), read page by page with {@code search_after} from
   * their {@code _source}: past the cluster's 10,000 hits of one page, and as many as {@code limit}.
   */
  @Override
  public Events events(Filter filter, int limit) throws IOException {
    ObjectNode search = OpenSearchCluster.JSON.createObjectNode().put("track_total_hits", true);
    search.set("query", OpenSearchQueries.of(filter));
    search.putArray("sort").add(OpenSearchCluster.JSON.createObjectNode().put(TIME, "desc")).add(ID);
    List<Row> rows = new ArrayList<>(Math.min(limit, BULK_EVENTS));
    long matching = 0;
    while (true) {
      search.put("size", Math.max(1, Math.min(BULK_EVENTS, limit - rows.size())));
      JsonNode found = cluster.search(index, "_search", search).path("hits");
      matching = found.path("total").path("value").asLong();
      JsonNode hits = found.path("hits");
      for (JsonNode hit : hits) {
        if (rows.size() < limit) {
          rows.add(row(hit.path("_source")));
        }
      }
      if (rows.size() >= limit || hits.size() < search.path("size").asInt()) {
        return new Events(rows, matching);
      }
      search.set("search_after", hits.get(hits.size() - 1).path("sort"));
    }
  }

  /** One event as the Lucene index gives it: {@code _time} in epoch seconds, its fields, {@code _raw}. */
  private static Row row(JsonNode source) {
    Row row = new Row();
    row.put("_time", Long.toString(Math.floorDiv(source.path(TIME).asLong(), 1000L)));
    for (Iterator<Map.Entry<String, JsonNode>> fields = source.fields(); fields.hasNext(); ) {
      Map.Entry<String, JsonNode> field = fields.next();
      switch (field.getKey()) {
        case TIME, ID, INDEX_TIME -> { }
        case OpenSearchFields.RAW -> row.put("_raw", field.getValue().asText());
        default -> row.put(OpenSearchFields.field(field.getKey()), field.getValue().asText());
      }
    }
    return row;
  }

  private static ObjectNode document(String id, ProcessEvent event, long indexTime) {
    ObjectNode doc = OpenSearchCluster.JSON.createObjectNode();
    doc.put(TIME, event.timeMillis()).put(ID, id).put(INDEX_TIME, indexTime).put(OpenSearchFields.RAW, event.raw());
    doc.put(EventSchema.SOURCE, EventSchema.kept(event.source()))
        .put(EventSchema.SOURCETYPE, EventSchema.kept(event.sourcetype()));
    for (Map.Entry<String, String> field : event.fields().entrySet()) {
      doc.put(OpenSearchFields.name(field.getKey()), EventSchema.kept(field.getValue()));
    }
    return doc;
  }
}
