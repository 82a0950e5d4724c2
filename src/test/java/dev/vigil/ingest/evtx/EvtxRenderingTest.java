package dev.vigil.ingest.evtx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Binary XML written by hand, for the rules the real files do not exercise: optional substitutions with null
 * values, arrays, references, CDATA, and the value types' text.
 */
class EvtxRenderingTest {
  private static final int RECORD = 512;

  /** Binary XML at a known chunk offset, with inline names (offset = just past itself) as Windows writes them. */
  private static final class BinXml {
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final int base;

    BinXml(int base) {
      this.base = base;
    }

    int pos() {
      return base + out.size();
    }

    BinXml u8(int... values) {
      for (int v : values) {
        out.write(v);
      }
      return this;
    }

    BinXml u16(int v) {
      return u8(v & 0xff, v >>> 8 & 0xff);
    }

    BinXml u32(long v) {
      return u16((int) (v & 0xffff)).u16((int) (v >>> 16 & 0xffff));
    }

    BinXml bytes(byte[] b) {
      out.writeBytes(b);
      return this;
    }

    BinXml name(String name) {
      u32(pos() + 4).u32(0).u16(0).u16(name.length());
      return bytes(name.getBytes(StandardCharsets.UTF_16LE)).u16(0);
    }

    BinXml open(String name, boolean attributes) {
      return u8(attributes ? 0x41 : 0x01).u16(0xffff).u32(0).name(name);
    }

    BinXml text(String s) {
      return u8(0x05, 0x01).u16(s.length()).bytes(s.getBytes(StandardCharsets.UTF_16LE));
    }

    BinXml sub(int index, boolean optional) {
      return u8(optional ? 0x0e : 0x0d).u16(index).u8(0x01);
    }
  }

  private record Value(int type, byte[] bytes) {}

  /** One record: a template instance whose inline definition is {@code body}, with {@code values}. */
  private static EvtxReaderTest.Read read(Consumer<BinXml> body, Value... values) {
    BinXml x = new BinXml(RECORD + 24);
    x.u8(0x0f, 0x01, 0x01, 0x00).u8(0x0c, 0x01).u32(0).u32(x.pos() + 4);
    x.u32(0).bytes(new byte[16]);
    BinXml definition = new BinXml(x.pos() + 4);
    definition.u8(0x0f, 0x01, 0x01, 0x00);
    body.accept(definition);
    definition.u8(0x00);
    x.u32(definition.out.size()).bytes(definition.out.toByteArray());
    x.u32(values.length);
    for (Value v : values) {
      x.u16(v.bytes().length).u8(v.type(), 0);
    }
    for (Value v : values) {
      x.bytes(v.bytes());
    }
    x.u8(0x00);
    byte[] event = x.out.toByteArray();
    byte[] chunk = new byte[ChunkBytes.SIZE];
    System.arraycopy("ElfChnk\0".getBytes(StandardCharsets.US_ASCII), 0, chunk, 0, 8);
    int size = 24 + event.length + 4;
    EvtxReaderTest.putInt(chunk, RECORD, 0x2a2a);
    EvtxReaderTest.putInt(chunk, RECORD + 4, size);
    EvtxReaderTest.putInt(chunk, RECORD + 8, 7);
    System.arraycopy(event, 0, chunk, RECORD + 24, event.length);
    EvtxReaderTest.putInt(chunk, RECORD + size - 4, size);
    EvtxReaderTest.putInt(chunk, 48, RECORD + size);
    byte[] header = new byte[EvtxReader.FILE_HEADER_SIZE];
    System.arraycopy(EvtxReader.FILE_MAGIC, 0, header, 0, 8);
    byte[] file = new byte[header.length + chunk.length];
    System.arraycopy(header, 0, file, 0, header.length);
    System.arraycopy(chunk, 0, file, header.length, chunk.length);
    EvtxReaderTest.fixChecksums(file);
    return EvtxReaderTest.read(file);
  }

  private static String render(Consumer<BinXml> body, Value... values) {
    EvtxReaderTest.Read read = read(body, values);
    assertEquals(List.of(), read.problems());
    assertEquals(1, read.records().size());
    return read.records().get(0).xml();
  }

  private static Value utf16(String s) {
    return new Value(0x01, s.getBytes(StandardCharsets.UTF_16LE));
  }

  private static Value of(int type, int... bytes) {
    byte[] b = new byte[bytes.length];
    for (int i = 0; i < bytes.length; i++) {
      b[i] = (byte) bytes[i];
    }
    return new Value(type, b);
  }

  private static final Value NULL = new Value(0x00, new byte[0]);

  @Test
  void anOptionalSubstitutionWithANullValueDropsItsAttributeOrElement() {
    String xml = render(b -> {
      b.open("E", true).u32(0x100);
      b.u8(0x46).name("a").sub(0, true);
      b.u8(0x06).name("b").sub(1, false);
      b.u8(0x02);
      b.open("Gone", true).u32(0x100).u8(0x06).name("kept").text("x").u8(0x02).sub(0, true).u8(0x04);
      b.open("Empty", false).u8(0x02).sub(0, false).u8(0x04);
      b.u8(0x04);
    }, NULL, utf16("v"));

    assertEquals("<E b=\"v\"><Empty></Empty></E>", xml);
  }

