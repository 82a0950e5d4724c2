package dev.vigil.ingest.evtx;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One 64 KiB chunk, read little-endian. Every read is checked against the chunk, so that an offset taken from the
 * file can at worst produce an {@link EvtxFormatException}, never an index exception.
 */
final class ChunkBytes {
  static final int SIZE = 65536;
  private final byte[] bytes;

  ChunkBytes(byte[] bytes) {
    this.bytes = bytes;
  }

  void require(int offset, long length, String what) throws EvtxFormatException {
    if (offset < 0 || length < 0 || offset + length > bytes.length) {
      throw new EvtxFormatException(String.format("%s at chunk offset 0x%x (%d bytes) lies outside the chunk",
          what, offset, length));
    }
  }

  int u8(int offset) throws EvtxFormatException {
    require(offset, 1, "a byte");
    return bytes[offset] & 0xff;
  }

  int u16(int offset) throws EvtxFormatException {
    require(offset, 2, "a 16-bit value");
    return (bytes[offset] & 0xff) | (bytes[offset + 1] & 0xff) << 8;
  }

  long u32(int offset) throws EvtxFormatException {
    require(offset, 4, "a 32-bit value");
    return (u16(offset) | (long) u16(offset + 2) << 16) & 0xffffffffL;
  }

  long u64(int offset) throws EvtxFormatException {
    require(offset, 8, "a 64-bit value");
    return u32(offset) | u32(offset + 4) << 32;
  }

  String utf16(int offset, int chars) throws EvtxFormatException {
    require(offset, 2L * chars, "a UTF-16 string");
    return new String(bytes, offset, 2 * chars, StandardCharsets.UTF_16LE); // unpaired surrogates become U+FFFD
  }

  String text(int offset, int length, Charset charset) throws EvtxFormatException {
    require(offset, length, "a string");
    return new String(bytes, offset, length, charset);
  }

  byte[] copy(int offset, int length) throws EvtxFormatException {
    require(offset, length, "data");
    return Arrays.copyOfRange(bytes, offset, offset + length);
  }
}
