package dev.vigil.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vigil.time.Window;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Gaps are the parts of the period outside every window; windows are [earliest, latest) (SEMANTICS §1.4). */
class CoverageTest {
  private static Instant at(String hhmm) {
    return Instant.parse("2024-05-15T" + hhmm + ":00Z");
  }

  private static Window w(String from, String to) {
    return new Window(at(from), at(to));
  }

  @Test
  void touchingWindowsLeaveNoGap() {
    assertEquals(List.of(), Coverage.gaps(at("10:00"), at("13:00"), List.of(w("11:00", "12:00"), w("10:00", "11:00"),
        w("12:00", "13:00"))));
  }

  @Test
  void overlapsUnorderedAndOutsideWindowsStillFindEveryGap() {
    List<Coverage.Gap> gaps = Coverage.gaps(at("10:00"), at("14:00"), List.of(w("12:30", "13:00"), w("09:00", "10:30"),
        w("10:15", "11:00"), w("12:00", "12:40"), w("15:00", "16:00")));
    assertEquals(List.of(new Coverage.Gap(at("11:00"), at("12:00")), new Coverage.Gap(at("13:00"), at("14:00"))), gaps);
    assertEquals(60, gaps.get(0).minutes());
  }

  @Test
  void noWindowsIsOneGapAndAPartialMinuteCounts() {
    List<Coverage.Gap> gaps = Coverage.gaps(at("10:00"), Instant.parse("2024-05-15T10:01:30Z"), List.of());
    assertEquals(1, gaps.size());
    assertEquals(2, gaps.get(0).minutes());
  }
}
