package dev.vigil.schedule;

import dev.vigil.notable.Notable;
import dev.vigil.notable.NotableBuilder;
import dev.vigil.notable.NotableRule;
import dev.vigil.notable.NotableStore;
import dev.vigil.plan.PlanCompiler;
import dev.vigil.query.Row;
import dev.vigil.query.SearchExecutor;
import dev.vigil.risk.RiskEnrichment;
import dev.vigil.risk.RiskEvent;
import dev.vigil.risk.RiskEventBuilder;
import dev.vigil.risk.RiskRule;
import dev.vigil.risk.RiskStore;
import dev.vigil.spl.Command;
import dev.vigil.store.IndexTimes;
import dev.vigil.store.IoProblems;
import dev.vigil.time.Window;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs one rule for one window: search, risk events, ledger. The window comes from the run's scheduled
 * time, never from the wall clock (SEMANTICS §2.6).
 */
public final class RuleRunner {
  private final SearchExecutor executor;
  private final IndexTimes indexTimes;
  private final RiskStore<?> riskStore;
  private final RunLedger ledger;
  private final RunResults results;
  private final NotableStore notables;
  private final RiskEnrichment enrichment;
  private final ZoneId zone;
  private final Clock clock;
  private final Consumer<String> warnings;

  /** @param indexTimes the index times of the store {@code executor} searches, to record what each run saw */
  public RuleRunner(SearchExecutor executor, IndexTimes indexTimes, RiskStore<?> riskStore, RunLedger ledger, ZoneId zone,
                    Clock clock, Consumer<String> warnings) {
    this(executor, indexTimes, riskStore, ledger, RiskEnrichment.NONE, zone, clock, warnings);
  }

  /**
   * @param enrichment the assets and identities that give risk objects and notables their priority, and the
   *                   tactics of techniques; notables go to the index folder of {@code ledger}
   */
  public RuleRunner(SearchExecutor executor, IndexTimes indexTimes, RiskStore<?> riskStore, RunLedger ledger,
                    RiskEnrichment enrichment, ZoneId zone, Clock clock, Consumer<String> warnings) {
    this(executor, indexTimes, riskStore, NotableStore.open(ledger.indexDir(), warnings), ledger, enrichment, zone,
        clock, warnings);
  }

  /** @param notables where notables go, in the index folder of {@code ledger} */
  public RuleRunner(SearchExecutor executor, IndexTimes indexTimes, RiskStore<?> riskStore, NotableStore notables,
                    RunLedger ledger, RiskEnrichment enrichment, ZoneId zone, Clock clock, Consumer<String> warnings) {
    this.executor = executor;
    this.indexTimes = indexTimes;
    this.riskStore = riskStore;
    this.ledger = ledger;
    this.results = new RunResults(ledger.indexDir());
    this.notables = notables;
    this.enrichment = enrichment;
    this.zone = zone;
    this.clock = clock;
    this.warnings = warnings;
  }

  /**
   * What a run found and wrote.
   *
   * @param indexedThrough the latest index time of the events the search could see; {@link Instant#EPOCH} when it
   *                       saw none (no event is indexed before 1990)
   */
  public record Result(Window window, List<Row> rows, List<RiskEvent> riskEventsWritten, List<Notable> notablesWritten,
                       int notablesSuppressed, Instant indexedThrough) {}

  /** The window a rule searches when scheduled at {@code scheduled} (SEMANTICS §2.7). */
  public Window windowOf(Rule rule, Instant scheduled) {
    return Window.resolve(rule.deployment().earliest(), rule.deployment().latest(), scheduled, zone);
  }

  /**
   * Runs the rule over {@code window} and writes its risk events when {@code writeRisk}; does not touch the
   * ledger. For runs by hand.
   */
  public Result run(Rule rule, Window window, Instant scheduled, boolean writeRisk) throws IOException {
    Rule.PreparedSearch search = rule.prepare(executor);
    // Taken before the search: its reader holds at least these events, so nothing it missed is counted as seen.
    long through = indexTimes.indexedThrough();
    List<Row> rows = executor.execute(search.pipeline(), window, scheduled, search.expandedSpl());
    List<RiskEvent> written = List.of();
    NotableStore.Appended notablesWritten = new NotableStore.Appended(List.of(), 0);
    if (writeRisk && rule.deployment().riskEnabled()) {
      List<RiskEvent> events = RiskEventBuilder.build(riskRule(rule, search), rows, window, scheduled,
          clock.instant(), enrichment, warnings);
      written = riskStore.append(events);
    }
    if (writeRisk && rule.deployment().notable().isPresent()) {
      NotableRule notableRule = notableRule(rule, search, rule.deployment().notable().get());
      notablesWritten = notables.append(NotableBuilder.build(notableRule, rows, window, scheduled, clock.instant(),
          enrichment.assets()), notableRule.throttle());
    }
    return new Result(window, rows, written, notablesWritten.written(), notablesWritten.suppressed(),
        through == IndexTimes.NONE ? Instant.EPOCH : Instant.ofEpochMilli(through));
  }

