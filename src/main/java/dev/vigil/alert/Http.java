package dev.vigil.alert;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** What the HTTP destinations share: a send whose failure names the destination, not the request. */
final class Http {
  private Http() {}

  static HttpResponse<String> send(HttpClient client, HttpRequest request, String destination) throws IOException {
    try {
      return client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(destination + ": interrupted", e);
    } catch (IOException e) {
      // The request's headers hold the token: only the destination and the cause are said.
      throw new IOException(destination + " cannot be reached: " + e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : " " + e.getMessage()), e);
    }
  }

  static String shortened(String text) {
    return text.length() <= 200 ? text : text.substring(0, 200) + "…";
  }
}
