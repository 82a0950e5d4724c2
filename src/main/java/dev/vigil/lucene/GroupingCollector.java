package dev.vigil.lucene;

import dev.vigil.query.TstatsGroups;
import java.io.IOException;
import java.util.List;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.Collector;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.ScoreMode;

/**
 * Feeds the matching events' times and field values to {@link TstatsGroups}, one slice of segments at a time:
 * each segment's matches are gathered by the ordinals of their values ({@link SegmentMatches}) and handed
 * over, decoded, when the segment is done.
 */
final class GroupingCollector implements Collector {
  private final List<String> fields;
  private final TstatsGroups groups;

  GroupingCollector(List<String> fields, TstatsGroups groups) {
    this.fields = fields;
    this.groups = groups;
  }

  TstatsGroups groups() {
    return groups;
  }

  @Override
  public ScoreMode scoreMode() {
    return ScoreMode.COMPLETE_NO_SCORES;
  }

  @Override
  public LeafCollector getLeafCollector(LeafReaderContext context) throws IOException {
    return new SegmentMatches(context.reader(), fields, groups);
  }
}
