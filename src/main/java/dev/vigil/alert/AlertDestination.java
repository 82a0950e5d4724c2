package dev.vigil.alert;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.List;

/**
 * Somewhere notables are sent: Splunk's HTTP Event Collector, a webhook, a syslog receiver. A send is all or
 * nothing as far as the destination says: it returns once the receiver took every notable of the batch, and
 * throws otherwise, so that the batch is sent again later.
 */
public interface AlertDestination {
  /** A short name for files and messages: {@code hec}, {@code webhook}, {@code syslog}. */
  String name();

  /** Where it sends to, for messages: never a credential. */
  String describe();

  /** The most notables one send takes. */
  int batchSize();

  /**
   * Sends the notables, in order.
   *
   * @throws IOException when the receiver cannot be reached or did not accept them all
   */
  void send(List<JsonNode> notables) throws IOException;
}
