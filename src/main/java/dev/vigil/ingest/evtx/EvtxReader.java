package dev.vigil.ingest.evtx;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;
import java.util.zip.CRC32;

/**
 * Reads a Windows XML Event Log ({@code .evtx}) file: a 4 KiB file header, then 64 KiB chunks, each with its own
 * names, templates and records (libyal's "Windows XML Event Log (EVTX)" documentation). The file is streamed one
 * chunk at a time, so its size does not matter. Every chunk up to the end of the file is read, not only as many
 * as the header counts: Windows leaves "dirty" files whose header lags behind their chunks.
 */
public final class EvtxReader {
  public static final byte[] FILE_MAGIC = "ElfFile\0".getBytes(StandardCharsets.US_ASCII);
  static final int FILE_HEADER_SIZE = 4096;

  private EvtxReader() {}

  /**
   * Reads every record of every chunk, in file order. A bad chunk or record is reported to {@code problems} and
   * skipped; reading goes on with the next one. Bad content never throws; only the stream's own IOException does.
   */
  public static void read(InputStream in, Consumer<EvtxRecord> records, Consumer<EvtxProblem> problems)
      throws IOException {
    byte[] header = in.readNBytes(FILE_HEADER_SIZE);
    if (header.length < FILE_HEADER_SIZE || !Arrays.equals(header, 0, FILE_MAGIC.length, FILE_MAGIC, 0,
        FILE_MAGIC.length)) {
      problems.accept(new EvtxProblem(0, header.length < FILE_HEADER_SIZE
          ? "not an EVTX file: the file header is " + header.length + " of " + FILE_HEADER_SIZE + " bytes"
          : "not an EVTX file: no ElfFile signature"));
      return;
    }
    CRC32 crc = new CRC32();
    crc.update(header, 0, 120);
    long stored = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN).getInt(124) & 0xffffffffL;
    if (crc.getValue() != stored) {
      problems.accept(new EvtxProblem(0, String.format("file header: CRC32 of its first 120 bytes is 0x%08x but it "
          + "says 0x%08x; the chunks are read anyway, each has its own checks", crc.getValue(), stored)));
    }
    byte[] chunk = new byte[ChunkBytes.SIZE];
    for (long offset = FILE_HEADER_SIZE; ; offset += ChunkBytes.SIZE) {
      int read = in.readNBytes(chunk, 0, chunk.length);
      if (read < chunk.length) {
        if (!EvtxChunk.isZero(chunk, 0, read)) {
          problems.accept(new EvtxProblem(offset, String.format("chunk at offset 0x%x is truncated: the file ends "
              + "after %d of its %d bytes; its records are not read", offset, read, chunk.length)));
        }
        return;
      }
      EvtxChunk.read(chunk, offset, records, problems);
    }
  }
}
