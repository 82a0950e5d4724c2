package dev.vigil.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class WindowTest {
  private static final Instant NOW = Instant.parse("2024-05-15T14:37:12Z");

  // SEMANTICS §1.4: earliest inclusive, latest exclusive
  @Test
  void earliestInclusiveLatestExclusive() {
    Window w = Window.resolve("-70m@m", "-10m@m", NOW, ZoneOffset.UTC);
    assertEquals(new Window(Instant.parse("2024-05-15T13:27:00Z"), Instant.parse("2024-05-15T14:27:00Z")), w);
    assertTrue(w.contains(Instant.parse("2024-05-15T13:27:00Z")));
    assertTrue(w.contains(Instant.parse("2024-05-15T14:26:59.999Z")));
    assertFalse(w.contains(Instant.parse("2024-05-15T14:27:00Z")));
    assertFalse(w.contains(Instant.parse("2024-05-15T13:26:59.999Z")));
  }

  // SEMANTICS §1.4: earliest=0 is all time
  @Test
  void allTime() {
    Window w = Window.resolve("0", "now", NOW, ZoneOffset.UTC);
    assertTrue(w.contains(Instant.EPOCH));
    assertTrue(w.contains(NOW.minusNanos(1)));
  }

  // SEMANTICS §1.6: latest before earliest names both values
  @Test
  void reversedWindowNamesBoth() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Window.resolve("-10m@m", "-70m@m", NOW, ZoneOffset.UTC));
    assertTrue(e.getMessage().contains("latest=-70m@m"), e.getMessage());
    assertTrue(e.getMessage().contains("earliest=-10m@m"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new Window(NOW, NOW.minusSeconds(1)));
    assertEquals(new Window(NOW, NOW), Window.resolve("now", "now", NOW, ZoneOffset.UTC));
  }

  @Test
  void parseErrorsPassThrough() {
    assertThrows(TimeModifierException.class, () -> Window.resolve("-5x", "now", NOW, ZoneOffset.UTC));
  }

  // SEMANTICS §2.7: hourly runs with -70m@m..-10m@m tile time: no gap, no overlap, 48 runs = 48 hours,
  // also across both daylight-saving changes (the hourly schedule fires on both passes of 01:00, §2.5)
  @ParameterizedTest(name = "{0} from {1}")
  @CsvSource({
      "UTC,              2024-05-15T00:00:00Z",
      "America/New_York, 2024-03-09T12:00:00Z",
      "America/New_York, 2024-11-02T12:00:00Z",
      "Europe/Berlin,    2024-10-26T12:00:00Z",
  })
  void consecutiveHourlyWindowsTile(String zoneId, String start) {
    ZoneId zone = ZoneId.of(zoneId);
    CronSchedule hourly = CronSchedule.parse("0 * * * *");
    TimeModifier earliest = TimeModifier.parse("-70m@m");
    TimeModifier latest = TimeModifier.parse("-10m@m");
    List<Window> windows = new ArrayList<>();
    Instant run = Instant.parse(start).minusNanos(1);
    for (int i = 0; i < 48; i++) {
      run = hourly.nextFireAfter(run, zone);
      windows.add(Window.of(earliest, latest, run, zone));
    }
    for (int i = 1; i < windows.size(); i++) {
      assertEquals(windows.get(i - 1).latest(), windows.get(i).earliest(), "gap or overlap before run " + i);
      assertEquals(Duration.ofHours(1), Duration.between(windows.get(i).earliest(), windows.get(i).latest()));
    }
    assertEquals(Duration.ofHours(48), Duration.between(windows.get(0).earliest(), windows.get(47).latest()));
  }
}
