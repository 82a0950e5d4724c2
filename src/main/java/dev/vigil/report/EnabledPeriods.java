package dev.vigil.report;

import dev.vigil.schedule.AuditLog;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * When a rule was enabled, from the audit log: each enable starts a period, each disable ends one. Before the
 * rule's first change it was in the state that change calls "previous". A rule the audit log never names is in
 * its configured state throughout, enabled from its {@code enabled_at} when that is set.
 */
public record EnabledPeriods(List<Period> enabled) {
  public EnabledPeriods {
    enabled = List.copyOf(enabled);
  }

  /**
   * @param changes      the audit log's changes, of every rule (only {@code rule}'s count)
   * @param enabledNow   whether the configuration enables the rule now
   * @param enabledSince its {@code enabled_at}, if any
   */
  public static EnabledPeriods of(String rule, List<AuditLog.Change> changes, boolean enabledNow,
                                  Optional<Instant> enabledSince) {
    List<AuditLog.Change> own = changes.stream().filter(c -> c.rule().equals(rule))
        .sorted(Comparator.comparing(AuditLog.Change::time)).toList();
    if (own.isEmpty()) {
      return new EnabledPeriods(enabledNow ? List.of(new Period(enabledSince.orElse(Instant.MIN), Instant.MAX))
          : List.of());
    }
    List<Period> periods = new ArrayList<>();
    Instant enabledFrom = own.get(0).previouslyEnabled() ? Instant.MIN : null;
    for (AuditLog.Change change : own) {
      if (change.enabled() && enabledFrom == null) {
        enabledFrom = change.time();
      } else if (!change.enabled() && enabledFrom != null) {
        periods.add(new Period(enabledFrom, change.time()));
        enabledFrom = null;
      }
    }
    if (enabledFrom != null) {
      periods.add(new Period(enabledFrom, Instant.MAX));
    }
    return new EnabledPeriods(periods);
  }

  public boolean enabledAt(Instant t) {
    return enabled.stream().anyMatch(p -> p.contains(t));
  }

  /** The parts of {@code period} in which the rule was disabled, oldest first. */
  public List<Period> disabledWithin(Period period) {
    List<Period> disabled = new ArrayList<>();
    Instant cursor = period.start();
    for (Period on : enabled) {
      Period inside = on.within(period);
      if (inside.isEmpty()) {
        continue;
      }
      if (inside.start().isAfter(cursor)) {
        disabled.add(new Period(cursor, inside.start()));
      }
      cursor = inside.end();
    }
    if (cursor.isBefore(period.end())) {
      disabled.add(new Period(cursor, period.end()));
    }
    return disabled;
  }
}
