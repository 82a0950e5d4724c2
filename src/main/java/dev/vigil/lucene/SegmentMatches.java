package dev.vigil.lucene;

import dev.vigil.query.TstatsGroups;
import java.io.IOException;
import java.nio.IntBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import dev.vigil.store.EventSchema;
import java.util.List;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.util.ArrayUtil;

/**
 * One segment's matches, gathered by the tuple of their values' ordinals (the plan's event fields, in order)
 * with the times of the events that have it; a field of binary doc values ({@link EventSchema#hasOrdinals}) has
 * no ordinals, and the event's document number stands for its value. When the segment is done each distinct
 * ordinal is decoded once, in ascending order so that the terms dictionary is read block by block (binary
 * values in document order), and each tuple's strings and times go to {@link TstatsGroups} together. Memory
 * follows the matches, not the segment's distinct values. When the plan has a condition on by-values ({@link TstatsGroups#conditionFields()}), the fields it reads are
 * decoded first and the tuples it drops go before anything else is decoded; with one such field it is tested
 * once per distinct value.
 */
final class SegmentMatches implements LeafCollector {
  private static final int MISSING = -1;
  private static final byte UNTESTED = 0;
  private static final byte KEPT = 1;
  private static final byte DROPPED = 2;

  private final LeafReader segment;
  private final List<String> fieldNames;
  private final TstatsGroups groups;
  /** Opened at the first match: most segments of an index have none in a window, and opening costs. */
  private NumericDocValues times;
  private SortedDocValues[] fields;
  /** Per field: whether it has binary doc values, read only when the segment is done; else sorted. */
  private final boolean[] binary;
  private BinaryDocValues[] binaryValues;
  /** IntBuffer compares and hashes the ints it wraps: a tuple of ordinals as a key, without a class of its own. */
  private final Map<IntBuffer, Times> byTuple = new HashMap<>();
  private final int[] probe;
  private final IntBuffer probeKey;

  SegmentMatches(LeafReader segment, List<String> fieldNames, TstatsGroups groups) {
    this.segment = segment;
    this.fieldNames = fieldNames;
    this.groups = groups;
    this.probe = new int[fieldNames.size()];
    this.probeKey = IntBuffer.wrap(probe);
    this.binary = new boolean[fieldNames.size()];
    for (int i = 0; i < binary.length; i++) {
      binary[i] = !EventSchema.hasOrdinals(fieldNames.get(i));
    }
  }

  private void openDocValues() throws IOException {
    times = DocValues.getNumeric(segment, EventSchema.TIME);
    fields = new SortedDocValues[fieldNames.size()];
    binaryValues = new BinaryDocValues[fieldNames.size()];
    for (int i = 0; i < fields.length; i++) {
      if (binary[i]) {
        binaryValues[i] = DocValues.getBinary(segment, fieldNames.get(i));
      } else {
        fields[i] = DocValues.getSorted(segment, fieldNames.get(i));
      }
    }
  }

  @Override
  public void setScorer(Scorable scorer) {}

  @Override
  public void collect(int doc) throws IOException {
    if (times == null) {
      openDocValues();
    }
    long time = times.advanceExact(doc) ? times.longValue() : 0L;
    for (int i = 0; i < fields.length; i++) {
      if (binary[i]) {
        probe[i] = binaryValues[i].advanceExact(doc) ? doc : MISSING;
      } else {
        probe[i] = fields[i].advanceExact(doc) ? fields[i].ordValue() : MISSING;
      }
    }
    Times seen = byTuple.get(probeKey);
    if (seen == null) {
      seen = new Times();
      byTuple.put(IntBuffer.wrap(probe.clone()), seen);
    }
    seen.add(time);
  }

