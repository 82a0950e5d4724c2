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
 * tstats over an OpenSearch index of events: the plan's filter as a query ({@link OpenSearchQueries}), the matches
 * read page by page ({@code search_after} on time and id, to the end, never a truncated result) with their
 * original-case values from doc values, and fed to the shared {@link TstatsGroups}, so that grouping, span,
 * fillnull and every aggregation are exactly those of the Lucene backend.
 */
public final class OpenSearchTstats implements TstatsBackend {
  private static final int PAGE = 5_000;

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
    List<String> fields = plan.eventFields();
    TstatsGroups groups = new TstatsGroups(plan);
    ObjectNode search = OpenSearchCluster.JSON.createObjectNode();
    search.put("size", PAGE).put("_source", false).put("track_total_hits", false);
    search.set("query", OpenSearchQueries.of(plan.filter()));
    ArrayNode values = search.putArray("docvalue_fields");
    values.add(OpenSearchEvents.TIME);
    fields.forEach(field -> values.add(field + OpenSearchEvents.ORIGINAL));
    search.putArray("sort").add(OpenSearchEvents.TIME).add(OpenSearchEvents.ID);
    String[] row = new String[fields.size()];
    while (true) {
      JsonNode hits = cluster.request("POST", "/" + index + "/_search", search).path("hits").path("hits");
      for (JsonNode hit : hits) {
        JsonNode found = hit.path("fields");
        for (int i = 0; i < row.length; i++) {
          JsonNode value = found.path(fields.get(i) + OpenSearchEvents.ORIGINAL).path(0);
          row[i] = value.isMissingNode() ? null : value.asText();
        }
        groups.add(found.path(OpenSearchEvents.TIME).path(0).asLong(), row);
      }
      if (hits.size() < PAGE) {
        return groups.rows();
      }
      search.set("search_after", hits.get(hits.size() - 1).path("sort"));
    }
  }
}