  /**
   * A run by hand ({@code vigil run}); one that writes risk events or notables is recorded in the ledger as {@code manual},
   * so that every risk event traces back to a run.
   */
  public Result runByHand(Rule rule, Window window, Instant scheduled, boolean writeRisk) throws IOException {
    Instant started = clock.instant();
    Result result = run(rule, window, scheduled, writeRisk);
    if (writeRisk && (rule.deployment().riskEnabled() || rule.deployment().notable().isPresent())) {
      ledger.append(new RunRecord(rule.stem(), scheduled, window.earliest(), window.latest(), RunRecord.State.MANUAL,
          result.rows().size(), result.riskEventsWritten().size(), millisSince(started), null, clock.instant(),
          null, result.notablesWritten().size(), result.notablesSuppressed()));
    }
    return result;
  }

  /**
   * A scheduled run, recorded in the ledger: {@code running} first, then its final state. Failures are
   * recorded, not thrown, so that one bad rule never stops the scheduler.
   *
   * @param finalState {@code OK} for a run at its time, {@code CAUGHT_UP} for one run late after downtime,
   *                   {@code RERUN} for a window run again for events that arrived after it ran
   */
  public RunRecord runScheduled(Rule rule, Instant scheduled, RunRecord.State finalState) throws IOException {
    Instant started = clock.instant();
    Window window;
    try {
      window = windowOf(rule, scheduled);
    } catch (RuntimeException e) {
      RunRecord failed = new RunRecord(rule.stem(), scheduled, scheduled, scheduled, RunRecord.State.FAILED, 0, 0, 0,
          e.getMessage(), started);
      ledger.append(failed);
      return failed;
    }
    ledger.append(new RunRecord(rule.stem(), scheduled, window.earliest(), window.latest(), RunRecord.State.RUNNING,
        0, 0, 0, null, started));
    RunRecord done;
    try {
      Result result = run(rule, window, scheduled, true);
      if (!rule.deployment().riskEnabled()) {
        results.keep(rule.stem(), scheduled, result.rows());
      }
      done = new RunRecord(rule.stem(), scheduled, window.earliest(), window.latest(), finalState,
          result.rows().size(), result.riskEventsWritten().size(), millisSince(started), null, clock.instant(),
          result.indexedThrough(), result.notablesWritten().size(), result.notablesSuppressed());
    } catch (IOException | RuntimeException e) {
      String error = e instanceof IOException io ? IoProblems.describe(io) : String.valueOf(e.getMessage());
      done = new RunRecord(rule.stem(), scheduled, window.earliest(), window.latest(), RunRecord.State.FAILED,
          0, 0, millisSince(started), error, clock.instant());
    }
    ledger.append(done);
    return done;
  }

  public void recordSkipped(Rule rule, Instant scheduled) throws IOException {
    Window window = windowOf(rule, scheduled);
    ledger.append(new RunRecord(rule.stem(), scheduled, window.earliest(), window.latest(), RunRecord.State.SKIPPED,
        0, 0, 0, null, clock.instant()));
  }

  /** Empty when the rule's search loads; else the problem, positioned in the rule file (SEMANTICS §4.7). */
  public java.util.Optional<String> check(Rule rule) {
    return RuleCheck.problem(rule, executor);
  }

  public RunLedger ledger() {
    return ledger;
  }

  private long millisSince(Instant started) {
    return Math.max(0, clock.millis() - started.toEpochMilli());
  }

  /** The notable side of a detection with {@code alert_action.notable}. */
  static NotableRule notableRule(Rule rule, Rule.PreparedSearch search, Deployment.Notable notable) {
    Detection d = rule.detection();
    return new NotableRule(d.id(), rule.stem(), d.searchName(), d.name(), d.description().strip(), d.securityDomain(),
        d.score(), notable.ruleTitle(), notable.ruleDescription(), notable.nesFields(), groupFields(search),
        search.expandedSpl(), rule.deployment().suppression().map(Deployment.Suppression::period),
        rule.deployment().suppression().map(Deployment.Suppression::fields).orElse(List.of()));
  }

  private static List<String> groupFields(Rule.PreparedSearch search) {
    List<String> groupFields = new ArrayList<>();
    if (search.pipeline().first() instanceof Command.Tstats tstats) {
      for (String field : tstats.groupBy()) {
        groupFields.add(PlanCompiler.dataSetOf(tstats).storedField(field));
      }
    }
    return groupFields;
  }

  /** The risk side of a detection: victims are risk objects, attackers threat objects (SEMANTICS §5.1). */
  public static RiskRule riskRule(Rule rule, Rule.PreparedSearch search) {
    Detection d = rule.detection();
    int score = d.score();
    List<RiskRule.RiskObject> riskObjects = new ArrayList<>();
    List<RiskRule.ThreatObject> threatObjects = new ArrayList<>();
    for (Detection.Observable o : d.observables()) {
      if (o.roles().contains("Victim")) {
        riskObjects.add(new RiskRule.RiskObject(o.name(), RiskRule.riskObjectType(o.type()), score));
      }
      if (o.roles().contains("Attacker")) {
        threatObjects.add(new RiskRule.ThreatObject(o.name(), RiskRule.threatObjectType(o.type())));
      }
    }
    return new RiskRule(d.id(), d.searchName(), d.message(), riskObjects, threatObjects, d.mitreAttackIds(),
        d.analyticStories(), groupFields(search));
  }
}
