package dev.vigil.cli;

import dev.vigil.alert.AlertDelivery;
import dev.vigil.alert.AlertDestination;
import dev.vigil.alert.HecDestination;
import dev.vigil.alert.Secret;
import dev.vigil.alert.SyslogDestination;
import dev.vigil.alert.WebhookDestination;
import dev.vigil.schedule.Settings;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import javax.net.SocketFactory;
import javax.net.ssl.SSLSocketFactory;

/** The alert actions {@code config/vigil.yml} configures, wired to the index's notables. */
final class Alerts {
  private Alerts() {}

  static AlertDelivery delivery(Installation installation, Consumer<String> warnings) {
    Settings.AlertSettings alerts = installation.settings().alerts();
    List<AlertDestination> destinations = new ArrayList<>();
    alerts.hecUrl().ifPresent(url -> destinations.add(new HecDestination(url,
        new Secret(alerts.hecToken().orElseThrow()), alerts.hecBatch(), alerts.timeout())));
    alerts.webhookUrl().ifPresent(url -> destinations.add(new WebhookDestination(url, alerts.timeout())));
    alerts.syslogHost().ifPresent(host -> {
      SyslogDestination.Transport transport =
          SyslogDestination.Transport.valueOf(alerts.syslogTransport().toUpperCase(Locale.ROOT));
      // TLS trusts what the JVM trusts: its cacerts, or -Djavax.net.ssl.trustStore in VIGIL_JAVA_OPTS.
      SocketFactory sockets = transport == SyslogDestination.Transport.TLS ? SSLSocketFactory.getDefault()
          : SocketFactory.getDefault();
      // RFC 5424's NILVALUE where the environment names no host: looking the name up could reach the network.
      String hostname = System.getenv().getOrDefault("HOSTNAME", "-");
      destinations.add(new SyslogDestination(host, alerts.syslogPort(), transport, sockets, hostname,
          alerts.timeout()));
    });
    return new AlertDelivery(installation.indexDir(), destinations, installation.clock, alerts.backoff(),
        alerts.maxBackoff(), warnings);
  }

  /** One delivery pass, its failures said as warnings: what is not sent waits for the next. */
  static void deliverOnce(AlertDelivery delivery, Consumer<String> log) {
    try {
      for (AlertDelivery.Report report : delivery.deliver()) {
        if (report.sent() > 0) {
          log.accept("alerts: " + report.sent() + " notables sent to " + report.destination()
              + (report.pending() > 0 ? ", " + report.pending() + " waiting" : ""));
        }
      }
    } catch (IOException e) {
      log.accept("alerts: " + e.getMessage() + "; trying again at the next pass");
    }
  }
}
