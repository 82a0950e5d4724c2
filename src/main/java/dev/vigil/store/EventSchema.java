package dev.vigil.store;

import dev.vigil.ingest.EventId;
import dev.vigil.ingest.ProcessEvent;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.document.BinaryDocValuesField;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LogByteSizeMergePolicy;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.store.Directory;
import org.apache.lucene.util.BytesRef;

/**
 * How an event lies in Lucene. Every field keeps its original value as doc values, which grouping reads and
 * which wildcard patterns are checked against, so output keeps the case. A field of few distinct values has
 * sorted doc values (a dictionary of its values, and an ordinal per event) and is also indexed as its
 * lower-cased term, so that {@code f=v} is one case-insensitive term lookup (SEMANTICS §4.3). Command lines
 * and GUIDs have no terms ({@link #hasTerms}): which would cost the most to build and store and which no
 * detection looks up; their {@code f=v} is checked on the doc values of the candidates the other clauses
 * leave. A process's command line and the GUIDs, whose every value is new, are binary doc values ({@link
 * #hasOrdinals}), read straight where a dictionary would decompress a block of 64 values to read one; a parent's
 * command line repeats for each of its children and keeps its dictionary.
 *
 * <p>Segments are sorted by {@code _time} and merged only with their neighbours ({@link #writerConfig()}), so
 * that a window is one contiguous run of documents in the few segments whose time range it touches.
 */
public final class EventSchema {
  /** Deterministic event id: re-ingesting the same event replaces it with itself. */
  public static final String ID = "_id";
  /** Event time, epoch milliseconds: points for the window, doc values for min/max and span. */
  public static final String TIME = "_time";
  /**
   * When the event was stored, epoch milliseconds: points, to find the events a run could not have seen, and doc
   * values, to say how late they came. Every commit's events are later than every earlier commit's ({@link
   * EventWriter}), so "indexed after what a run saw" is one comparison.
   */
  public static final String INDEX_TIME = "_indextime";
  public static final String RAW = "_raw";
  public static final String SOURCE = "source";
  public static final String SOURCETYPE = "sourcetype";

  /** Fields of many distinct values, which no detection looks up by exact value. */
  private static final Set<String> WITHOUT_TERMS = Set.of("process", "parent_process", "process_guid",
      "parent_process_guid");
  /** Fields whose every value is new: a dictionary of values buys nothing. */
  private static final Set<String> WITHOUT_ORDINALS = Set.of("process", "process_guid", "parent_process_guid");

  /** The commit data that names the layout of the index: one of another layout is refused, not misread. */
  static final String LAYOUT_KEY = "vigil.layout";
  /**
   * 2: time-sorted segments; command lines and GUIDs without terms, those of processes as binary doc values.
   * 3: as 2, with {@code _raw} compressed by Zstandard.
   * 4: as 3, with {@code _indextime} as points and doc values, no longer stored.
   */
  static final String LAYOUT = "4";

  /** Lucene refuses terms and sorted values over 32766 bytes; longer values are cut for indexing only. */
  private static final int MAX_TERM_BYTES = 32766;

  private EventSchema() {}

  /** Whether {@code field=value} can be looked up as a term; if not, it is checked on doc values. */
  public static boolean hasTerms(String field) {
    return !WITHOUT_TERMS.contains(field);
  }

  /** Whether the field's doc values are sorted (a dictionary and ordinals); if not, they are binary. */
  public static boolean hasOrdinals(String field) {
    return !WITHOUT_ORDINALS.contains(field);
  }

  /** Refuses an index in {@code directory} whose last commit holds events in another layout than this Vigil's. */
  static void checkLayout(String index, Directory directory) throws IOException {
    if (!DirectoryReader.indexExists(directory)) {
      return;
    }
    SegmentInfos lastCommit = SegmentInfos.readLatestCommit(directory);
    String layout = lastCommit.getUserData().getOrDefault(LAYOUT_KEY, "1");
    if (lastCommit.size() > 0 && !layout.equals(LAYOUT)) {
      throw new IOException("the index " + index + " was written by an older Vigil (layout " + layout
          + ", this one reads " + LAYOUT + "); ingest its events into a new index");
    }
  }

