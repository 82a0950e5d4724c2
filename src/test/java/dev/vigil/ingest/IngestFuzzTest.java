package dev.vigil.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each reader gets 10,000 events of its format mutated at random (bytes flipped, cut, repeated or inserted,
 * numbers made huge, line ends and NUL bytes put in) with the real events between them: no exception escapes,
 * every problem is counted, and every real event is still read. The seed is fixed; {@code -Dvigil.seed=S} tries
 * another.
 */
@Timeout(120)
class IngestFuzzTest {
  private static final long SEED = Long.getLong("vigil.seed", 20261202L);
  private static final int MUTATED = 10_000;
  private static final Clock NOW = Clock.fixed(Instant.parse("2026-12-01T00:00:00Z"), ZoneOffset.UTC);
  private static final byte[][] INSERTS = {
      {0}, {(byte) 0xff}, {(byte) 0xc3}, {'\n'}, {'\r'}, {'<'}, {'>'}, {'{'}, {'}'}, {'"'}, {'&'}, {'\\'},
      "1e999999999".getBytes(StandardCharsets.UTF_8), "-1e2147483647".getBytes(StandardCharsets.UTF_8),
      "<!DOCTYPE x [<!ENTITY a 'b'>]>".getBytes(StandardCharsets.UTF_8), "&a;".getBytes(StandardCharsets.UTF_8),
      "]]>".getBytes(StandardCharsets.UTF_8), "\\u0000".getBytes(StandardCharsets.UTF_8),
      "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[".getBytes(StandardCharsets.UTF_8)};

  static Stream<Arguments> formats() throws IOException {
    Path datasets = Ingested.DATASETS;
    List<String> crowdStrike = new ArrayList<>();
    for (int pid = 1000; pid < 1020; pid++) {
      crowdStrike.add(Samples.crowdStrike("ProcessRollup2", String.valueOf(1713805173418L + pid))
          .replace("\"5012\"", "\"" + pid + "\""));
    }
    return Stream.of(
        Arguments.of("Sysmon EventID 1 XML", lines(datasets.resolve("certutil_sysmon_eid1.xml.log"))),
        Arguments.of("Security 4688 XML", lines(datasets.resolve("certutil_security_4688.xml.log"))),
        Arguments.of("CrowdStrike ProcessRollup2 JSON", crowdStrike),
        Arguments.of("evtx-dump JSON, one object a line", lines(datasets.resolve("sigma_regression_process_creation.ndjson"))),
        Arguments.of("evtx-dump JSON, pretty-printed", List.of(
            Files.readString(datasets.resolve("evtx/proc_creation_win_certutil_decode.json")).strip(),
            Files.readString(datasets.resolve("evtx/proc_creation_win_reg_add_run_key.json")).strip())),
        Arguments.of("CIM NDJSON", cim()));
  }

  private static List<String> lines(Path file) throws IOException {
    return Files.readAllLines(file).stream().filter(line -> !line.isBlank()).toList();
  }

  private static List<String> cim() {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      lines.add("{\"_time\": " + (1716000000 + i) + ".25, \"dest\": \"host" + i + "\", \"user\": \"u" + i
          + "\", \"process\": \"cmd.exe /c echo " + i + "\", \"process_id\": " + (100 + i)
          + ", \"parent_process_name\": \"explorer.exe\"}");
    }
    return lines;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("formats")
  void mutatedEventsNeverStopTheReaderNorCostARealEvent(String format, List<String> events) throws IOException {
    Set<EventId> real = ids(read(String.join("\n", events).getBytes(StandardCharsets.UTF_8)).events());
    assertTrue(real.size() >= 2, format + ": the real events read on their own: " + real.size());

    Random random = new Random(SEED ^ format.hashCode());
    ByteArrayOutputStream file = new ByteArrayOutputStream();
    for (int i = 0; i < MUTATED; i++) {
      file.writeBytes(mutated(events.get(random.nextInt(events.size())).getBytes(StandardCharsets.UTF_8), random));
      file.write('\n');
      if (i % 50 == 0) {
        file.writeBytes(events.get(random.nextInt(events.size())).getBytes(StandardCharsets.UTF_8));
        file.write('\n');
      }
    }
    for (String event : events) {
      file.writeBytes(event.getBytes(StandardCharsets.UTF_8));
      file.write('\n');
    }

    Ingested read = read(file.toByteArray());

    assertEquals(read.problems().size(), read.summary().errors(), format + ": every problem is counted");
    Set<EventId> found = ids(read.events());
    Set<EventId> lost = new HashSet<>(real);
    lost.removeAll(found);
    assertEquals(Set.of(), lost, format + ", seed " + SEED + ": real events lost");
    assertTrue(read.problems().size() > MUTATED / 10, format + ": the mutations were bad often enough to test"
        + " something: " + read.problems().size() + " problems");
  }

  private static Ingested read(byte[] content) throws IOException {
    List<ProcessEvent> events = new ArrayList<>();
    List<IngestProblem> problems = new ArrayList<>();
    ReadSummary summary = new EventReader(NOW).read(new ByteArrayInputStream(content), "fuzz.log", events::add,
        problems::add);
    return new Ingested(events, problems, summary);
  }

  private static Set<EventId> ids(List<ProcessEvent> events) {
    Set<EventId> ids = new HashSet<>();
    events.forEach(event -> ids.add(EventId.of(event)));
    return ids;
  }

  /** One to three mutations of the event's bytes. */
  private static byte[] mutated(byte[] event, Random random) {
    byte[] bytes = event;
    for (int n = 1 + random.nextInt(3); n > 0 && bytes.length > 0; n--) {
      int at = random.nextInt(bytes.length);
      bytes = switch (random.nextInt(6)) {
        case 0 -> flipped(bytes, at, random);
        case 1 -> cut(bytes, at, Math.min(bytes.length, at + 1 + random.nextInt(40)));
        case 2 -> inserted(bytes, at, INSERTS[random.nextInt(INSERTS.length)]);
        case 3 -> inserted(bytes, at, Arrays.copyOfRange(bytes, at, Math.min(bytes.length, at + random.nextInt(60))));
        case 4 -> Arrays.copyOf(bytes, at);
        default -> digitsMadeHuge(bytes, at);
      };
    }
    return bytes;
  }

  private static byte[] flipped(byte[] bytes, int at, Random random) {
    byte[] copy = bytes.clone();
    copy[at] = (byte) random.nextInt(256);
    return copy;
  }

  private static byte[] cut(byte[] bytes, int from, int to) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(bytes, 0, from);
    out.write(bytes, to, bytes.length - to);
    return out.toByteArray();
  }

  private static byte[] inserted(byte[] bytes, int at, byte[] insert) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(bytes, 0, at);
    out.writeBytes(insert);
    out.write(bytes, at, bytes.length - at);
    return out.toByteArray();
  }

  /** The first digit at or after {@code at} followed by an exponent no number type holds. */
  private static byte[] digitsMadeHuge(byte[] bytes, int at) {
    for (int i = at; i < bytes.length; i++) {
      if (bytes[i] >= '0' && bytes[i] <= '9') {
        return inserted(bytes, i + 1, "e999999999".getBytes(StandardCharsets.UTF_8));
      }
    }
    return bytes;
  }
}
