package dev.vigil.opensearch;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.plan.Filter;
import dev.vigil.plan.WildcardPattern;
import dev.vigil.store.EventSchema;

/**
 * A plan's filter as OpenSearch query DSL, with the semantics of {@link Filter}: {@code term}, {@code terms} and
 * {@code wildcard} on the lower-case normalised keyword (values normalised as the Lucene index normalises them),
 * {@code exists}, {@code bool} for and, or and not (a not matches the events that lack the field), the window as a
 * {@code range} on the time.
 */
final class OpenSearchQueries {
  private OpenSearchQueries() {}

  static ObjectNode of(Filter filter) {
    ObjectNode query = OpenSearchCluster.JSON.createObjectNode();
    if (filter instanceof Filter.MatchAll) {
      query.putObject("match_all");
    } else if (filter instanceof Filter.Term term) {
      query.putObject("term").put(OpenSearchFields.name(term.field()), EventSchema.normalize(term.value()));
    } else if (filter instanceof Filter.TermsInSet terms) {
      ArrayNode values = query.putObject("terms").putArray(OpenSearchFields.name(terms.field()));
      terms.values().forEach(value -> values.add(EventSchema.normalize(value)));
    } else if (filter instanceof Filter.Wildcard wildcard) {
      ArrayNode should = query.putObject("bool").put("minimum_should_match", 1).putArray("should");
      for (WildcardPattern pattern : wildcard.patterns()) {
        should.addObject().putObject("wildcard").putObject(OpenSearchFields.name(wildcard.field()))
            .put("value", escaped(EventSchema.normalize(pattern.source())));
      }
    } else if (filter instanceof Filter.Exists exists) {
      query.putObject("exists").put("field", OpenSearchFields.name(exists.field()));
    } else if (filter instanceof Filter.And and) {
      ArrayNode all = query.putObject("bool").putArray("filter");
      and.operands().forEach(operand -> all.add(of(operand)));
    } else if (filter instanceof Filter.Or or) {
      ArrayNode any = query.putObject("bool").put("minimum_should_match", 1).putArray("should");
      or.operands().forEach(operand -> any.add(of(operand)));
    } else if (filter instanceof Filter.Not not) {
      query.putObject("bool").putArray("must_not").add(of(not.operand()));
    } else if (filter instanceof Filter.TimeRange range) {
      query.putObject("range").putObject(OpenSearchFields.TIME).put("gte", range.earliest().toEpochMilli())
          .put("lt", range.latest().toEpochMilli());
    } else {
      throw new IllegalArgumentException("no OpenSearch query for " + filter);
    }
    return query;
  }

  /** Splunk's {@code *} is OpenSearch's; its {@code ?} and {@code \} are literal characters in Splunk. */
  private static String escaped(String pattern) {
    return pattern.replace("\\", "\\\\").replace("?", "\\?");
  }
}
