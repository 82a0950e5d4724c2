package dev.vigil.alert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * A webhook, as Splunk's webhook alert action posts one: a JSON object per notable with {@code sid} (the run),
 * {@code search_name} and {@code result} (the notable); any 2xx answer is taken as received.
 */
public final class WebhookDestination implements AlertDestination {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI url;
  private final HttpClient client;
  private final Duration timeout;

  public WebhookDestination(URI url, Duration timeout) {
    this.url = url;
    this.timeout = timeout;
    this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  @Override
  public String name() {
    return "webhook";
  }

  @Override
  public String describe() {
    return "webhook " + url;
  }

  @Override
  public int batchSize() {
    return 1;
  }

  @Override
  public void send(List<JsonNode> notables) throws IOException {
    for (JsonNode notable : notables) {
      ObjectNode payload = JSON.createObjectNode();
      payload.put("sid", notable.path("orig_sid").asText());
      payload.put("search_name", notable.path("search_name").asText());
      payload.put("app", "vigil");
      payload.set("result", notable);
      HttpRequest request = HttpRequest.newBuilder(url).timeout(timeout).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(payload), StandardCharsets.UTF_8)).build();
      HttpResponse<String> response = Http.send(client, request, describe());
      if (response.statusCode() / 100 != 2) {
        throw new IOException(describe() + " refused a notable: HTTP " + response.statusCode() + " "
            + Http.shortened(response.body()));
      }
    }
  }
}
