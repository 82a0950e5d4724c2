package dev.vigil.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import java.util.Map;
import java.util.Optional;
import org.apache.http.auth.AuthScope;
import org.apache.http.auth.UsernamePasswordCredentials;
import org.apache.http.impl.client.BasicCredentialsProvider;
import org.apache.http.HttpHost;
import org.apache.http.util.EntityUtils;
import org.opensearch.client.Request;
import org.opensearch.client.Response;
import org.opensearch.client.ResponseException;
import org.opensearch.client.RestClient;
import org.opensearch.client.RestClientBuilder;

/**
 * An OpenSearch cluster over its REST API, JSON in and out. A refused request is an {@link IOException} that
 * names the method, the path and OpenSearch's reason: never an empty result.
 */
public final class OpenSearchCluster implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();

  private final RestClient client;

  private OpenSearchCluster(RestClient client) {
    this.client = client;
  }

  /** @param hosts URLs such as {@code http://127.0.0.1:9200} */
  public static OpenSearchCluster of(List<String> hosts) {
    RestClientBuilder builder = RestClient.builder(hosts.stream().map(HttpHost::create).toArray(HttpHost[]::new));
    return new OpenSearchCluster(builder.build());
  }

  /**
   * A cluster that wants basic authentication when {@code username} is given, whose {@code https://} nodes may
   * also be signed by the certificates of {@code caFile} (PEM), beside those the JVM trusts.
   */
  public static OpenSearchCluster of(List<String> hosts, Optional<String> username, Optional<String> password,
                                     Optional<Path> caFile) throws IOException {
    RestClientBuilder builder = RestClient.builder(hosts.stream().map(HttpHost::create).toArray(HttpHost[]::new));
    Optional<SSLContext> trust = caFile.isPresent() ? Optional.of(trusting(caFile.get())) : Optional.empty();
    builder.setHttpClientConfigCallback(http -> {
      username.ifPresent(user -> {
        BasicCredentialsProvider credentials = new BasicCredentialsProvider();
        credentials.setCredentials(AuthScope.ANY, new UsernamePasswordCredentials(user, password.orElse("")));
        http.setDefaultCredentialsProvider(credentials);
      });
      trust.ifPresent(http::setSSLContext);
      return http;
    });
    return new OpenSearchCluster(builder.build());
  }

  /** TLS that trusts the JVM's authorities and the certificates of {@code caFile}. */
  private static SSLContext trusting(Path caFile) throws IOException {
    try (InputStream in = Files.newInputStream(caFile)) {
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      int n = 0;
      for (java.security.cert.Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        store.setCertificateEntry("ca-" + n++, certificate);
      }
      TrustManagerFactory ours = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      ours.init(store);
      TrustManagerFactory jvm = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      jvm.init((KeyStore) null);
      X509TrustManager mine = (X509TrustManager) ours.getTrustManagers()[0];
      X509TrustManager theirs = (X509TrustManager) jvm.getTrustManagers()[0];
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {new EitherTrustManager(mine, theirs)}, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot trust the certificates of " + caFile + ": " + e.getMessage(), e);
    }
  }

  /** Trusts a server that either manager trusts. */
  private record EitherTrustManager(X509TrustManager first, X509TrustManager second) implements X509TrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
      first.checkClientTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
      try {
        first.checkServerTrusted(chain, authType);
      } catch (CertificateException e) {
        second.checkServerTrusted(chain, authType);
      }
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      X509Certificate[] a = first.getAcceptedIssuers();
      X509Certificate[] b = second.getAcceptedIssuers();
      X509Certificate[] both = java.util.Arrays.copyOf(a, a.length + b.length);
      System.arraycopy(b, 0, both, a.length, b.length);
      return both;
    }
  }

  /** The response's JSON; {@code body} is serialised as JSON, or sent as it is when a String (NDJSON). */
  JsonNode request(String method, String path, Object body) throws IOException {
    return request(method, path, Map.of(), body);
  }

  private JsonNode request(String method, String path, Map<String, String> parameters, Object body)
      throws IOException {
    Request request = new Request(method, path);
    request.addParameters(parameters);
    if (body != null) {
      request.setJsonEntity(body instanceof String text ? text : JSON.writeValueAsString(body));
    }
    Response response;
    try {
      response = client.performRequest(request);
    } catch (ResponseException e) {
      throw new IOException("opensearch refused " + method + " " + path + ": " + reason(e.getResponse()), e);
    } catch (IOException e) {
      throw new IOException("opensearch cannot be reached for " + method + " " + path + ": " + e.getMessage(), e);
    }
    if (response.getEntity() == null) {
      return JSON.missingNode();
    }
    try (InputStream in = response.getEntity().getContent()) {
      return JSON.readTree(in);
    }
  }

  /**
   * A search of {@code index}, or a count with {@code _count}, answered by all of its shards. OpenSearch answers a
   * search with what the shards it reached found (status 200) when others fail, as while a node leaves or rejoins:
   * a run would then see fewer events and say nothing. So partial results are refused in the request, and a
   * response that still reports failed shards or a timeout is an error, which fails the run (to be retried).
   */
  JsonNode search(String index, String endpoint, Object body) throws IOException {
    String path = "/" + index + "/" + endpoint;
    String method = body == null ? "GET" : "POST";
    JsonNode response = request(method, path, endpoint.equals("_search")
        ? Map.of("allow_partial_search_results", "false") : Map.of(), body);
    JsonNode shards = response.path("_shards");
    if (shards.path("failed").asInt(0) > 0 || response.path("timed_out").asBoolean(false)) {
      String reason = shards.path("failures").path(0).path("reason").path("reason").asText("timed out");
      throw new IOException("opensearch answered " + method + " " + path + " from " + shards.path("successful").asInt()
          + " of " + shards.path("total").asInt() + " shards: " + reason);
    }
    return response;
  }

  /** Whether {@code path} (an index, say) exists: HEAD answers 200 or 404 without a body. */
  public boolean exists(String path) throws IOException {
    try {
      return client.performRequest(new Request("HEAD", path)).getStatusLine().getStatusCode() == 200;
    } catch (IOException e) {
      throw new IOException("opensearch cannot be reached for HEAD " + path + ": " + e.getMessage(), e);
    }
  }

  /** The cluster's health: its status (green, yellow or red) and how many nodes it has. */
  public record Health(String status, int nodes) {}

  public Health health() throws IOException {
    JsonNode health = request("GET", "/_cluster/health", null);
    return new Health(health.path("status").asText(), health.path("number_of_nodes").asInt());
  }

  /** Deletes these indices; one that is not there is no error. */
  public void deleteIndices(List<String> indices) throws IOException {
    request("DELETE", "/" + String.join(",", indices) + "?ignore_unavailable=true", null);
  }

  private static String reason(Response response) {
    try {
      JsonNode error = JSON.readTree(EntityUtils.toString(response.getEntity())).path("error");
      String reason = error.path("root_cause").path(0).path("reason").asText("");
      // A search phase failure has no root cause and an empty reason: what went wrong is in caused_by.
      for (JsonNode cause = error; reason.isEmpty() && cause.isObject(); cause = cause.path("caused_by")) {
        reason = cause.path("reason").asText("");
      }
      return response.getStatusLine().getStatusCode() + " " + (reason.isEmpty() ? error.toString() : reason);
    } catch (IOException | RuntimeException e) {
      return String.valueOf(response.getStatusLine());
    }
  }

  @Override
  public void close() throws IOException {
    client.close();
  }
}
