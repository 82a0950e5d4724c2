package dev.vigil.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.vigil.MutableClock;
import dev.vigil.notable.Notable;
import dev.vigil.notable.NotableStore;
import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.security.KeyStore;
import javax.net.ServerSocketFactory;
import javax.net.SocketFactory;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every alert action against a real receiver on loopback, started by the test (docs/rba.md, "Alert actions"):
 * what was raised while the receiver was down arrives when it is back, each notable exactly once; a restart
 * sends nothing again. Time is the test's clock: backoffs pass when the test says so.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AlertDeliveryTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TOKEN = "11111111-2222-3333-4444-555555555555";
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  @TempDir
  Path temp;

  /** A receiver that can be stopped and started again on the same port, and says which notable ids it took. */
  interface Receiver extends AutoCloseable {
    void start() throws IOException;

    void stop();

    List<String> received();

    AlertDestination destination();

    @Override
    default void close() {
      stop();
    }
  }

  static Stream<String> reliableReceivers() {
    return Stream.of("hec", "webhook", "syslog-tcp", "syslog-tls");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("reliableReceivers")
  void whatWaitsWhileTheReceiverIsDownArrivesOnceWhenItIsBack(String kind) throws Exception {
    MutableClock clock = new MutableClock(Instant.parse("2024-05-15T14:00:00Z"));
    NotableStore notables = NotableStore.open(temp, w -> { });
    List<String> warnings = new CopyOnWriteArrayList<>();
    try (Receiver receiver = receiver(kind)) {
      receiver.start();
      AlertDelivery delivery = new AlertDelivery(temp, List.of(receiver.destination()), clock, Duration.ofSeconds(30),
          Duration.ofMinutes(10), warnings::add);
      notables.append(notables(0, 7), Optional.empty());
      assertEquals(List.of(new AlertDelivery.Report(receiver.destination().name(), 7, 0, Optional.empty(),
          Optional.empty())), delivery.deliver());
      assertEquals(ids(0, 7), awaitReceived(receiver, 7));

      receiver.stop();
      notables.append(notables(7, 12), Optional.empty());
      AlertDelivery.Report down = delivery.deliver().get(0);
      assertEquals(0, down.sent());
      assertEquals(5, down.pending());
      assertEquals(Optional.of(clock.instant().plusSeconds(30)), down.retryAt());
      assertTrue(down.error().orElseThrow().startsWith(receiver.destination().describe() + " cannot be reached"),
          down.error().get());
      clock.advance(Duration.ofSeconds(31));
      assertEquals(Optional.of(clock.instant().plusSeconds(60)), delivery.deliver().get(0).retryAt(),
          "the second failure doubles the backoff");
      notables.append(notables(12, 15), Optional.empty());

      receiver.start();
      clock.advance(Duration.ofSeconds(30));
      assertEquals(0, delivery.deliver().get(0).sent(), "the backoff has not passed yet");
      clock.advance(Duration.ofSeconds(31));
      AlertDelivery.Report back = delivery.deliver().get(0);
      assertEquals(8, back.sent());
      assertEquals(0, back.pending());
      assertEquals(ids(0, 15), awaitReceived(receiver, 15), "every notable once, in order");

      // A restarted Vigil reads the cursor: nothing is sent again.
      AlertDelivery restarted = new AlertDelivery(temp, List.of(receiver.destination()), clock, Duration.ofSeconds(30),
          Duration.ofMinutes(10), warnings::add);
      assertEquals(0, restarted.deliver().get(0).sent());
      assertEquals(15, receiver.received().size());
    }
    assertEquals(2, warnings.size(), "one warning per failed try: " + warnings);
    warnings.forEach(w -> assertFalse(w.contains(TOKEN), "the token is never printed: " + w));
  }

  @Test
  void aCollectorThatRefusesTheTokenIsAFailureThatNamesNoToken() throws Exception {
    try (HecReceiver receiver = new HecReceiver(port(), "another-token")) {
      receiver.start();
      NotableStore notables = NotableStore.open(temp, w -> { });
      notables.append(notables(0, 2), Optional.empty());
      List<String> warnings = new ArrayList<>();
      AlertDelivery delivery = new AlertDelivery(temp, List.of(receiver.destination()),
          new MutableClock(Instant.parse("2024-05-15T14:00:00Z")), Duration.ofSeconds(30), Duration.ofMinutes(10),
          warnings::add);
      AlertDelivery.Report refused = delivery.deliver().get(0);
      assertEquals(2, refused.pending());
      assertEquals("HTTP Event Collector http://127.0.0.1:" + receiver.port + "/services/collector/event refused 2"
          + " notables: HTTP 403 {\"text\":\"Invalid token\",\"code\":4}", refused.error().orElseThrow());
      assertFalse(String.join("\n", warnings).contains(TOKEN));
      assertEquals(List.of(), receiver.received());
    }
  }

  @Test
  void syslogMessagesAreRfc5424WithTheUrgencyAsSeverityOverUdpToo() throws Exception {
    try (UdpReceiver receiver = new UdpReceiver(port())) {
      receiver.start();
      NotableStore notables = NotableStore.open(temp, w -> { });
      notables.append(notables(0, 3), Optional.empty());
      AlertDelivery delivery = new AlertDelivery(temp, List.of(receiver.destination()),
          new MutableClock(Instant.parse("2024-05-15T14:00:00Z")), Duration.ofSeconds(30), Duration.ofMinutes(10),
          w -> { });
      assertEquals(3, delivery.deliver().get(0).sent());
      receiver.awaitMessages(3);
      assertEquals(ids(0, 3), receiver.received());
      // local0 (16) × 8 + 2 (critical).
      assertTrue(receiver.messages.get(0).matches("<130>1 2024-05-15T14:00:00Z test-host vigil - notable "
          + "\\[vigil@32473 event_id=\"n0\" urgency=\"critical\"] \\{.*\"event_id\":\"n0\".*}"), receiver.messages.get(0));
    }
  }

  /**
   * What the receiver took once it holds {@code count} notables: a syslog receiver reads a connection on its own
   * thread, after the sender closed it. The bound is the test's timeout.
   */
  private static List<String> awaitReceived(Receiver receiver, int count) {
    while (receiver.received().size() < count) {
      Thread.onSpinWait();
    }
    return receiver.received();
  }

  private static List<Notable> notables(int from, int to) {
    List<Notable> notables = new ArrayList<>();
    for (int i = from; i < to; i++) {
      Map<String, Object> fields = new LinkedHashMap<>();
      fields.put("_time", Instant.parse("2024-05-15T14:00:00Z").getEpochSecond());
      fields.put("event_id", "n" + i);
      fields.put("rule_id", "rule");
      fields.put("search_name", "ESCU - A Rule - Rule");
      fields.put("urgency", "critical");
      fields.put("orig_sid", "vigil:a_rule:1715781600");
      fields.put("dest", "host-" + i);
      notables.add(new Notable("n" + i, fields));
    }
    return notables;
  }

  private static List<String> ids(int from, int to) {
    List<String> ids = new ArrayList<>();
    for (int i = from; i < to; i++) {
      ids.add("n" + i);
    }
    return ids;
  }

  /** A free loopback port, for a receiver that must come back on the same one. */
  private static int port() throws IOException {
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return probe.getLocalPort();
    }
  }

  private Receiver receiver(String kind) throws Exception {
    return switch (kind) {
      case "hec" -> new HecReceiver(port(), TOKEN);
      case "webhook" -> new WebhookReceiver(port());
      case "syslog-tcp" -> new TcpReceiver(port(), ServerSocketFactory.getDefault(), SocketFactory.getDefault(),
          SyslogDestination.Transport.TCP);
      case "syslog-tls" -> {
        SSLContext tls = selfSignedLoopback();
        yield new TcpReceiver(port(), tls.getServerSocketFactory(), tls.getSocketFactory(),
            SyslogDestination.Transport.TLS);
      }
      default -> throw new IllegalArgumentException(kind);
    };
  }

  /**
   * A TLS context that both serves and trusts one self-signed certificate for 127.0.0.1, made by the JDK's
   * keytool: the receiver proves itself with it, the sender trusts nothing else.
   */
  private SSLContext selfSignedLoopback() throws Exception {
    Path keystore = temp.resolve("syslog.p12");
    Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
        "-genkeypair", "-alias", "syslog", "-keyalg", "EC", "-groupname", "secp256r1", "-keystore", keystore.toString(),
        "-storetype", "PKCS12", "-storepass", "changeit", "-keypass", "changeit", "-dname", "CN=127.0.0.1",
        "-ext", "SAN=ip:127.0.0.1", "-validity", "2").redirectErrorStream(true).start();
    String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(keytool.waitFor(30, TimeUnit.SECONDS), "keytool finishes");
    assertEquals(0, keytool.exitValue(), output);
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = java.nio.file.Files.newInputStream(keystore)) {
      store.load(in, "changeit".toCharArray());
    }
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(store, "changeit".toCharArray());
    TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(store);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
    return context;
  }

  /** An HTTP receiver on loopback: the JDK's server, stopped and started again on its port. */
  private abstract static class HttpReceiver implements Receiver {
    final int port;
    final List<String> received = Collections.synchronizedList(new ArrayList<>());
    private HttpServer server;

    HttpReceiver(int port) {
      this.port = port;
    }

    abstract String path();

    /** The answer's status and body for a request, taking the ids it holds when it accepts them. */
    abstract Map.Entry<Integer, String> handle(String authorization, String body) throws IOException;

    @Override
    public void start() throws IOException {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
      server.createContext(path(), exchange -> {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map.Entry<Integer, String> answer = handle(exchange.getRequestHeaders().getFirst("Authorization"), body);
        byte[] bytes = answer.getValue().getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(answer.getKey(), bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
      });
      server.start();
    }

    @Override
    public void stop() {
      if (server != null) {
        server.stop(0);
        server = null;
      }
    }

    @Override
    public List<String> received() {
      return List.copyOf(received);
    }
  }

  private static final class HecReceiver extends HttpReceiver {
    private final String token;

    HecReceiver(int port, String token) {
      super(port);
      this.token = token;
    }

    @Override
    String path() {
      return "/services/collector/event";
    }

    @Override
    Map.Entry<Integer, String> handle(String authorization, String body) throws IOException {
      if (!("Splunk " + token).equals(authorization)) {
        return Map.entry(403, "{\"text\":\"Invalid token\",\"code\":4}");
      }
      List<String> ids = new ArrayList<>();
      // HEC's body: event objects one after another.
      try (MappingIterator<JsonNode> events = JSON.readerFor(JsonNode.class).readValues(body)) {
        while (events.hasNext()) {
          JsonNode event = events.next();
          assertEquals("vigil:notable", event.get("sourcetype").asText());
          assertEquals(event.get("event").get("_time").asLong(), event.get("time").asLong());
          ids.add(event.get("event").get("event_id").asText());
        }
      }
      received.addAll(ids);
      return Map.entry(200, "{\"text\":\"Success\",\"code\":0}");
    }

    @Override
    public AlertDestination destination() {
      return new HecDestination(URI.create("http://127.0.0.1:" + port + path()), new Secret(TOKEN), 3, TIMEOUT);
    }
  }

  private static final class WebhookReceiver extends HttpReceiver {
    WebhookReceiver(int port) {
      super(port);
    }

    @Override
    String path() {
      return "/hooks/vigil";
    }

    @Override
    Map.Entry<Integer, String> handle(String authorization, String body) throws IOException {
      JsonNode payload = JSON.readTree(body);
      assertEquals("vigil:a_rule:1715781600", payload.get("sid").asText());
      received.add(payload.get("result").get("event_id").asText());
      return Map.entry(200, "");
    }

    @Override
    public AlertDestination destination() {
      return new WebhookDestination(URI.create("http://127.0.0.1:" + port + path()), TIMEOUT);
    }
  }

  /** A syslog receiver over TCP or TLS: octet-counted frames (RFC 6587), one connection at a time. */
  private static final class TcpReceiver implements Receiver {
    private static final Pattern EVENT_ID = Pattern.compile("event_id=\"([^\"]+)\"");
    private final int port;
    private final ServerSocketFactory servers;
    private final SocketFactory clients;
    private final SyslogDestination.Transport transport;
    private final List<String> received = Collections.synchronizedList(new ArrayList<>());
    private ServerSocket server;
    private Thread accepting;

    TcpReceiver(int port, ServerSocketFactory servers, SocketFactory clients, SyslogDestination.Transport transport) {
      this.port = port;
      this.servers = servers;
      this.clients = clients;
      this.transport = transport;
    }

    @Override
    public void start() throws IOException {
      server = servers.createServerSocket();
      server.setReuseAddress(true);
      server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      ServerSocket listening = server;
      accepting = new Thread(() -> {
        while (!listening.isClosed()) {
          try (Socket connection = listening.accept()) {
            read(connection.getInputStream());
          } catch (IOException e) {
            return;
          }
        }
      }, "syslog-receiver");
      accepting.setDaemon(true);
      accepting.start();
    }

    /** Frames until the sender closes: the ids are taken only once the whole connection was read. */
    private void read(InputStream in) throws IOException {
      byte[] all = in.readAllBytes();
      List<String> ids = new ArrayList<>();
      int at = 0;
      while (at < all.length) {
        int space = at;
        while (all[space] != ' ') {
          space++;
        }
        int length = Integer.parseInt(new String(all, at, space - at, StandardCharsets.US_ASCII));
        Matcher id = EVENT_ID.matcher(new String(all, space + 1, length, StandardCharsets.UTF_8));
        assertTrue(id.find());
        ids.add(id.group(1));
        at = space + 1 + length;
      }
      received.addAll(ids);
    }

    @Override
    public void stop() {
      try {
        if (server != null) {
          server.close();
          accepting.join(5_000);
        }
      } catch (IOException | InterruptedException e) {
        throw new AssertionError(e);
      }
    }

    @Override
    public List<String> received() {
      return List.copyOf(received);
    }

    @Override
    public AlertDestination destination() {
      return new SyslogDestination("127.0.0.1", port, transport, clients, "test-host", TIMEOUT);
    }
  }

  private static final class UdpReceiver implements Receiver {
    private final int port;
    final List<String> messages = new CopyOnWriteArrayList<>();
    private DatagramSocket socket;
    private Thread receiving;

    UdpReceiver(int port) {
      this.port = port;
    }

    @Override
    public void start() throws IOException {
      socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      DatagramSocket listening = socket;
      receiving = new Thread(() -> {
        byte[] buffer = new byte[65_535];
        while (!listening.isClosed()) {
          DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
          try {
            listening.receive(packet);
            messages.add(new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8));
          } catch (IOException e) {
            return;
          }
        }
      }, "syslog-udp-receiver");
      receiving.setDaemon(true);
      receiving.start();
    }

    void awaitMessages(int count) throws InterruptedException {
      // Loopback datagrams arrive at once; the bound is the test's timeout.
      while (messages.size() < count) {
        Thread.onSpinWait();
      }
    }

    @Override
    public void stop() {
      if (socket != null) {
        socket.close();
      }
    }

    @Override
    public List<String> received() {
      List<String> ids = new ArrayList<>();
      for (String message : messages) {
        Matcher id = Pattern.compile("event_id=\"([^\"]+)\"").matcher(message);
        if (id.find()) {
          ids.add(id.group(1));
        }
      }
      return ids;
    }

    @Override
    public AlertDestination destination() {
      return new SyslogDestination("127.0.0.1", port, SyslogDestination.Transport.UDP, SocketFactory.getDefault(),
          "test-host", TIMEOUT);
    }
  }
}
