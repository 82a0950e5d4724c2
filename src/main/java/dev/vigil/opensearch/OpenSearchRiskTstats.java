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
import java.util.ArrayList;
import java.util.List;

/**
 * tstats over {@code Risk.All_Risk} in the cluster (an {@link OpenSearchFileIndex} of the risk events): the plan's
 * filter as a query, and every match's values of the plan's fields, all of them, read page by page
 * ({@code search_after} on time and id) and given to {@link TstatsGroups#addMultivalued}, as the Lucene risk index
 * gives them. A composite aggregation would pair the values of different fields into buckets, which loses what
 * {@code count(f)} of a multivalued field counts; risk events are few beside process events (one per detection
 * hit), so they are read one by one.
 */
public final class OpenSearchRiskTstats implements TstatsBackend {
  private static final int PAGE = 5_000;

  private final OpenSearchCluster cluster;
  private final String index;
  private final String idField;

  public OpenSearchRiskTstats(OpenSearchCluster cluster, String index, String idField) {
    this.cluster = cluster;
    this.index = index;
    this.idField = idField;
  }

  @Override
  public List<Row> tstats(TstatsPlan plan) throws IOException {
    if (plan.dataSet() != DataSet.RISK) {
      throw new IllegalArgumentException("the OpenSearch risk index holds " + DataSet.RISK.qualifiedName()
          + ", not " + plan.dataSet().qualifiedName());
    }
    List<String> fields = plan.eventFields().stream().map(OpenSearchFields::name).toList();
    TstatsGroups groups = new TstatsGroups(plan);
    ObjectNode search = OpenSearchCluster.JSON.createObjectNode();
    search.put("size", PAGE).put("_source", false).put("track_total_hits", false);
    search.set("query", OpenSearchQueries.of(plan.filter()));
    ArrayNode values = search.putArray("docvalue_fields");
    values.add(OpenSearchFields.TIME);
    fields.forEach(field -> values.add(field + OpenSearchFields.ORIGINAL));
    search.putArray("sort").add(OpenSearchFields.TIME).add(idField);
    while (true) {
      JsonNode hits = cluster.search(index, "_search", search).path("hits").path("hits");
      for (JsonNode hit : hits) {
        JsonNode found = hit.path("fields");
        List<List<String>> event = new ArrayList<>(fields.size());
        for (String field : fields) {
          List<String> each = new ArrayList<>(1);
          found.path(field + OpenSearchFields.ORIGINAL).forEach(value -> each.add(value.asText()));
          event.add(each);
        }
        groups.addMultivalued(found.path(OpenSearchFields.TIME).path(0).asLong(), event);
      }
      if (hits.size() < PAGE) {
        return groups.rows();
      }
      search.set("search_after", hits.get(hits.size() - 1).path("sort"));
    }
  }
}
