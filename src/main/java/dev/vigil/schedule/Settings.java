package dev.vigil.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.ingest.EventReader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Installation settings from {@code config/vigil.yml}, each key overridable in {@code config/local/vigil.yml}.
 *
 * @param index     the index folder when {@code --index} is not given
 * @param zone      the zone of cron schedules, snaps and formatted times (default UTC, SEMANTICS §1.5)
 * @param riskFile  where risk events are written, relative to the index folder
 * @param lookback  how far back catch-up reaches after downtime (SEMANTICS §2.8)
 * @param retries   how failed scheduled runs are tried again
 * @param maxLineBytes the longest line (or event over lines) ingest reads; a longer one is a bad event
 * @param spool     the ingestion job's folder and timing
 * @param late      whether and how {@code vigil start} runs again windows that received events after they ran
 * @param alerts    where notables are sent besides the notables file
 */
public record Settings(Path index, ZoneId zone, Path riskFile, Duration lookback, Retries retries, int maxLineBytes,
                       SpoolSettings spool, LateSettings late, AlertSettings alerts, StoreSettings store) {
  /**
   * Where the events are stored and searched (docs/opensearch.md): the embedded Lucene index in the index folder
   * (default), or an OpenSearch cluster.
   *
   * @param openSearch  the cluster when {@code store.backend} is {@code opensearch}
   */
  public record StoreSettings(Optional<OpenSearchSettings> openSearch) {
    static final StoreSettings LUCENE = new StoreSettings(Optional.empty());
  }

  /**
   * An OpenSearch cluster.
   *
   * @param urls        its nodes' HTTP addresses
   * @param indexPrefix the prefix of Vigil's indices ({@code PREFIX-events})
   * @param username    basic authentication's user, if the cluster wants one
   * @param password    its password, never printed
   * @param shards      primary shards of a new events index (default 1)
   * @param replicas    replicas of each (default 1)
   * @param caFile      the PEM certificates to trust for {@code https://} URLs, beside the JVM's own
   */
  public record OpenSearchSettings(List<URI> urls, String indexPrefix, Optional<String> username,
                                   Optional<String> password, int shards, int replicas, Optional<Path> caFile) {
    /** Without the password, which a record would print. */
    @Override
    public String toString() {
      return "OpenSearchSettings[urls=" + urls + ", indexPrefix=" + indexPrefix + ", username="
          + username.orElse("none") + "]";
    }
  }

  /**
   * The ingestion job of {@code vigil start}.
   *
   * @param folder        where files to ingest appear, relative to the index folder (default {@code spool})
   * @param every         how often it looks (default 10s)
   * @param settle        how long a file read to its end stays unchanged before it is finished (default 1m)
   * @param deleteFinished delete finished files rather than move them to {@code done/}
   */
  public record SpoolSettings(Path folder, Duration every, Duration settle, boolean deleteFinished) {}

  /**
   * Late data in {@code vigil start}.
   *
   * @param rerun  run late windows again by itself (default false: {@code vigil late} lists them)
   * @param every  how often it looks (default 5m)
   * @param within how far back, by scheduled time (default 24h)
   */
  public record LateSettings(boolean rerun, Duration every, Duration within) {}

  /**
   * The alert actions (docs/rba.md, "Alert actions"): each destination is on when its address is set.
   *
   * @param hecUrl        Splunk's HTTP Event Collector, {@code https://splunk:8088/services/collector/event}
   * @param hecToken      its token, never printed
   * @param hecBatch      notables per request (default 100)
   * @param webhookUrl    a URL each notable is posted to as JSON
   * @param syslogHost    a syslog receiver
   * @param syslogPort    its port (default 514)
   * @param syslogTransport {@code udp} (default), {@code tcp} or {@code tls}
   * @param every         how often {@code vigil start} sends what waits (default 10s)
   * @param backoff       how long after a first failure a destination is tried again, doubled after each
   *                      further one (default 30s)
   * @param maxBackoff    the longest wait between tries (default 10m)
   * @param timeout       how long a connection or an answer may take (default 10s)
   */
  public record AlertSettings(Optional<URI> hecUrl, Optional<String> hecToken, int hecBatch, Optional<URI> webhookUrl,
                              Optional<String> syslogHost, int syslogPort, String syslogTransport, Duration every,
                              Duration backoff, Duration maxBackoff, Duration timeout) {
    /** No destination, and the timings of the one that will be configured. */
    static final AlertSettings DEFAULTS = new AlertSettings(Optional.empty(), Optional.empty(), 100, Optional.empty(),
        Optional.empty(), 514, "udp", Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofMinutes(10),
        Duration.ofSeconds(10));

    /** Without the token, which a record would print. */
    @Override
    public String toString() {
      return "AlertSettings[hec=" + hecUrl.map(URI::toString).orElse("off") + ", webhook="
          + webhookUrl.map(URI::toString).orElse("off") + ", syslog=" + syslogHost.map(h -> syslogTransport + "://" + h
          + ":" + syslogPort).orElse("off") + "]";
    }
  }

  /**
   * The shipped settings with the local ones on top. Every problem of both files is reported at once, each with
   * file, line and key: unknown keys (with the nearest known one) and values that do not hold.
   *
   * @throws ContentException naming every problem, one a line
   */
  public static Settings load(Home home) {
    Settings defaults = new Settings(Path.of("index"), ZoneId.of("UTC"), Path.of("risk", "risk-events.ndjson"),
        Duration.ofHours(24), new Retries(10, Duration.ofMinutes(1)), EventReader.DEFAULT_MAX_LINE_BYTES,
        new SpoolSettings(Path.of("spool"), Duration.ofSeconds(10), Duration.ofMinutes(1), false),
        new LateSettings(false, Duration.ofMinutes(5), Duration.ofHours(24)), AlertSettings.DEFAULTS,
        StoreSettings.LUCENE);
    List<String> problems = new ArrayList<>();
    Settings settings = defaults.overriddenBy(home.settingsFile(), problems).overriddenBy(home.localSettingsFile(), problems);
    if (settings.alerts().hecUrl().isPresent() && settings.alerts().hecToken().isEmpty()) {
      problems.add(home.localSettingsFile() + ": field alerts.hec.token: missing: alerts.hec.url needs the collector's"
          + " token (keep it in config/local/vigil.yml, which is not shipped)");
    }
    if (!problems.isEmpty()) {
      throw new ContentException(String.join("\n", problems));
    }
    return settings;
  }

  /** A value of the file, parsed; on a problem the value before it stays and the problem is kept. */
  private interface Parse<T> {
    T parse(Path file, String field, JsonNode value);
  }

  private Settings overriddenBy(Path file, List<String> problems) {
    if (!Files.exists(file)) {
      return this;
    }
    JsonNode root;
    String text;
    try {
      text = ContentYaml.text(file);
      root = ContentYaml.parse(file, text);
    } catch (ContentException e) {
      problems.add(e.getMessage());
      return this;
    }
    problems.addAll(ConfigurationKeys.unknown(file, text, ConfigurationKeys.SETTINGS));
    YamlLines lines = YamlLines.of(text);
    Path newIndex = value(file, lines, root, "index", index, (f, k, v) -> Path.of(v.asText()), problems);
    ZoneId newZone = value(file, lines, root, "time_zone", zone, Settings::zone, problems);
    Path newRisk = value(file, lines, root, "risk.output", riskFile, (f, k, v) -> Path.of(v.asText()), problems);
    Duration newLookback = value(file, lines, root, "catch_up.lookback", lookback,
        (f, k, v) -> parseLookback(f, k, v.asText()), problems);
    int attempts = value(file, lines, root, "retry.attempts", retries.attempts(), Settings::positive, problems);
    Duration backoff = value(file, lines, root, "retry.backoff", retries.firstBackoff(),
        (f, k, v) -> positive(f, k, parseDuration(f, k, v.asText())), problems);
    int newMaxLine = value(file, lines, root, "ingest.max_line_bytes", maxLineBytes, Settings::positive, problems);
    SpoolSettings newSpool = new SpoolSettings(
        value(file, lines, root, "spool.folder", spool.folder(), (f, k, v) -> Path.of(v.asText()), problems),
        value(file, lines, root, "spool.every", spool.every(),
            (f, k, v) -> positive(f, k, parseDuration(f, k, v.asText())), problems),
        value(file, lines, root, "spool.settle", spool.settle(),
            (f, k, v) -> positive(f, k, parseDuration(f, k, v.asText())), problems),
        value(file, lines, root, "spool.finished", spool.deleteFinished(), Settings::deleteFinished, problems));
    LateSettings newLate = new LateSettings(
        value(file, lines, root, "late.rerun", late.rerun(), Settings::bool, problems),
        value(file, lines, root, "late.every", late.every(),
            (f, k, v) -> positive(f, k, parseDuration(f, k, v.asText())), problems),
        value(file, lines, root, "late.within", late.within(), (f, k, v) -> parseLookback(f, k, v.asText()),
            problems));
    AlertSettings newAlerts = new AlertSettings(
        value(file, lines, root, "alerts.hec.url", alerts.hecUrl(), Settings::httpUrl, problems),
        value(file, lines, root, "alerts.hec.token", alerts.hecToken(), (f, k, v) -> Optional.of(v.asText()), problems),
        value(file, lines, root, "alerts.hec.batch", alerts.hecBatch(), Settings::positive, problems),
        value(file, lines, root, "alerts.webhook.url", alerts.webhookUrl(), Settings::httpUrl, problems),
        value(file, lines, root, "alerts.syslog.host", alerts.syslogHost(), (f, k, v) -> Optional.of(v.asText()),
            problems),
        value(file, lines, root, "alerts.syslog.port", alerts.syslogPort(), Settings::port, problems),
        value(file, lines, root, "alerts.syslog.transport", alerts.syslogTransport(), Settings::transport, problems),
        value(file, lines, root, "alerts.every", alerts.every(),
            (f, k, v) -> positive(f, k, parseDuration(f, k, v.asText())), problems),
        value(file, lines, root, "alerts.backoff", alerts.backoff(),
            (f, k, v) -> positive(f, k, parseDuration(f, k, v.asText())), problems),
        value(file, lines, root, "alerts.max_backoff", alerts.maxBackoff(),
            (f, k, v) -> positive(f, k, parseDuration(f, k, v.asText())), problems),
        value(file, lines, root, "alerts.timeout", alerts.timeout(),
            (f, k, v) -> positive(f, k, parseDuration(f, k, v.asText())), problems));
    return new Settings(newIndex, newZone, newRisk, newLookback, new Retries(attempts, backoff), newMaxLine,
        newSpool, newLate, newAlerts, storeOverriddenBy(file, lines, root, problems));
  }

  /** {@code store.*}: a backend other than lucene or opensearch, or opensearch without urls, is a problem. */
  private StoreSettings storeOverriddenBy(Path file, YamlLines lines, JsonNode root, List<String> problems) {
    boolean openSearch = value(file, lines, root, "store.backend", store.openSearch().isPresent(),
        Settings::backend, problems);
    if (!openSearch) {
      return StoreSettings.LUCENE;
    }
    OpenSearchSettings before = store.openSearch().orElse(new OpenSearchSettings(List.of(), "vigil",
        Optional.empty(), Optional.empty(), 1, 1, Optional.empty()));
    OpenSearchSettings cluster = new OpenSearchSettings(
        value(file, lines, root, "store.opensearch.urls", before.urls(), Settings::httpUrls, problems),
        value(file, lines, root, "store.opensearch.index_prefix", before.indexPrefix(), Settings::indexPrefix,
            problems),
        value(file, lines, root, "store.opensearch.username", before.username(), (f, k, v) -> Optional.of(v.asText()),
            problems),
        value(file, lines, root, "store.opensearch.password", before.password(), (f, k, v) -> Optional.of(v.asText()),
            problems),
        value(file, lines, root, "store.opensearch.shards", before.shards(), Settings::positive, problems),
        value(file, lines, root, "store.opensearch.replicas", before.replicas(), Settings::zeroOrMore, problems),
        value(file, lines, root, "store.opensearch.ca_file", before.caFile(), Settings::certificates, problems));
    if (cluster.urls().isEmpty() && root.at("/store/backend").isTextual()
        && root.at("/store/opensearch/urls").isMissingNode()) {
      int line = lines.line("store.backend");
      problems.add(file + ":" + line + ": field store.backend: opensearch needs store.opensearch.urls, the"
          + " cluster's http:// or https:// addresses");
    }
    return new StoreSettings(Optional.of(cluster));
  }

  private static boolean backend(Path file, String field, JsonNode value) {
    return switch (value.asText()) {
      case "lucene" -> false;
      case "opensearch" -> true;
      default -> throw new ContentException(file, 0, field, "'" + value.asText() + "' is neither lucene nor opensearch");
    };
  }

  private static List<URI> httpUrls(Path file, String field, JsonNode value) {
    List<URI> urls = new ArrayList<>();
    if (value.isArray()) {
      value.forEach(url -> urls.add(httpUrl(file, field, url).orElseThrow()));
    } else {
      for (String url : value.asText().split(",")) {
        urls.add(httpUrl(file, field, new com.fasterxml.jackson.databind.node.TextNode(url.strip())).orElseThrow());
      }
    }
    return List.copyOf(urls);
  }

  private static String indexPrefix(Path file, String field, JsonNode value) {
    String prefix = value.asText();
    if (!prefix.matches("[a-z0-9][a-z0-9_-]*")) {
      throw new ContentException(file, 0, field, "'" + prefix + "' is not an index name prefix (lower-case letters,"
          + " digits, - and _)");
    }
    return prefix;
  }

  /** A file of PEM certificates, relative to the folder of the settings file that names it. */
  private static Optional<Path> certificates(Path file, String field, JsonNode value) {
    Path certificates = file.toAbsolutePath().getParent().resolve(value.asText()).normalize();
    if (!Files.isRegularFile(certificates)) {
      throw new ContentException(file, 0, field, "'" + value.asText() + "' is no file (" + certificates + ")");
    }
    try (java.io.InputStream in = Files.newInputStream(certificates)) {
      if (java.security.cert.CertificateFactory.getInstance("X.509").generateCertificates(in).isEmpty()) {
        throw new ContentException(file, 0, field, certificates + " holds no certificate");
      }
    } catch (java.io.IOException | java.security.cert.CertificateException e) {
      throw new ContentException(file, 0, field, certificates + " holds no PEM certificate: " + e.getMessage());
    }
    return Optional.of(certificates);
  }

  private static int zeroOrMore(Path file, String field, JsonNode value) {
    if (!value.canConvertToInt() || !value.isIntegralNumber() || value.asInt() < 0) {
      throw new ContentException(file, 0, field, "'" + value.asText() + "' is not a whole number of 0 or more");
    }
    return value.asInt();
  }

  private static <T> T value(Path file, YamlLines lines, JsonNode root, String key, T before, Parse<T> parse,
                             List<String> problems) {
    JsonNode value = root.at("/" + key.replace('.', '/'));
    if (value.isMissingNode() || value.isNull()) {
      return before;
    }
    try {
      return parse.parse(file, key, value);
    } catch (ContentException e) {
      // The parsers name file and key; the line is known here.
      String prefix = file + ":";
      String message = e.getMessage();
      int line = lines.line(key);
      problems.add(line > 0 && message.startsWith(prefix) ? prefix + line + ":" + message.substring(prefix.length())
          : message);
      return before;
    }
  }

  private static boolean deleteFinished(Path file, String field, JsonNode value) {
    return switch (value.asText()) {
      case "move" -> false;
      case "delete" -> true;
      default -> throw new ContentException(file, 0, field, "'" + value.asText() + "' is neither move nor delete");
    };
  }

  private static boolean bool(Path file, String field, JsonNode value) {
    if (!value.isBoolean()) {
      throw new ContentException(file, 0, field, "'" + value.asText() + "' is neither true nor false");
    }
    return value.asBoolean();
  }

  private static Optional<URI> httpUrl(Path file, String field, JsonNode value) {
    try {
      URI url = new URI(value.asText());
      if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme()) || url.getHost() == null) {
        throw new ContentException(file, 0, field, "'" + value.asText() + "' is not an http:// or https:// URL");
      }
      return Optional.of(url);
    } catch (URISyntaxException e) {
      throw new ContentException(file, 0, field, "'" + value.asText() + "' is not a URL: " + e.getReason());
    }
  }

  private static int port(Path file, String field, JsonNode value) {
    int port = positive(file, field, value);
    if (port > 65535) {
      throw new ContentException(file, 0, field, "'" + value.asText() + "' is not a port (1 to 65535)");
    }
    return port;
  }

  private static String transport(Path file, String field, JsonNode value) {
    String transport = value.asText();
    if (!List.of("udp", "tcp", "tls").contains(transport)) {
      throw new ContentException(file, 0, field, "'" + transport + "' is none of udp, tcp, tls");
    }
    return transport;
  }

  private static ZoneId zone(Path file, String field, JsonNode value) {
    try {
      return ZoneId.of(value.asText());
    } catch (DateTimeException e) {
      throw new ContentException(file, 0, field, "'" + value.asText() + "' is not an IANA zone");
    }
  }

  private static int positive(Path file, String field, JsonNode value) {
    if (!value.canConvertToInt() || !value.isIntegralNumber() || value.asInt() < 1) {
      throw new ContentException(file, 0, field, "'" + value.asText() + "' is not a whole number of at least 1");
    }
    return value.asInt();
  }

  private static Duration positive(Path file, String field, Duration duration) {
    if (duration.isNegative() || duration.isZero()) {
      throw new ContentException(file, 0, field, "it must be more than 0");
    }
    return duration;
  }

  /** The longest catch-up: a year of hourly runs is already 8,784 of them. */
  static final Duration MAX_LOOKBACK = Duration.ofDays(366);

  /** A lookback: {@code 90m}, {@code 24h}, {@code 7d} or seconds, more than nothing and at most {@link #MAX_LOOKBACK}. */
  static Duration parseLookback(Path file, String field, String text) {
    Duration lookback = parseDuration(file, field, text);
    if (lookback.isNegative() || lookback.isZero()) {
      throw new ContentException(file, 0, field, "'" + text + "' is not a lookback: it must be more than 0");
    }
    if (lookback.compareTo(MAX_LOOKBACK) > 0) {
      throw new ContentException(file, 0, field, "'" + text + "' is longer than the longest lookback, 366d");
    }
    return lookback;
  }

  /** A period of more than 0: {@code 90m}, {@code 24h}, {@code 7d} or seconds. */
  static Duration parsePeriod(Path file, String field, String text) {
    Duration period = parseDuration(file, field, text);
    if (period.isNegative() || period.isZero()) {
      throw new ContentException(file, 0, field, "'" + text + "' is not a period: it must be more than 0");
    }
    return period;
  }

  /** {@code 90m}, {@code 24h}, {@code 7d} or seconds. */
  private static Duration parseDuration(Path file, String field, String text) {
    String t = text.trim().toLowerCase(java.util.Locale.ROOT);
    try {
      if (t.endsWith("d")) {
        return Duration.ofDays(Long.parseLong(t.substring(0, t.length() - 1)));
      } else if (t.endsWith("h")) {
        return Duration.ofHours(Long.parseLong(t.substring(0, t.length() - 1)));
      } else if (t.endsWith("m")) {
        return Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1)));
      } else if (t.endsWith("s")) {
        return Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1)));
      }
      return Duration.ofSeconds(Long.parseLong(t));
    } catch (NumberFormatException | ArithmeticException e) {
      throw new ContentException(file, 0, field, "'" + text + "' is not a duration such as 90m, 24h or 7d");
    }
  }
}
