package dev.vigil.ingest;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A deterministic id for a stored event, so that ingesting the same line twice stores it once.
 *
 * <p>The id depends only on what Splunk would see as the event's identity (sourcetype, source, raw text), not on
 * when it was read. Each part is length-prefixed so that moving text between parts cannot give the same id.
 */
public final class EventId {
  private EventId() {}

  /** Lower-case hex SHA-256 of sourcetype, source and raw; 64 characters. */
  public static String of(ProcessEvent event) {
    MessageDigest digest = sha256();
    for (String part : new String[] {event.sourcetype(), event.source(), event.raw()}) {
      byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
      digest.update(ByteBuffer.allocate(Integer.BYTES).putInt(bytes.length).array());
      digest.update(bytes);
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime must provide SHA-256", e);
    }
  }
}
