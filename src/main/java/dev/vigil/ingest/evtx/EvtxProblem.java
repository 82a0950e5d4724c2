package dev.vigil.ingest.evtx;

/**
 * A part of an {@code .evtx} file that could not be read: a file header, a chunk or a record. It was skipped and
 * reading went on with the next one.
 *
 * @param fileOffset where the bad part starts in the file
 * @param reason     what is wrong, for a person to read
 * @param raw        the bytes of the bad record, for a quarantine; empty for a header or a chunk
 */
public record EvtxProblem(long fileOffset, String reason, byte[] raw) {
  EvtxProblem(long fileOffset, String reason) {
    this(fileOffset, reason, new byte[0]);
  }

  @Override
  public String toString() {
    return String.format("0x%x: %s", fileOffset, reason);
  }
}
