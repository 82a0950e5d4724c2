package dev.vigil.report;

import dev.vigil.schedule.RunRecord;
import dev.vigil.time.CronSchedule;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * A rule's coverage in a period: every scheduled time in it with what became of it ({@link WindowState}), and
 * the same as segments, consecutive scheduled times of one state merged, as the timeline draws them. A segment
 * runs from its first scheduled time to the next scheduled time after its last (at most to the period's end).
 *
 * @param slots    every scheduled time of the period: the cron's, and any other the ledger holds (a cron since changed)
 * @param disabled when the rule was disabled in the period, to the instant, from the audit log
 */
public record RuleCoverage(String rule, Period period, List<Slot> slots, List<Segment> segments,
                           List<Period> disabled) {
  /** A scheduled time and its state; {@code run} is the ledger's latest record of it, if any. */
  public record Slot(Instant scheduled, WindowState state, Optional<RunRecord> run) {}

  /** {@code windows} consecutive scheduled times of one state, drawn over {@code [start, end)}. */
  public record Segment(WindowState state, Instant start, Instant end, int windows) {}

  /**
   * @param latest the ledger's latest record of each of the rule's scheduled times ({@code RunLedger.latestByRule})
   */
  public static RuleCoverage of(String rule, CronSchedule schedule, ZoneId zone, Period period,
                                Map<Instant, RunRecord> latest, EnabledPeriods enabled) {
    TreeSet<Instant> times = new TreeSet<>(schedule.fireTimesBetween(period.start(), period.end(), zone));
    latest.keySet().stream().filter(period::contains).forEach(times::add);
    List<Slot> slots = new ArrayList<>();
    for (Instant t : times) {
      Optional<RunRecord> run = Optional.ofNullable(latest.get(t));
      WindowState state = run.map(r -> WindowState.of(r.state()))
          .orElse(enabled.enabledAt(t) ? WindowState.GAP : WindowState.DISABLED);
      slots.add(new Slot(t, state, run));
    }
    return new RuleCoverage(rule, period, slots, segments(slots, schedule, zone, period),
        enabled.disabledWithin(period));
  }

  private static List<Segment> segments(List<Slot> slots, CronSchedule schedule, ZoneId zone, Period period) {
    List<Segment> segments = new ArrayList<>();
    int first = 0;
    for (int i = 1; i <= slots.size(); i++) {
      if (i == slots.size() || slots.get(i).state() != slots.get(first).state()) {
        Instant end = i < slots.size() ? slots.get(i).scheduled()
            : earlier(schedule.nextFireAfter(slots.get(i - 1).scheduled(), zone), period.end());
        segments.add(new Segment(slots.get(first).state(), slots.get(first).scheduled(), end, i - first));
        first = i;
      }
    }
    return segments;
  }

  private static Instant earlier(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }

  /** How many scheduled times are in each state, in the enum's order, states with none left out. */
  public Map<WindowState, Integer> counts() {
    Map<WindowState, Integer> counts = new EnumMap<>(WindowState.class);
    slots.forEach(s -> counts.merge(s.state(), 1, Integer::sum));
    return counts;
  }
}
