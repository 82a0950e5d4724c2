package dev.vigil.schedule;

import dev.vigil.store.IndexTimes;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Windows that ran but now hold events indexed after their run: what a scheduler that never looks back misses
 * for good. Each searched run records the latest index time it could see ({@link RunRecord#indexedThrough()});
 * an event of its window indexed later is one the run did not search.
 */
public final class LateData {
  private final RunLedger ledger;
  private final IndexTimes indexTimes;

  public LateData(RunLedger ledger, IndexTimes indexTimes) {
    this.ledger = ledger;
    this.indexTimes = indexTimes;
  }

  /**
   * A window whose last run missed events.
   *
   * @param run         the latest finished record of the window's scheduled time
   * @param lateEvents  how many events of the window were indexed after it
   * @param lastIndexed when the latest of them was indexed
   */
  public record LateWindow(RunRecord run, long lateEvents, Instant lastIndexed) {}

  /**
   * The late windows of {@code rule} (all rules when empty) scheduled at or after {@code since}, by rule in name
   * order, each oldest first. Only the latest record of a scheduled time counts: a window run again since is late
   * only for what came after that. Runs recorded without what they saw (before index times were kept) are left out.
   */
  public List<LateWindow> find(Optional<String> rule, Instant since) throws IOException {
    List<LateWindow> late = new ArrayList<>();
    for (Map.Entry<String, Map<Instant, RunRecord>> byRule : ledger.latestByRule().entrySet()) {
      if (rule.isPresent() && !rule.get().equals(byRule.getKey())) {
        continue;
      }
      for (RunRecord run : byRule.getValue().values()) {
        if (run.scheduled().isBefore(since) || !run.state().searched() || run.indexedThrough() == null) {
          continue;
        }
        IndexTimes.LateEvents events = indexTimes.indexedAfter(run.earliest().toEpochMilli(),
            run.latest().toEpochMilli(), run.indexedThrough().toEpochMilli());
        if (events.count() > 0) {
          late.add(new LateWindow(run, events.count(), Instant.ofEpochMilli(events.lastIndexTime())));
        }
      }
    }
    return late;
  }
}
