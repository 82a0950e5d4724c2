package dev.vigil.ingest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A deterministic id for a stored event, so that ingesting the same line twice stores it once.
 *
 * <p>The id depends only on what Splunk would see as the event's identity (sourcetype, source, raw text), not on
 * when it was read. Each part is length-prefixed so that moving text between parts cannot give the same id. It
 * is the first 128 bits of a SHA-256: 16 bytes in the index, and no collision in any fleet's lifetime (the
 * birthday bound for 2^-32 odds is about 10^15 events).
 */
public record EventId(long high, long low) {
  public static final int BYTES = 16;

  private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(EventId::sha256);

  public static EventId of(ProcessEvent event) {
    MessageDigest digest = SHA_256.get();
    for (String part : new String[] {event.sourcetype(), event.source(), event.raw()}) {
      byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
      digest.update((byte) (bytes.length >>> 24));
      digest.update((byte) (bytes.length >>> 16));
      digest.update((byte) (bytes.length >>> 8));
      digest.update((byte) bytes.length);
      digest.update(bytes);
    }
    byte[] hash = digest.digest();
    return new EventId(longAt(hash, 0), longAt(hash, Long.BYTES));
  }

  /** The id's 16 bytes, big-endian: the term the index stores. */
  public byte[] toBytes() {
    byte[] bytes = new byte[BYTES];
    for (int i = 0; i < Long.BYTES; i++) {
      bytes[i] = (byte) (high >>> (56 - 8 * i));
      bytes[Long.BYTES + i] = (byte) (low >>> (56 - 8 * i));
    }
    return bytes;
  }

  /** 32 lower-case hex digits. */
  @Override
  public String toString() {
    return HexFormat.of().formatHex(toBytes());
  }

  private static long longAt(byte[] bytes, int offset) {
    long value = 0;
    for (int i = 0; i < Long.BYTES; i++) {
      value = (value << 8) | (bytes[offset + i] & 0xFF);
    }
    return value;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime must provide SHA-256", e);
    }
  }
}
