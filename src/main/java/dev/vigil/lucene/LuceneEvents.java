package dev.vigil.lucene;

import dev.vigil.plan.Filter;
import dev.vigil.query.EventSource;
import dev.vigil.query.Row;
import dev.vigil.store.EventIndex;
import dev.vigil.store.EventSchema;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.DocValuesType;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TopFieldDocs;
import org.apache.lucene.util.BytesRef;

/**
 * The events of the Lucene index as rows, newest first: the filter is the same query tstats runs
 * ({@link LuceneQueries}), and each hit's fields are read from its doc values, {@code _raw} from its stored field.
 */
public final class LuceneEvents implements EventSource {
  private final EventIndex index;

  public LuceneEvents(EventIndex index) {
    this.index = index;
  }

  @Override
  public Events events(Filter filter, int limit) throws IOException {
    IndexSearcher searcher = index.acquire();
    try {
      org.apache.lucene.search.Query query = LuceneQueries.of(filter);
      TopFieldDocs top = searcher.search(query, Math.max(1, limit),
          new Sort(new SortField(EventSchema.TIME, SortField.Type.LONG, true)));
      List<Row> rows = new ArrayList<>(top.scoreDocs.length);
      List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
      for (ScoreDoc hit : top.scoreDocs) {
        if (rows.size() == limit) {
          break;
        }
        LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(hit.doc, leaves));
        rows.add(row(leaf.reader(), hit.doc - leaf.docBase));
      }
      // The top hits' total is a lower bound past a thousand: count exactly.
      return new Events(rows, searcher.count(query));
    } finally {
      index.release(searcher);
    }
  }

  /** One event: {@code _time} in epoch seconds (as Splunk shows it), its fields, {@code _raw}. */
  private static Row row(LeafReader segment, int doc) throws IOException {
    Row row = new Row();
    var times = segment.getNumericDocValues(EventSchema.TIME);
    if (times != null && times.advanceExact(doc)) {
      row.put("_time", Long.toString(Math.floorDiv(times.longValue(), 1000L)));
    }
    for (FieldInfo field : segment.getFieldInfos()) {
      String name = field.name;
      if (name.equals(EventSchema.TIME) || name.equals(EventSchema.INDEX_TIME) || name.equals(EventSchema.ID)) {
        continue;
      }
      if (field.getDocValuesType() == DocValuesType.SORTED) {
        SortedDocValues values = segment.getSortedDocValues(name);
        if (values.advanceExact(doc)) {
          row.put(name, values.lookupOrd(values.ordValue()).utf8ToString());
        }
      } else if (field.getDocValuesType() == DocValuesType.BINARY) {
        BinaryDocValues values = segment.getBinaryDocValues(name);
        if (values.advanceExact(doc)) {
          row.put(name, values.binaryValue().utf8ToString());
        }
      }
    }
    BytesRef raw = segment.storedFields().document(doc).getBinaryValue(EventSchema.RAW);
    if (raw != null) {
      row.put("_raw", raw.utf8ToString());
    }
    return row;
  }
}