  /** The commit data every commit of the index carries. */
  public static Map<String, String> commitData() {
    return Map.of(LAYOUT_KEY, LAYOUT);
  }

  /**
   * How every writer of the event index is configured: documents sorted by {@code _time}, merges of adjacent
   * segments only (which, since events arrive in rough time order, keeps time ranges apart), and {@code _raw}
   * compressed by Zstandard ({@link EventCodec}).
   */
  public static IndexWriterConfig writerConfig() {
    return new IndexWriterConfig()
        .setIndexSort(new Sort(new SortField(TIME, SortField.Type.LONG)))
        .setMergePolicy(new LogByteSizeMergePolicy())
        .setCodec(new EventCodec());
  }

  /** The indexed form of a value: what {@code f=v} compares against. */
  public static String normalize(String value) {
    return value.toLowerCase(Locale.ROOT);
  }

  /** The document of an event with id {@code id}, indexed at {@code indexTimeMillis}. */
  public static Document toDocument(EventId id, ProcessEvent event, long indexTimeMillis) {
    Document doc = new Document();
    doc.add(new StringField(ID, idTerm(id), Field.Store.NO));
    doc.add(new LongPoint(TIME, event.timeMillis()));
    doc.add(new NumericDocValuesField(TIME, event.timeMillis()));
    doc.add(new LongPoint(INDEX_TIME, indexTimeMillis));
    doc.add(new NumericDocValuesField(INDEX_TIME, indexTimeMillis));
    // As UTF-8 bytes: sorting a flushed segment by time copies them as they are, rather than decoding a String.
    doc.add(new StoredField(RAW, new BytesRef(event.raw())));
    addKeyword(doc, SOURCE, event.source());
    addKeyword(doc, SOURCETYPE, event.sourcetype());
    for (Map.Entry<String, String> field : event.fields().entrySet()) {
      addKeyword(doc, field.getKey(), field.getValue());
    }
    return doc;
  }

  /** The term of {@link #ID} that holds {@code id}. */
  public static BytesRef idTerm(EventId id) {
    return new BytesRef(id.toBytes());
  }

  private static void addKeyword(Document doc, String name, String value) {
    BytesRef original = truncate(new BytesRef(value));
    if (hasTerms(name)) {
      doc.add(new StringField(name, lowerCased(original, value), Field.Store.NO));
    }
    doc.add(hasOrdinals(name) ? new SortedDocValuesField(name, original) : new BinaryDocValuesField(name, original));
  }

  /** The term of a value: its lower case, made from its UTF-8 bytes when they are all ASCII, as most are. */
  private static BytesRef lowerCased(BytesRef utf8, String value) {
    byte[] lower = new byte[utf8.length];
    for (int i = 0; i < utf8.length; i++) {
      byte b = utf8.bytes[utf8.offset + i];
      if (b < 0) {
        return truncate(new BytesRef(normalize(value)));
      }
      lower[i] = b >= 'A' && b <= 'Z' ? (byte) (b + ('a' - 'A')) : b;
    }
    return new BytesRef(lower);
  }

  /**
   * A field's value as the index keeps it: at most 32766 bytes of UTF-8, cut on a character boundary, the most
   * a Lucene term can be (so for OpenSearch's keywords too).
   */
  public static String kept(String value) {
    return value.length() * 3 <= MAX_TERM_BYTES ? value : truncate(new BytesRef(value)).utf8ToString();
  }

  /** The value as Lucene takes it for a term or sorted value: at most 32766 bytes, cut on a character boundary. */
  static BytesRef truncate(BytesRef bytes) {
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
