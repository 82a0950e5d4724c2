package dev.vigil.lucene;

import dev.vigil.query.TstatsGroups;
import dev.vigil.store.EventSchema;
import java.io.IOException;
import java.util.List;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SimpleCollector;
import org.apache.lucene.util.BytesRef;

/**
 * Feeds each matching event's time and field values to {@link TstatsGroups}. Values come from sorted doc
 * values; each segment decodes a distinct value once (per ordinal), and one values array is reused, so an
 * event that joins an existing group allocates nothing.
 */
final class GroupingCollector extends SimpleCollector {
  private final List<String> fields;
  private final TstatsGroups groups;
  private final FieldReader[] readers;
  private final String[] values;
  private NumericDocValues times;

  GroupingCollector(List<String> fields, TstatsGroups groups) {
    this.fields = fields;
    this.groups = groups;
    this.readers = new FieldReader[fields.size()];
    this.values = new String[fields.size()];
  }

  TstatsGroups groups() {
    return groups;
  }

  @Override
  public ScoreMode scoreMode() {
    return ScoreMode.COMPLETE_NO_SCORES;
  }

  @Override
  protected void doSetNextReader(LeafReaderContext context) throws IOException {
    times = DocValues.getNumeric(context.reader(), EventSchema.TIME);
    for (int i = 0; i < readers.length; i++) {
      readers[i] = new FieldReader(DocValues.getSorted(context.reader(), fields.get(i)));
    }
  }

  @Override
  public void collect(int doc) throws IOException {
    long time = times.advanceExact(doc) ? times.longValue() : 0L;
    for (int i = 0; i < readers.length; i++) {
      values[i] = readers[i].valueOf(doc);
    }
    groups.add(time, values);
  }

  /** A segment's values of one field, each ordinal decoded to a String once. */
  private static final class FieldReader {
    private final SortedDocValues values;
    private final String[] decoded;

    FieldReader(SortedDocValues values) {
      this.values = values;
      this.decoded = new String[values.getValueCount()];
    }

    String valueOf(int doc) throws IOException {
      if (!values.advanceExact(doc)) {
        return null;
      }
      int ord = values.ordValue();
      String value = decoded[ord];
      if (value == null) {
        BytesRef bytes = values.lookupOrd(ord);
        value = bytes.utf8ToString();
        decoded[ord] = value;
      }
      return value;
    }
  }
}
