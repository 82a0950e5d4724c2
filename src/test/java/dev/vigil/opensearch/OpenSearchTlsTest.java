package dev.vigil.opensearch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS trust (store.opensearch.ca_file): a node on https:// whose certificate a private authority signed is reached
 * when its certificate is in the CA file, and is an error naming the request when it is not. The node is a stand-in
 * HTTPS server with a certificate that keytool makes for 127.0.0.1.
 */
@Timeout(120)
class OpenSearchTlsTest {
  private static final String PASSWORD = "changeit";

  @TempDir
  Path temp;

  @Test
  void aNodeSignedByTheCaFileIsTrustedAndOneWithoutItIsAnError() throws Exception {
    Path keys = temp.resolve("node.p12");
    Path ca = temp.resolve("ca.pem");
    keytool("-genkeypair", "-alias", "node", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=127.0.0.1",
        "-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-keystore", keys.toString(), "-storetype", "PKCS12",
        "-storepass", PASSWORD, "-keypass", PASSWORD);
    keytool("-exportcert", "-rfc", "-alias", "node", "-keystore", keys.toString(), "-storepass", PASSWORD,
        "-file", ca.toString());
    HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(serverContext(keys)));
    server.createContext("/", exchange -> {
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
    });
    server.start();
    List<String> url = List.of("https://127.0.0.1:" + server.getAddress().getPort());
    try {
      try (OpenSearchCluster trusted = OpenSearchCluster.of(url, Optional.empty(), Optional.empty(), Optional.of(ca))) {
        assertTrue(trusted.exists("/vigil-events"), "the CA file's certificate is trusted");
      }
      try (OpenSearchCluster untrusted = OpenSearchCluster.of(url, Optional.empty(), Optional.empty(),
          Optional.empty())) {
        IOException e = assertThrows(IOException.class, () -> untrusted.exists("/vigil-events"));
        assertTrue(e.getMessage().startsWith("opensearch cannot be reached for HEAD /vigil-events: "), e.getMessage());
        assertTrue(e.getMessage().contains("PKIX path building failed"), e.getMessage());
      }
      Path notPem = Files.writeString(temp.resolve("not.pem"), "no certificate here\n");
      IOException bad = assertThrows(IOException.class,
          () -> OpenSearchCluster.of(url, Optional.empty(), Optional.empty(), Optional.of(notPem)));
      assertTrue(bad.getMessage().startsWith("cannot trust the certificates of " + notPem + ": "), bad.getMessage());
    } finally {
      server.stop(0);
    }
  }

  private static SSLContext serverContext(Path keys) throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keys)) {
      store.load(in, PASSWORD.toCharArray());
    }
    KeyManagerFactory managers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    managers.init(store, PASSWORD.toCharArray());
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(managers.getKeyManagers(), null, null);
    return context;
  }

  private void keytool(String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
    command.addAll(List.of(args));
    Process keytool = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(temp.resolve("keytool.log").toFile()).start();
    assertTrue(keytool.waitFor(60, TimeUnit.SECONDS), "keytool finished");
    assertEquals(0, keytool.exitValue(), Files.readString(temp.resolve("keytool.log")));
  }
}