  @Test
  void anArrayRepeatsTheElementThatHoldsItOncePerItem() {
    String xml = render(b -> {
      b.open("E", false).u8(0x02);
      b.open("S", false).u8(0x02).sub(0, false).u8(0x04);
      b.open("N", false).u8(0x02).sub(1, false).u8(0x04);
      b.open("Z", false).u8(0x02).sub(2, false).u8(0x04);
      b.u8(0x04);
    }, new Value(0x81, "a\0b&\0".getBytes(StandardCharsets.UTF_16LE)), of(0x86, 1, 0, 2, 1), of(0x88));

    assertEquals("<E><S>a</S><S>b&amp;</S><N>1</N><N>258</N><Z></Z></E>", xml);
  }

  @Test
  void referencesCdataAndTextAreEscapedAsXml() {
    String xml = render(b -> {
      b.open("E", true).u32(0x100).u8(0x06).name("q").text("\"<\t").u8(0x02);
      b.text("a<b>&").u8(0x49).name("amp").u8(0x08).u16(65);
      b.u8(0x07).u16(5).bytes("x]]>y".getBytes(StandardCharsets.UTF_16LE));
      b.sub(0, false).u8(0x04);
    }, utf16("nul\u0001 & cr\r\0\0"));

    assertEquals("<E q=\"&quot;&lt;&#9;\">a&lt;b&gt;&amp;&amp;&#65;<![CDATA[x]]]]><![CDATA[>y]]>nul\ufffd &amp; "
        + "cr&#13;</E>", xml);
  }

  @Test
  void everyValueTypeRendersAsWindowsShowsIt() {
    long epoch = 116_444_736_000_000_000L + 1234567; // 1970-01-01 plus 0.1234567 s
    Value[] values = {
        of(0x02, 'h', 'i', 0xe9, 0), of(0x03, 0xff), of(0x04, 0xff), of(0x05, 0xfe, 0xff), of(0x06, 0xfe, 0xff),
        of(0x07, 0xff, 0xff, 0xff, 0xff), of(0x08, 0xff, 0xff, 0xff, 0xff), of(0x09, le(-2L)), of(0x0a, le(-1L)),
        of(0x0b, le32(Float.floatToIntBits(1.5f))), of(0x0c, le(Double.doubleToLongBits(0.1))),
        of(0x0c, le(Double.doubleToLongBits(Double.NEGATIVE_INFINITY))), of(0x0d, 1, 0, 0, 0),
        of(0x0e, 0xde, 0xad, 0x01), of(0x0f, 0x33, 0x22, 0x11, 0x00, 0x55, 0x44, 0x77, 0x66, 0x88, 0x99, 0xaa, 0xbb,
            0xcc, 0xdd, 0xee, 0xff), of(0x10, 0x78, 0x03, 0, 0), of(0x11, le(epoch)),
        of(0x12, 0xe9, 0x07, 10, 0, 6, 0, 25, 0, 16, 0, 56, 0, 16, 0, 19, 0),
        of(0x13, 1, 1, 0, 0, 0, 0, 0, 5, 18, 0, 0, 0), of(0x14, 0x27, 0x55, 0x08, 0),
        of(0x15, 0, 0, 0, 0, 0, 0, 0, 0x80), of(0x20, 5, 0, 0, 0)};
    String xml = render(b -> {
      b.open("E", false).u8(0x02);
      for (int i = 0; i < values.length; i++) {
        b.open("V", false).u8(0x02).sub(i, false).u8(0x04);
      }
      b.u8(0x04);
    }, values);

    assertEquals("<E><V>hié</V><V>-1</V><V>255</V><V>-2</V><V>65534</V><V>-1</V><V>4294967295</V><V>-2</V>"
        + "<V>18446744073709551615</V><V>1.5</V><V>0.1</V><V>-1.#INF</V><V>true</V><V>DEAD01</V>"
        + "<V>{00112233-4455-6677-8899-AABBCCDDEEFF}</V><V>0x378</V><V>1970-01-01T00:00:00.1234567Z</V>"
        + "<V>2025-10-25T16:56:16.0190000Z</V><V>S-1-5-18</V><V>0x85527</V><V>0x8000000000000000</V><V>5</V></E>",
        xml);
  }

  @Test
  void aValueOfTheWrongSizeIsAProblemThatSaysWhichAndWhy() {
    EvtxReaderTest.Read read = read(b -> b.open("E", false).u8(0x02).sub(0, false).u8(0x04), of(0x0f, 1, 2, 3));

    assertEquals(List.of(), read.records());
    assertEquals(1, read.problems().size());
    EvtxProblem problem = read.problems().get(0);
    assertEquals(EvtxReader.FILE_HEADER_SIZE + RECORD, problem.fileOffset());
    assertEquals("record 7 at offset 0x1200: substitution 0 of 1 has type 0x0f and length 3; a GUID is 16 bytes",
        problem.reason());
    assertEquals(0x2a, problem.raw()[0], "the record's bytes are kept");
  }

  private static int[] le(long v) {
    int[] b = new int[8];
    for (int i = 0; i < 8; i++) {
      b[i] = (int) (v >>> (8 * i) & 0xff);
    }
    return b;
  }

  private static int[] le32(int v) {
    return new int[] {v & 0xff, v >>> 8 & 0xff, v >>> 16 & 0xff, v >>> 24 & 0xff};
  }
}
