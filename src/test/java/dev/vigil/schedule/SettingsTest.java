package dev.vigil.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vigil.TestHomes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Settings fail fast and completely: every problem of the settings files at once, each with file, line and key;
 * an unknown key is an error with the nearest known one; a lookback is more than nothing and at most a year.
 */
class SettingsTest {
  @TempDir
  Path temp;

  private Path homeWith(String settings) throws Exception {
    Path home = TestHomes.copyShipped(temp.resolve("home"));
    Files.createDirectories(home.resolve("config/local"));
    Files.writeString(home.resolve("config/local/vigil.yml"), settings);
    return home;
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "0h                    | '0h' is not a lookback: it must be more than 0",
      "-5h                   | '-5h' is not a lookback: it must be more than 0",
      "367d                  | '367d' is longer than the longest lookback, 366d",
      "99999999999999999d    | '99999999999999999d' is not a duration such as 90m, 24h or 7d",
      "soon                  | 'soon' is not a duration such as 90m, 24h or 7d"})
  void aNonsensicalLookbackIsAnError(String lookback, String message) throws Exception {
    Path home = homeWith("catch_up:\n  lookback: " + lookback + "\n");

    ContentException error = assertThrows(ContentException.class, () -> Settings.load(new Home(home)));

    assertEquals(home.resolve("config/local/vigil.yml") + ":2: field catch_up.lookback: " + message, error.getMessage());
  }

  @ParameterizedTest
  @CsvSource({"90m, PT1H30M", "24h, PT24H", "366d, PT8784H"})
  void aLookbackWithinBoundsIsTaken(String lookback, String expected) throws Exception {
    Path home = homeWith("catch_up:\n  lookback: " + lookback + "\n");

    assertEquals(Duration.parse(expected), Settings.load(new Home(home)).lookback());
  }

  @Test
  void everyProblemIsReportedAtOnceWithItsLineAndUnknownKeysGetADidYouMean() throws Exception {
    Path home = homeWith("time_zone: Mars/Olympus\ncatch_up:\n  lookbak: 6h\nretry:\n  attempts: 0\n"
        + "risk_output: x\nfrobnicate:\n  deep: 1\n");
    Path file = home.resolve("config/local/vigil.yml");

    ContentException error = assertThrows(ContentException.class, () -> Settings.load(new Home(home)));

    assertEquals(String.join("\n",
        file + ":3: unknown key 'catch_up.lookbak' (did you mean 'catch_up.lookback'?)",
        file + ":6: unknown key 'risk_output' (did you mean 'risk.output'?)",
        file + ":7: unknown key 'frobnicate'",
        file + ":1: field time_zone: 'Mars/Olympus' is not an IANA zone",
        file + ":5: field retry.attempts: '0' is not a whole number of at least 1"), error.getMessage());
  }

  @Test // "a configurable limit (default 1 MiB)"
  void theLongestLineIsASetting() throws Exception {
    assertEquals(1 << 20, Settings.load(new Home(TestHomes.copyShipped(temp.resolve("shipped")))).maxLineBytes());
    Path home = homeWith("ingest:\n  max_line_bytes: 4096\n");

    assertEquals(4096, Settings.load(new Home(home)).maxLineBytes());
  }

  @Test // issue 12: the store of events; a bad one is an error with its line, and the password is never printed
  void theStoreIsLuceneUnlessAClusterIsNamedWithItsUrls() throws Exception {
    assertTrue(Settings.load(new Home(TestHomes.copyShipped(temp.resolve("shipped")))).store().openSearch().isEmpty());
    Path home = homeWith("store:\n  backend: opensearch\n  opensearch:\n    urls: http://a:9200, https://b:9200\n"
        + "    username: vigil\n    password: hunter2\n    replicas: 0\n");
    Settings.OpenSearchSettings cluster = Settings.load(new Home(home)).store().openSearch().orElseThrow();
    assertEquals(List.of(java.net.URI.create("http://a:9200"), java.net.URI.create("https://b:9200")), cluster.urls());
    assertEquals("vigil", cluster.indexPrefix());
    assertEquals(0, cluster.replicas());
    assertEquals(1, cluster.shards());
    assertFalse(cluster.toString().contains("hunter2"), cluster.toString());

    Path file = Files.writeString(home.resolve("config/local/vigil.yml"), "store:\n  backend: elastic\n");
    ContentException backend = assertThrows(ContentException.class, () -> Settings.load(new Home(home)));
    assertEquals(file + ":2: field store.backend: 'elastic' is neither lucene nor opensearch", backend.getMessage());
    Files.writeString(file, "store:\n  backend: opensearch\n");
    ContentException urls = assertThrows(ContentException.class, () -> Settings.load(new Home(home)));
    assertEquals(file + ":2: field store.backend: opensearch needs store.opensearch.urls, the cluster's http:// or"
        + " https:// addresses", urls.getMessage());
    Files.writeString(file, "store:\n  backend: opensearch\n  opensearch:\n    urls: [ftp://x]\n    index_prefix: Vigil\n");
    ContentException both = assertThrows(ContentException.class, () -> Settings.load(new Home(home)));
    assertEquals(file + ":4: field store.opensearch.urls: 'ftp://x' is not an http:// or https:// URL\n"
        + file + ":5: field store.opensearch.index_prefix: 'Vigil' is not an index name prefix (lower-case letters,"
        + " digits, - and _)", both.getMessage());

    Files.writeString(home.resolve("config/local/not-a-ca.pem"), "no certificate\n");
    Files.writeString(file, "store:\n  backend: opensearch\n  opensearch:\n    urls: [https://a:9200]\n"
        + "    ca_file: missing.pem\n");
    ContentException missing = assertThrows(ContentException.class, () -> Settings.load(new Home(home)));
    assertEquals(file + ":5: field store.opensearch.ca_file: 'missing.pem' is no file ("
        + home.resolve("config/local/missing.pem").toAbsolutePath().normalize() + ")", missing.getMessage());
    Files.writeString(file, "store:\n  backend: opensearch\n  opensearch:\n    urls: [https://a:9200]\n"
        + "    ca_file: not-a-ca.pem\n");
    ContentException notPem = assertThrows(ContentException.class, () -> Settings.load(new Home(home)));
    assertTrue(notPem.getMessage().startsWith(file + ":5: field store.opensearch.ca_file: "
        + home.resolve("config/local/not-a-ca.pem").toAbsolutePath().normalize() + " hold"), notPem.getMessage());
  }
}
