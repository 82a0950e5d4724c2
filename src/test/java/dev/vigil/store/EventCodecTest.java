package dev.vigil.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.lucene.codecs.Codec;
import org.apache.lucene.codecs.compressing.Compressor;
import org.apache.lucene.codecs.compressing.Decompressor;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.index.CorruptIndexException;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SegmentReader;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.store.ByteArrayDataInput;
import org.apache.lucene.store.ByteBuffersDataInput;
import org.apache.lucene.store.ByteBuffersDataOutput;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventCodecTest {
  @TempDir
  Path dir;

  @Test
  void segmentsNameTheCodecAndLuceneFindsItByThatName() throws IOException {
    List<byte[]> raws = raws(10, new Random(1));
    write(raws, false);
    try (FSDirectory directory = FSDirectory.open(dir); DirectoryReader reader = DirectoryReader.open(directory)) {
      for (LeafReaderContext leaf : reader.leaves()) {
        assertEquals(EventCodec.NAME, ((SegmentReader) leaf.reader()).getSegmentInfo().info.getCodec().getName());
      }
    }
    assertEquals(EventCodec.class, Codec.forName(EventCodec.NAME).getClass());
  }

  @Test // a block holds up to 128 KiB of many events, one event may be larger than a block, one may be empty
  void everyRawReadsBackAsWrittenAfterFlushesAndMerges() throws IOException {
    Random random = new Random(7);
    List<byte[]> raws = raws(5_000, random);
    raws.set(17, new byte[0]);
    byte[] huge = new byte[300_000];
    random.nextBytes(huge);
    raws.set(4_000, huge);
    for (boolean merged : new boolean[] {false, true}) {
      write(raws, merged);
      try (FSDirectory directory = FSDirectory.open(dir); DirectoryReader reader = DirectoryReader.open(directory)) {
        assertEquals(merged ? 1 : 5, reader.leaves().size());
        StoredFields stored = reader.storedFields();
        for (int doc = 0; doc < reader.maxDoc(); doc++) {
          Document document = stored.document(doc);
          int number = document.getField("number").numericValue().intValue();
          assertArrayEquals(raws.get(number), bytes(document.getBinaryValue(EventSchema.RAW)), "event " + number);
        }
      }
    }
  }

  @Test
  void aBlockThatDoesNotDecompressIsACorruptIndex() throws IOException {
    ZstdCompressionMode mode = new ZstdCompressionMode(1);
    byte[] text = "{\"dest\":\"WKS-1\",\"process\":\"cmd.exe /c whoami\"}".repeat(20).getBytes(StandardCharsets.UTF_8);
    ByteBuffersDataOutput out = new ByteBuffersDataOutput();
    try (Compressor compressor = mode.newCompressor()) {
      compressor.compress(new ByteBuffersDataInput(List.of(ByteBuffer.wrap(text))), out);
    }
    byte[] block = out.toArrayCopy();
    Decompressor decompressor = mode.newDecompressor();
    BytesRef slice = new BytesRef();
    decompressor.decompress(new ByteArrayDataInput(block), text.length, 10, 30, slice);
    assertArrayEquals(Arrays.copyOfRange(text, 10, 40), bytes(slice));

    block[block.length / 2] ^= 0x5A;
    block[block.length / 2 + 1] ^= 0x33;
    assertThrows(CorruptIndexException.class,
        () -> decompressor.decompress(new ByteArrayDataInput(block), text.length, 0, text.length, new BytesRef()));
  }

  /** Writes {@code raws} in five flushed segments, then merges them into one when {@code merge}. */
  private void write(List<byte[]> raws, boolean merge) throws IOException {
    int perSegment = (raws.size() + 4) / 5;
    try (FSDirectory directory = FSDirectory.open(dir);
         IndexWriter writer = new IndexWriter(directory, EventSchema.writerConfig()
             .setOpenMode(IndexWriterConfig.OpenMode.CREATE))) {
      for (int i = 0; i < raws.size(); i++) {
        Document doc = new Document();
        // Later events first: the time sort reorders every block at flush.
        doc.add(new NumericDocValuesField(EventSchema.TIME, raws.size() - i));
        doc.add(new StoredField("number", i));
        doc.add(new StoredField(EventSchema.RAW, new BytesRef(raws.get(i))));
        writer.addDocument(doc);
        if ((i + 1) % perSegment == 0) {
          writer.flush();
        }
      }
      if (merge) {
        writer.forceMerge(1);
      }
    }
  }

  private static List<byte[]> raws(int count, Random random) {
    List<byte[]> raws = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String line = "{\"_time\":" + (1715731200 + i) + ",\"dest\":\"WKS-" + random.nextInt(2000)
          + "\",\"process\":\"cmd.exe /c echo " + Long.toHexString(random.nextLong()) + "\"}";
      raws.add(line.getBytes(StandardCharsets.UTF_8));
    }
    return raws;
  }

  private static byte[] bytes(BytesRef ref) {
    return Arrays.copyOfRange(ref.bytes, ref.offset, ref.offset + ref.length);
  }
}
