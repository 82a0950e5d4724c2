package dev.vigil.cli;

import dev.vigil.Warnings;
import dev.vigil.lookup.LookupTables;
import dev.vigil.lucene.LuceneTstats;
import dev.vigil.query.SearchExecutor;
import dev.vigil.risk.RiskStore;
import dev.vigil.schedule.Home;
import dev.vigil.schedule.RuleCatalog;
import dev.vigil.schedule.RuleRunner;
import dev.vigil.schedule.RunLedger;
import dev.vigil.schedule.RunRecord;
import dev.vigil.store.EventIndex;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/** A scheduled run of a rule, as the daemon makes it, at a fixed time (the daemon itself is tested with a clock). */
final class ScheduledRuns {
  private ScheduledRuns() {}

  static RunRecord run(Path home, Path index, String rule, Instant scheduled) throws Exception {
    Home installation = new Home(home);
    try (EventIndex events = EventIndex.openExisting(index)) {
      RuleRunner runner = new RuleRunner(new SearchExecutor(new LuceneTstats(events), ZoneOffset.UTC,
          LookupTables.load(List.of(installation.lookups(), installation.localLookups()))), events,
          RiskStore.open(index, index.resolve("risk/risk-events.ndjson"), Warnings.UNEXPECTED),
          new RunLedger(index, Warnings.UNEXPECTED), ZoneOffset.UTC,
          Clock.fixed(scheduled.plusSeconds(3), ZoneOffset.UTC), Warnings.UNEXPECTED);
      return runner.runScheduled(RuleCatalog.load(installation).find(rule).orElseThrow(), scheduled,
          RunRecord.State.OK);
    }
  }
}
