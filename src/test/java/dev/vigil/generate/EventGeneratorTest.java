package dev.vigil.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class EventGeneratorTest {
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
  private static final Instant END = EventGenerator.DEFAULT_END;

  @ParameterizedTest
  @EnumSource(OutputFormat.class)
  void theSameOptionsGiveTheSameBytesAndAnotherSeedOthers(OutputFormat format) throws Exception {
    EventGenerator.Options options = new EventGenerator.Options(3_000, 6, 42, END);
    byte[] first = bytes(options, format);
    assertArrayEquals(first, bytes(options, format));
    assertFalse(java.util.Arrays.equals(first, bytes(new EventGenerator.Options(3_000, 6, 43, END), format)));
  }

  @Test
  void eventsSpanTheHoursBeforeTheEndInRoughTimeOrder() throws Exception {
    List<JsonNode> events = cim(new EventGenerator.Options(20_000, 6, 5, END));
    assertEquals(20_000, events.size());
    long start = END.minusSeconds(6 * 3600).toEpochMilli();
    long latestSoFar = start;
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    for (JsonNode event : events) {
      long time = event.get("_time").decimalValue().movePointRight(3).longValueExact();
      assertTrue(time >= start && time < END.toEpochMilli(), "outside the span: " + event);
      // The background strays at most 2 s either way from its slot; planted events sit between slots.
      assertTrue(time >= latestSoFar - 4_000, "out of rough order: " + event);
      latestSoFar = Math.max(latestSoFar, time);
      first = Math.min(first, time);
      last = Math.max(last, time);
    }
    assertTrue(first - start < 10_000, "starts near the start");
    assertTrue(END.toEpochMilli() - last < 10_000, "ends near the end");
  }

  @Test
  void anotherEndMovesEveryEventByTheDifference() throws Exception {
    List<JsonNode> base = cim(new EventGenerator.Options(1_000, 2, 9, END));
    List<JsonNode> later = cim(new EventGenerator.Options(1_000, 2, 9, END.plusSeconds(3600)));
    for (int i = 0; i < base.size(); i++) {
      assertEquals(0, base.get(i).get("_time").decimalValue().add(java.math.BigDecimal.valueOf(3600))
          .compareTo(later.get(i).get("_time").decimalValue()), later.get(i).toString());
      assertEquals(base.get(i).get("process"), later.get(i).get("process"));
    }
  }

  @Test
  void aFleetOfHostsUsersAndZipfSkewedProgramsWithMostlyUniqueCommandLines() throws Exception {
    List<JsonNode> events = cim(new EventGenerator.Options(20_000, 24, 1, END));
    Set<String> hosts = new HashSet<>();
    Set<String> users = new HashSet<>();
    Set<String> commandLines = new HashSet<>();
    Map<String, Integer> names = new HashMap<>();
    for (JsonNode event : events) {
      hosts.add(event.get("dest").asText());
      users.add(event.get("user").asText());
      commandLines.add(event.get("process").asText());
      names.merge(event.get("process_name").asText(), 1, Integer::sum);
      int length = event.get("process").asText().length();
      assertTrue(length <= 300, "too long: " + event);
      assertTrue(length >= 40 || isPlanted(event), "too short: " + event);
      assertTrue(event.get("process_path").asText().endsWith(event.get("process_name").asText()));
    }
    // 20,000 draws from 2,000 hosts miss almost none; from 5,000 users about 2 % (and services run as SYSTEM).
    assertTrue(hosts.size() > 1_900 && hosts.size() <= 2_000 + 3, "hosts: " + hosts.size());
    assertTrue(users.size() > 4_000 && users.size() <= 5_000 + 2, "users: " + users.size());
    assertTrue(commandLines.size() > 0.8 * events.size(), "unique command lines: " + commandLines.size());
    int top = names.values().stream().mapToInt(Integer::intValue).max().orElseThrow();
    // Zipf with exponent 1 over 300 programs: the first has 1/H(300) = 16 % of the events.
    assertTrue(top > 0.12 * events.size() && top < 0.20 * events.size(), "most frequent program: " + top);
    assertTrue(names.size() > 200 && names.size() <= ProcessCatalog.PROGRAMS + 40, "programs: " + names.size());
  }

  @Test
  void optionsThatCannotWorkAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> new EventGenerator.Options(1_000, 0, 1, END));
    assertThrows(IllegalArgumentException.class,
        () -> new EventGenerator.Options(EventGenerator.plantedEvents() - 1, 24, 1, END));
    new EventGenerator.Options(EventGenerator.plantedEvents(), 24, 1, END);
  }

  private static boolean isPlanted(JsonNode event) {
    return PlantedIncidents.all().stream().flatMap(i -> i.commandLines().stream())
        .anyMatch(event.get("process").asText()::equals);
  }

  private static byte[] bytes(EventGenerator.Options options, OutputFormat format) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    EventGenerator.generate(options, format, out);
    return out.toByteArray();
  }

  private static List<JsonNode> cim(EventGenerator.Options options) throws Exception {
    String text = new String(bytes(options, OutputFormat.CIM), StandardCharsets.UTF_8);
    return text.lines().map(line -> {
      try {
        return JSON.readTree(line);
      } catch (Exception e) {
        throw new AssertionError("not JSON: " + line, e);
      }
    }).toList();
  }
}
