package dev.vigil.cli;

import dev.vigil.schedule.LateData;
import dev.vigil.schedule.Rule;
import dev.vigil.schedule.RuleCatalog;
import dev.vigil.schedule.RunRecord;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "late", mixinStandardHelpOptions = true,
    header = "Lists the windows that received events after they ran.", sortOptions = false,
    description = {
        "Lists the windows that already ran but now hold events indexed after their run: events that "
            + "arrived late (a forwarder that was down, a file copied in later) and that the run could not "
            + "search. Splunk's scheduler misses these silently. Each searched run records the latest index "
            + "time it saw; an event of its window indexed later is late.",
        "",
        "stdout gets one NDJSON line per late window, by rule, oldest first:",
        "  {\"rule\":…,\"scheduled\":…,\"earliest\":…,\"latest\":…,\"ran\":…,\"late_events\":3,",
        "   \"last_indexed\":…,\"minutes_late\":42}",
        "minutes_late is from the end of the window to the last late event's index time. With --rerun "
            + "each late window is run again (state rerun in the ledger): its risk events keep their ids, so "
            + "only the new ones are written. 'late.rerun: true' makes 'vigil start' do this itself.",
        "",
        "Exit code 1 when a window is late and not rerun, or a rerun failed; 0 when none is late.",
        "",
        "Examples:",
        "  vigil late",
        "  vigil late windows_iis_components_add_new_module --since -7d@d",
        "  vigil late --rerun"})
final class LateCommand implements Callable<Integer> {
  @Mixin
  Installation installation;

  @Mixin
  RowOutput rowOutput;

  @Parameters(paramLabel = "RULE", arity = "0..1",
      description = "Only this rule (file stem, name or id; default: every rule in the ledger).")
  String reference;

  @Option(names = "--since", paramLabel = "TIME",
      description = "Only windows scheduled at or after this time, ISO-8601 or a time modifier such as -7d@d"
          + " (default: every window in the ledger).")
  String since;

  @Option(names = "--rerun", description = "Run each late window again and write its new risk events.")
  boolean rerun;

  @Override
  public Integer call() throws Exception {
    ZoneId zone = installation.settings().zone();
    Instant from = since != null ? TimeArguments.parse(since, installation.clock.instant(), zone) : Instant.MIN;
    RuleCatalog catalog = installation.catalog();
    Optional<String> rule = Optional.ofNullable(reference).map(r -> installation.rule(catalog, r).stem());
    try (Engine engine = Engine.open(installation)) {
      List<LateData.LateWindow> late = new LateData(engine.runner.ledger(), engine.events.indexTimes()).find(rule, from);
      int failed = 0;
      try (RowOutput.Printer printer = rowOutput.open()) {
        for (LateData.LateWindow window : late) {
          printer.print(line(window, zone));
        }
      }
      for (LateData.LateWindow window : late) {
        RunRecord run = window.run();
        if (!rerun) {
          continue;
        }
        Optional<Rule> current = catalog.named(run.rule());
        if (current.isEmpty()) {
          System.err.println(run.rule() + ": no longer in the catalog; window " + run.scheduled() + " not rerun");
          failed++;
          continue;
        }
        RunRecord again = engine.runner.runScheduled(current.get(), run.scheduled(), RunRecord.State.RERUN);
        failed += again.state() == RunRecord.State.FAILED ? 1 : 0;
        System.err.printf("%s: window [%s, %s) scheduled %s rerun: %s%n", run.rule(), again.earliest(),
            again.latest(), run.scheduled(), again.state() == RunRecord.State.FAILED ? "failed: " + again.error()
                : again.rows() + " rows, " + again.riskEvents() + " new risk events");
      }
      System.err.println(late.isEmpty() ? "no late windows" + (rule.map(r -> " for " + r).orElse(""))
          : late.size() + (late.size() == 1 ? " late window, " : " late windows, ")
              + late.stream().mapToLong(LateData.LateWindow::lateEvents).sum() + " late events"
              + (rerun ? ", " + (late.size() - failed) + " rerun" + (failed > 0 ? ", " + failed + " failed" : "")
                  : ": give --rerun to run them again"));
      return late.isEmpty() || (rerun && failed == 0) ? ExitCodes.OK : ExitCodes.FINDINGS;
    }
  }

  private static com.fasterxml.jackson.databind.node.ObjectNode line(LateData.LateWindow window, ZoneId zone) {
    RunRecord run = window.run();
    return Engine.JSON.createObjectNode()
        .put("rule", run.rule())
        .put("scheduled", TimeArguments.iso(run.scheduled(), zone))
        .put("earliest", TimeArguments.iso(run.earliest(), zone))
        .put("latest", TimeArguments.iso(run.latest(), zone))
        .put("ran", TimeArguments.iso(run.recorded(), zone))
        .put("late_events", window.lateEvents())
        .put("last_indexed", TimeArguments.iso(window.lastIndexed(), zone))
        .put("minutes_late", Math.max(0, Duration.between(run.latest(), window.lastIndexed()).toMinutes()));
  }
}
