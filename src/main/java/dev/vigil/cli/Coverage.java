package dev.vigil.cli;

import dev.vigil.time.Window;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Which parts of a period a set of windows searched, and which they left out (SEMANTICS §1.4, §2.7). */
final class Coverage {
  private Coverage() {}

  /** A stretch of time {@code [start, end)} that no window covered. */
  record Gap(Instant start, Instant end) {
    /** Uncovered minutes, a partial minute counting as one: windows are minute-snapped in practice. */
    long minutes() {
      Duration d = Duration.between(start, end);
      return d.toMinutes() + (d.toSecondsPart() > 0 || d.toNanosPart() > 0 ? 1 : 0);
    }
  }

  /** The parts of {@code [from, to)} outside every window, oldest first; windows may overlap and come in any order. */
  static List<Gap> gaps(Instant from, Instant to, List<Window> covering) {
    List<Gap> gaps = new ArrayList<>();
    Instant cursor = from;
    List<Window> sorted = covering.stream().sorted(Comparator.comparing(Window::earliest)).toList();
    for (Window w : sorted) {
      if (!cursor.isBefore(to)) {
        break;
      }
      if (w.earliest().isAfter(cursor)) {
        Instant end = w.earliest().isBefore(to) ? w.earliest() : to;
        gaps.add(new Gap(cursor, end));
      }
      if (w.latest().isAfter(cursor)) {
        cursor = w.latest();
      }
    }
    if (cursor.isBefore(to)) {
      gaps.add(new Gap(cursor, to));
    }
    return gaps;
  }
}
