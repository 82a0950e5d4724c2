package dev.vigil.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
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
    return of(hosts, Optional.empty(), Optional.empty());
  }

  /** A cluster that wants basic authentication when {@code username} is given. */
  public static OpenSearchCluster of(List<String> hosts, Optional<String> username, Optional<String> password) {
    RestClientBuilder builder = RestClient.builder(hosts.stream().map(HttpHost::create).toArray(HttpHost[]::new));
    username.ifPresent(user -> {
      BasicCredentialsProvider credentials = new BasicCredentialsProvider();
      credentials.setCredentials(AuthScope.ANY, new UsernamePasswordCredentials(user, password.orElse("")));
      builder.setHttpClientConfigCallback(http -> http.setDefaultCredentialsProvider(credentials));
    });
    return new OpenSearchCluster(builder.build());
  }

  /** The response's JSON; {@code body} is serialised as JSON, or sent as it is when a String (NDJSON). */
  JsonNode request(String method, String path, Object body) throws IOException {
    Request request = new Request(method, path);
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

  /** Whether {@code path} (an index, say) exists: HEAD answers 200 or 404 without a body. */
  public boolean exists(String path) throws IOException {
    try {
      return client.performRequest(new Request("HEAD", path)).getStatusLine().getStatusCode() == 200;
    } catch (IOException e) {
      throw new IOException("opensearch cannot be reached for HEAD " + path + ": " + e.getMessage(), e);
    }
  }

  /** Deletes these indices; one that is not there is no error. */
  public void deleteIndices(List<String> indices) throws IOException {
    request("DELETE", "/" + String.join(",", indices) + "?ignore_unavailable=true", null);
  }

  private static String reason(Response response) {
    try {
      JsonNode error = JSON.readTree(EntityUtils.toString(response.getEntity())).path("error");
      String reason = error.path("root_cause").path(0).path("reason").asText(error.path("reason").asText(""));
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
