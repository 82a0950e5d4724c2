package dev.vigil.alert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import javax.net.SocketFactory;

/**
 * Syslog (RFC 5424): one message per notable, facility local0, the urgency as severity, the notable as JSON
 * after a structured element {@code [vigil@32473 event_id="…" urgency="…"]}. Over TCP or TLS messages are
 * framed by octet counting (RFC 6587) and a batch is sent on one connection; a batch counts as taken when it
 * was written and the connection closed cleanly. Over UDP a datagram that was sent counts as taken: UDP cannot
 * say more, so a receiver that is down loses what it is sent (docs/rba.md).
 */
public final class SyslogDestination implements AlertDestination {
  /** The transport. */
  public enum Transport { UDP, TCP, TLS }

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int LOCAL0 = 16;
  private static final Map<String, Integer> SEVERITY = Map.of("critical", 2, "high", 3, "medium", 4, "low", 5,
      "informational", 6);
  /** IANA's private enterprise number for examples: the structured data id needs one. */
  private static final String SD_ID = "vigil@32473";

  private final String host;
  private final int port;
  private final Transport transport;
  private final SocketFactory sockets;
  private final String hostname;
  private final Duration timeout;

  /** @param sockets makes the TCP or TLS connections (an {@code SSLSocketFactory} for TLS) */
  public SyslogDestination(String host, int port, Transport transport, SocketFactory sockets, String hostname,
                           Duration timeout) {
    this.host = host;
    this.port = port;
    this.transport = transport;
    this.sockets = sockets;
    this.hostname = hostname;
    this.timeout = timeout;
  }

  @Override
  public String name() {
    return "syslog";
  }

  @Override
  public String describe() {
    return "syslog " + transport.name().toLowerCase(java.util.Locale.ROOT) + "://" + host + ":" + port;
  }

  @Override
  public int batchSize() {
    return 100;
  }

  @Override
  public void send(List<JsonNode> notables) throws IOException {
    try {
      if (transport == Transport.UDP) {
        try (DatagramSocket socket = new DatagramSocket()) {
          for (JsonNode notable : notables) {
            byte[] message = message(notable);
            socket.send(new DatagramPacket(message, message.length, new InetSocketAddress(host, port)));
          }
        }
        return;
      }
      try (Socket socket = sockets.createSocket()) {
        socket.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
        socket.setSoTimeout((int) timeout.toMillis());
        OutputStream out = socket.getOutputStream();
        for (JsonNode notable : notables) {
          byte[] message = message(notable);
          out.write((message.length + " ").getBytes(StandardCharsets.US_ASCII));
          out.write(message);
        }
        out.flush();
        socket.shutdownOutput();
      }
    } catch (IOException e) {
      throw new IOException(describe() + " cannot be reached: " + e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : " " + e.getMessage()), e);
    }
  }

  /** {@code <PRI>1 TIMESTAMP HOSTNAME vigil - notable [SD] JSON}. */
  byte[] message(JsonNode notable) throws IOException {
    int severity = SEVERITY.getOrDefault(notable.path("urgency").asText(), 5);
    String time = DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochSecond(notable.path("_time").asLong()));
    String structured = "[" + SD_ID + " event_id=\"" + escape(notable.path("event_id").asText()) + "\" urgency=\""
        + escape(notable.path("urgency").asText()) + "\"]";
    String text = "<" + (LOCAL0 * 8 + severity) + ">1 " + time + " " + hostname + " vigil - notable " + structured
        + " " + JSON.writeValueAsString(notable);
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** RFC 5424 §6.3.3: {@code "}, {@code \} and {@code ]} are escaped in parameter values. */
  private static String escape(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("]", "\\]");
  }
}
