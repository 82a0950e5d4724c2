package dev.vigil.ingest.evtx;

import java.util.List;
import java.util.function.Consumer;
import java.util.zip.CRC32;

/**
 * One 64 KiB chunk: its header and two CRC32 checks, then its records in order. A record that cannot be decoded is
 * reported with its bytes and skipped; one whose size is broken is reported and the next record signature is looked
 * for, as libyal's recovery does.
 */
final class EvtxChunk {
  private static final byte[] MAGIC = {'E', 'l', 'f', 'C', 'h', 'n', 'k', 0};
  private static final int HEADER_SIZE = BinXmlParser.FIRST_DATA_OFFSET;
  private static final int RECORD_HEADER = 24;
  private static final int RECORD_MAGIC = 0x00002a2a;

  private final ChunkBytes chunk;
  private final byte[] bytes;
  private final long fileOffset;
  private final BinXmlParser parser;
  private final Consumer<EvtxRecord> records;
  private final Consumer<EvtxProblem> problems;

  private EvtxChunk(byte[] bytes, long fileOffset, Consumer<EvtxRecord> records, Consumer<EvtxProblem> problems) {
    this.bytes = bytes;
    this.chunk = new ChunkBytes(bytes);
    this.fileOffset = fileOffset;
    this.parser = new BinXmlParser(chunk);
    this.records = records;
    this.problems = problems;
  }

  /** {@code bytes} is the whole chunk; it is not kept after this returns. */
  static void read(byte[] bytes, long fileOffset, Consumer<EvtxRecord> records, Consumer<EvtxProblem> problems) {
    if (isZero(bytes, 0, bytes.length)) {
      return; // space Windows allocated and never used
    }
    try {
      new EvtxChunk(bytes, fileOffset, records, problems).read();
    } catch (EvtxFormatException e) {
      problems.accept(new EvtxProblem(fileOffset, String.format("chunk at offset 0x%x: %s; chunk skipped",
          fileOffset, e.getMessage())));
    }
  }

  private void read() throws EvtxFormatException {
    for (int i = 0; i < MAGIC.length; i++) {
      if (bytes[i] != MAGIC[i]) {
        throw new EvtxFormatException("no chunk signature (ElfChnk)");
      }
    }
    CRC32 header = new CRC32();
    header.update(bytes, 0, 120); // bytes 120..127 hold flags and the checksum itself
    header.update(bytes, 128, HEADER_SIZE - 128);
    check("header", header.getValue(), chunk.u32(124));
    long freeSpace = chunk.u32(48);
    if (freeSpace < HEADER_SIZE || freeSpace > ChunkBytes.SIZE) {
      throw new EvtxFormatException(String.format("its free space offset 0x%x is not inside the chunk's records "
          + "area (0x200..0x10000)", freeSpace));
    }
    CRC32 data = new CRC32();
    data.update(bytes, HEADER_SIZE, (int) freeSpace - HEADER_SIZE);
    check("records data (0x200 up to the free space offset)", data.getValue(), chunk.u32(52));
    readRecords((int) freeSpace);
  }

  private static void check(String what, long computed, long stored) throws EvtxFormatException {
    if (computed != stored) {
      throw new EvtxFormatException(String.format("CRC32 of the %s is 0x%08x but the header says 0x%08x", what,
          computed, stored));
    }
  }

  private void readRecords(int end) throws EvtxFormatException {
    int at = HEADER_SIZE;
    while (at + RECORD_HEADER <= end) {
      long size = chunk.u32(at + 4);
      String broken = chunk.u32(at) != RECORD_MAGIC ? "no record signature (2a 2a 00 00)"
          : size < RECORD_HEADER + 4 || at + size > end ? "record size " + size + " does not fit in the chunk"
          : chunk.u32(at + (int) size - 4) != size ? "record size " + size + " differs from its copy at the end "
              + chunk.u32(at + (int) size - 4)
          : null;
      if (broken == null) {
        record(at, (int) size);
        at += (int) size;
        continue;
      }
      if (isZero(bytes, at, end)) {
        return;
      }
      problems.accept(new EvtxProblem(fileOffset + at, String.format("offset 0x%x: %s; looking for the next record",
          fileOffset + at, broken)));
      at = nextSignature(at + 1, end);
    }
  }

  private int nextSignature(int from, int end) throws EvtxFormatException {
    for (int at = from; at + RECORD_HEADER <= end; at++) {
      if (chunk.u32(at) == RECORD_MAGIC) {
        return at;
      }
    }
    return end;
  }

  private void record(int at, int size) throws EvtxFormatException {
    long id = chunk.u64(at + 8);
    long offset = fileOffset + at;
    DecodeBudget budget = new DecodeBudget();
    try {
      List<BinXmlNode> event = parser.document(at + RECORD_HEADER, at + size - 4L, 0, budget);
      String xml = new BinXmlRenderer(chunk, parser, budget).render(event);
      if (xml.isEmpty()) {
        throw new EvtxFormatException("its Binary XML holds no element");
      }
      records.accept(new EvtxRecord(id, offset, xml));
    } catch (EvtxFormatException e) {
      problems.accept(new EvtxProblem(offset, String.format("record %d at offset 0x%x: %s", id, offset,
          e.getMessage()), chunk.copy(at, size)));
    } catch (RuntimeException e) {
      // Every offset is checked, so this is a bug in this reader; the file still must not stop the others.
      problems.accept(new EvtxProblem(offset, String.format("record %d at offset 0x%x: internal decoder error "
          + "(a bug): %s", id, offset, e), chunk.copy(at, size)));
    }
  }

  static boolean isZero(byte[] bytes, int from, int to) {
    for (int i = from; i < to; i++) {
      if (bytes[i] != 0) {
        return false;
      }
    }
    return true;
  }
}