  @Override
  public void finish() throws IOException {
    if (byTuple.isEmpty()) {
      return;
    }
    DecodedOrdinals[] decoded = new DecodedOrdinals[fields.length];
    int[] tested = groups.conditionFields();
    if (tested.length > 0) {
      for (int field : tested) {
        decoded[field] = decode(field);
      }
      dropRejected(tested, decoded);
      if (byTuple.isEmpty()) {
        return;
      }
    }
    for (int i = 0; i < fields.length; i++) {
      if (decoded[i] == null) {
        decoded[i] = decode(i);
      }
    }
    String[] values = new String[fields.length];
    for (Map.Entry<IntBuffer, Times> match : byTuple.entrySet()) {
      int[] ordinals = match.getKey().array();
      for (int i = 0; i < values.length; i++) {
        values[i] = ordinals[i] == MISSING ? null : decoded[i].valueOf(ordinals[i]);
      }
      groups.addAll(values, match.getValue().millis, match.getValue().count);
    }
    byTuple.clear();
  }

  /** Removes the tuples whose values of the {@code tested} fields the plan's condition drops. */
  private void dropRejected(int[] tested, DecodedOrdinals[] decoded) {
    String[] values = new String[fields.length];
    DecodedOrdinals only = tested.length == 1 ? decoded[tested[0]] : null;
    // One verdict per distinct value of a lone tested field, the last slot for events without one.
    byte[] verdicts = only == null ? null : new byte[only.ordinals().length + 1];
    Iterator<IntBuffer> tuples = byTuple.keySet().iterator();
    while (tuples.hasNext()) {
      int[] ordinals = tuples.next().array();
      boolean kept;
      if (only != null) {
        int ordinal = ordinals[tested[0]];
        int slot = ordinal == MISSING ? verdicts.length - 1 : only.indexOf(ordinal);
        if (verdicts[slot] == UNTESTED) {
          values[tested[0]] = ordinal == MISSING ? null : only.strings()[slot];
          verdicts[slot] = groups.keeps(values) ? KEPT : DROPPED;
        }
        kept = verdicts[slot] == KEPT;
      } else {
        for (int field : tested) {
          values[field] = ordinals[field] == MISSING ? null : decoded[field].valueOf(ordinals[field]);
        }
        kept = groups.keeps(values);
      }
      if (!kept) {
        tuples.remove();
      }
    }
  }

  /** The strings of the ordinals that the matches hold in field {@code i}. */
  private DecodedOrdinals decode(int field) throws IOException {
    int[] ordinals = new int[byTuple.size()];
    int count = 0;
    for (IntBuffer tuple : byTuple.keySet()) {
      if (tuple.get(field) != MISSING) {
        ordinals[count++] = tuple.get(field);
      }
    }
    Arrays.sort(ordinals, 0, count);
    int distinct = 0;
    for (int i = 0; i < count; i++) {
      if (distinct == 0 || ordinals[distinct - 1] != ordinals[i]) {
        ordinals[distinct++] = ordinals[i];
      }
    }
    String[] strings = new String[distinct];
    if (binary[field]) {
      BinaryDocValues values = DocValues.getBinary(segment, fieldNames.get(field));
      for (int i = 0; i < distinct; i++) {
        values.advanceExact(ordinals[i]);
        strings[i] = values.binaryValue().utf8ToString();
      }
    } else {
      for (int i = 0; i < distinct; i++) {
        strings[i] = fields[field].lookupOrd(ordinals[i]).utf8ToString();
      }
    }
    return new DecodedOrdinals(Arrays.copyOf(ordinals, distinct), strings);
  }

  /** Ascending ordinals and their strings. */
  private record DecodedOrdinals(int[] ordinals, String[] strings) {
    String valueOf(int ordinal) {
      return strings[indexOf(ordinal)];
    }

    int indexOf(int ordinal) {
      return Arrays.binarySearch(ordinals, ordinal);
    }
  }

  /** The times of the events of one tuple: a growable array. */
  private static final class Times {
    long[] millis = new long[1];
    int count;

    void add(long time) {
      if (count == millis.length) {
        millis = ArrayUtil.grow(millis, count + 1);
      }
      millis[count++] = time;
    }
  }
}
