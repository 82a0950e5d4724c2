package dev.vigil.ingest.evtx;

/**
 * A read position inside one Binary XML structure (a record's event, a template, a value): reads may not pass the
 * structure's end, which is inside the chunk. Every token read is charged to the record's budget.
 */
final class BinXmlCursor {
  final ChunkBytes chunk;
  final DecodeBudget budget;
  final int end;
  int pos;

  BinXmlCursor(ChunkBytes chunk, int start, long end, DecodeBudget budget) throws EvtxFormatException {
    chunk.require(start, end - start, "a Binary XML structure");
    this.chunk = chunk;
    this.budget = budget;
    this.pos = start;
    this.end = (int) end;
  }

  boolean atEnd() {
    return pos >= end;
  }

  int peek() throws EvtxFormatException {
    need(1, "a token");
    return chunk.u8(pos);
  }

  int token() throws EvtxFormatException {
    budget.charge();
    return u8("a token");
  }

  int u8(String what) throws EvtxFormatException {
    need(1, what);
    return chunk.u8(pos++);
  }

  int u16(String what) throws EvtxFormatException {
    need(2, what);
    int value = chunk.u16(pos);
    pos += 2;
    return value;
  }

  long u32(String what) throws EvtxFormatException {
    need(4, what);
    long value = chunk.u32(pos);
    pos += 4;
    return value;
  }

  void skip(long length, String what) throws EvtxFormatException {
    need(length, what);
    pos += (int) length;
  }

  /** A UTF-16 string preceded by its length in characters, without a terminating NUL. */
  String counted(String what) throws EvtxFormatException {
    int chars = u16(what + " length");
    need(2L * chars, what);
    String text = chunk.utf16(pos, chars);
    pos += 2 * chars;
    return text;
  }

  void need(long length, String what) throws EvtxFormatException {
    if (length > end - pos) {
      throw new EvtxFormatException(String.format("%s at chunk offset 0x%x needs %d bytes but its structure ends "
          + "%d bytes later", what, pos, length, Math.max(0, end - pos)));
    }
  }
}
