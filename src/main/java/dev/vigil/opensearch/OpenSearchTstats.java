package dev.vigil.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.plan.DataSet;
import dev.vigil.plan.TstatsPlan;
import dev.vigil.query.Row;
import dev.vigil.query.TstatsBackend;
import dev.vigil.query.TstatsGroups;
import java.io.IOException;
import java.util.List;

/**
 * tstats over an OpenSearch index of events, aggregated in the cluster: the plan's filter as a query
 * ({@link OpenSearchQueries}) and a {@code composite} aggregation whose sources are every field the plan groups
 * or aggregates, in their original case, paged by {@code after_key} to the end (never a truncated {@code terms}
 * aggregation). Each bucket is one combination of values with its event count and its first and last time
 * ({@code min}/{@code max} sub-aggregations), which the shared {@link TstatsGroups} turns into rows, so grouping,
 * span, fillnull and every aggregation are exactly those of the Lucene backend. Because aggregated fields are
 * sources too, {@code dc} and {@code values} count and list the distinct terms exactly, not by
 * {@code cardinality}'s estimate.
 *
 * <p>Where {@code _time} is a by-field, a {@code histogram} source buckets it to the span; where an aggregation
 * reads distinct seconds, to the second. A by-field without {@code fillnull_value} has no missing bucket: the
 * cluster leaves out the events that tstats drops (SEMANTICS §4.1).
 */
public final class OpenSearchTstats implements TstatsBackend {
  /** Buckets per page: well below the cluster's {@code search.max_buckets} of 65,535. */
  private static final int PAGE = 10_000;
  private static final String GROUPS = "groups";
  private static final String TIME_SOURCE = "time";
  private static final String FIRST = "first";
  private static final String LAST = "last";

  private final OpenSearchCluster cluster;
  private final String index;

  public OpenSearchTstats(OpenSearchCluster cluster, String index) {
    this.cluster = cluster;
    this.index = index;
  }

  @Override
  public List<Row> tstats(TstatsPlan plan) throws IOException {
    if (plan.dataSet() != DataSet.PROCESSES) {
      throw new IllegalArgumentException("the OpenSearch event index holds " + DataSet.PROCESSES.qualifiedName()
          + ", not " + plan.dataSet().qualifiedName());
    }
    TstatsGroups groups = new TstatsGroups(plan);
    List<String> fields = plan.eventFields();
    long timeInterval = timeInterval(plan);
    if (fields.isEmpty() && timeInterval == 0) {
      addAll(plan, groups);
      return groups.rows();
    }
    ObjectNode search = OpenSearchCluster.JSON.createObjectNode().put("size", 0).put("track_total_hits", false);
    search.set("query", OpenSearchQueries.of(plan.filter()));
    ObjectNode aggregation = search.putObject("aggs").putObject(GROUPS);
    ObjectNode composite = aggregation.putObject("composite").put("size", PAGE);
    ArrayNode sources = composite.putArray("sources");
    List<String> byFields = plan.groupBy().stream().map(TstatsPlan.GroupField::field).toList();
    for (int i = 0; i < fields.size(); i++) {
      boolean dropsMissing = byFields.contains(fields.get(i)) && plan.fillnull().isEmpty();
      sources.addObject().putObject(source(i)).putObject("terms")
          .put("field", OpenSearchFields.name(fields.get(i)) + OpenSearchFields.ORIGINAL)
          .put("missing_bucket", !dropsMissing);
    }
    if (timeInterval > 0) {
      sources.addObject().putObject(TIME_SOURCE).putObject("histogram").put("field", OpenSearchEvents.TIME)
          .put("interval", timeInterval);
    }
    ObjectNode times = aggregation.putObject("aggs");
    times.putObject(FIRST).putObject("min").put("field", OpenSearchEvents.TIME);
    times.putObject(LAST).putObject("max").put("field", OpenSearchEvents.TIME);
    String[] values = new String[fields.size()];
    while (true) {
      JsonNode result = cluster.search(index, "_search", search).path("aggregations").path(GROUPS);
      JsonNode buckets = result.path("buckets");
      for (JsonNode bucket : buckets) {
        JsonNode key = bucket.path("key");
        for (int i = 0; i < values.length; i++) {
          JsonNode value = key.path(source(i));
          values[i] = value.isNull() || value.isMissingNode() ? null : value.asText();
        }
        groups.addRun(values, bucket.path("doc_count").asLong(), bucket.path(FIRST).path("value").asLong(),
            bucket.path(LAST).path("value").asLong());
      }
      // A page is short only when every shard has run out of buckets.
      if (buckets.size() < PAGE || !result.has("after_key")) {
        return groups.rows();
      }
      composite.set("after", result.path("after_key"));
    }
  }

  /** A plan that groups and aggregates no field: its events' count and first and last time. */
  private void addAll(TstatsPlan plan, TstatsGroups groups) throws IOException {
    ObjectNode search = OpenSearchCluster.JSON.createObjectNode().put("size", 0).put("track_total_hits", true);
    search.set("query", OpenSearchQueries.of(plan.filter()));
    ObjectNode aggregations = search.putObject("aggs");
    aggregations.putObject(FIRST).putObject("min").put("field", OpenSearchEvents.TIME);
    aggregations.putObject(LAST).putObject("max").put("field", OpenSearchEvents.TIME);
    JsonNode response = cluster.search(index, "_search", search);
    groups.addRun(new String[0], response.path("hits").path("total").path("value").asLong(),
        response.path("aggregations").path(FIRST).path("value").asLong(),
        response.path("aggregations").path(LAST).path("value").asLong());
  }

  /**
   * The width in milliseconds of the time source: the span (1 s without one) where {@code _time} is a by-field,
   * narrowed to a divisor of the second where an aggregation reads distinct seconds; 0 for no time source.
   */
  private static long timeInterval(TstatsPlan plan) {
    boolean groupsByTime = plan.groupBy().stream().anyMatch(field -> field.field().equals(TstatsPlan.TIME));
    long span = plan.span().map(java.time.Duration::toMillis).orElse(1000L);
    boolean readsSeconds = TstatsGroups.readsSeconds(plan);
    if (groupsByTime) {
      return readsSeconds ? gcd(span, 1000L) : span;
    }
    return readsSeconds ? 1000L : 0L;
  }

  private static long gcd(long a, long b) {
    return b == 0 ? a : gcd(b, a % b);
  }

  private static String source(int field) {
    return "f" + field;
  }
}
