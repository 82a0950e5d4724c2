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
 * Splunk's HTTP Event Collector ({@code /services/collector/event}): a batch is one POST of the notables as HEC
 * event objects one after another, with the token as {@code Authorization: Splunk <token>}; HEC answers 200
 * with {@code "code":0} when it took them all. Each event is the notable with its time, {@code source} the
 * rule's search name and {@code sourcetype} {@code vigil:notable}; its {@code event_id} lets a receiver drop a
 * notable sent twice (a batch whose answer was lost is sent again).
 */
public final class HecDestination implements AlertDestination {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI url;
  private final Secret token;
  private final int batchSize;
  private final HttpClient client;
  private final Duration timeout;

  public HecDestination(URI url, Secret token, int batchSize, Duration timeout) {
    this.url = url;
    this.token = token;
    this.batchSize = batchSize;
    this.timeout = timeout;
    this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  @Override
  public String name() {
    return "hec";
  }

  @Override
  public String describe() {
    return "HTTP Event Collector " + url;
  }

  @Override
  public int batchSize() {
    return batchSize;
  }

  @Override
  public void send(List<JsonNode> notables) throws IOException {
    StringBuilder body = new StringBuilder();
    for (JsonNode notable : notables) {
      ObjectNode event = JSON.createObjectNode();
      event.put("time", notable.path("_time").asLong());
      event.put("source", notable.path("search_name").asText("vigil"));
      event.put("sourcetype", "vigil:notable");
      event.set("event", notable);
      body.append(JSON.writeValueAsString(event)).append('\n');
    }
    HttpRequest request = HttpRequest.newBuilder(url).timeout(timeout)
        .header("Authorization", "Splunk " + token.reveal())
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8)).build();
    HttpResponse<String> response = Http.send(client, request, describe());
    JsonNode answer;
    try {
      answer = JSON.readTree(response.body());
    } catch (IOException e) {
      answer = JSON.createObjectNode();
    }
    if (response.statusCode() != 200 || answer.path("code").asInt(-1) != 0) {
      throw new IOException(describe() + " refused " + notables.size() + " notables: HTTP " + response.statusCode()
          + " " + Http.shortened(response.body()));
    }
  }
}
