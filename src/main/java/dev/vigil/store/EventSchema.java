package dev.vigil.store;

import dev.vigil.ingest.ProcessEvent;
import java.util.Locale;
import java.util.Map;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.util.BytesRef;

/**
 * How an event lies in Lucene. Every field is indexed twice: its lower-cased value as a term, so that
 * {@code f=v} is one case-insensitive term lookup (SEMANTICS §4.3), and its original value as sorted doc
 * values, which grouping reads and which wildcard patterns are checked against, so output keeps the case.
 */
public final class EventSchema {
  /** Deterministic event id: re-ingesting the same event replaces it with itself. */
  public static final String ID = "_id";
  /** Event time, epoch milliseconds: points for the window, doc values for min/max and span. */
  public static final String TIME = "_time";
  public static final String INDEX_TIME = "_indextime";
  public static final String RAW = "_raw";
  public static final String SOURCE = "source";
  public static final String SOURCETYPE = "sourcetype";

  /** Lucene refuses terms and sorted values over 32766 bytes; longer values are cut for indexing only. */
  private static final int MAX_TERM_BYTES = 32766;

  private EventSchema() {}

  /** The indexed form of a value: what {@code f=v} compares against. */
  public static String normalize(String value) {
    return value.toLowerCase(Locale.ROOT);
  }

  /** The document of an event with id {@code id}, indexed at {@code indexTimeMillis}. */
  public static Document toDocument(String id, ProcessEvent event, long indexTimeMillis) {
    Document doc = new Document();
    doc.add(new StringField(ID, id, Field.Store.NO));
    doc.add(new LongPoint(TIME, event.timeMillis()));
    doc.add(new NumericDocValuesField(TIME, event.timeMillis()));
    doc.add(new StoredField(TIME, event.timeMillis()));
    doc.add(new StoredField(INDEX_TIME, indexTimeMillis));
    doc.add(new StoredField(RAW, event.raw()));
    addKeyword(doc, SOURCE, event.source());
    addKeyword(doc, SOURCETYPE, event.sourcetype());
    for (Map.Entry<String, String> field : event.fields().entrySet()) {
      addKeyword(doc, field.getKey(), field.getValue());
    }
    return doc;
  }

  private static void addKeyword(Document doc, String name, String value) {
    doc.add(new StringField(name, truncate(new BytesRef(normalize(value))), Field.Store.NO));
    doc.add(new SortedDocValuesField(name, truncate(new BytesRef(value))));
  }

  private static BytesRef truncate(BytesRef bytes) {
    if (bytes.length <= MAX_TERM_BYTES) {
      return bytes;
    }
    int end = MAX_TERM_BYTES;
    // Cut on a UTF-8 character boundary: continuation bytes look like 10xxxxxx.
    while (end > 0 && (bytes.bytes[bytes.offset + end] & 0xC0) == 0x80) {
      end--;
    }
    return new BytesRef(bytes.bytes, bytes.offset, end);
  }
}
