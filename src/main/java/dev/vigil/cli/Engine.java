package dev.vigil.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.notable.NotableStore;
import dev.vigil.plan.DataSet;
import dev.vigil.query.DataSetBackends;
import dev.vigil.query.TstatsBackend;
import dev.vigil.query.Row;
import dev.vigil.query.SearchExecutor;
import dev.vigil.schedule.RuleRunner;
import dev.vigil.schedule.RunLedger;
import dev.vigil.schedule.Settings;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** The production wiring of index, query, risk store and ledger that {@code run}, {@code start} and {@code demo} share. */
final class Engine implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();

  final EventStore events;
  final RuleRunner runner;
  final EventStore.Risk risk;

  private Engine(EventStore events, RuleRunner runner, EventStore.Risk risk) {
    this.events = events;
    this.runner = runner;
    this.risk = risk;
  }

  /** Opens the engine over an index that {@code vigil ingest} made; a folder without one is an error. */
  static Engine open(Installation installation) throws IOException {
    Settings settings = installation.settings();
    Path indexDir = installation.indexDir();
    EventStore events = EventStore.open(installation);
    Consumer<String> warnings = Errors::warn;
    EventStore.Risk risk;
    NotableStore notables;
    try {
      risk = events.openRisk(indexDir.resolve(settings.riskFile()), warnings);
    } catch (IOException | RuntimeException e) {
      events.close();
      throw e;
    }
    try {
      notables = events.notables().open(indexDir, warnings);
    } catch (IOException | RuntimeException e) {
      try (events; risk) {
        throw e;
      }
    }
    TstatsBackend backends = dataSets(events, risk);
    RuleRunner runner = new RuleRunner(new SearchExecutor(backends, settings.zone(), installation.lookups()),
        events.indexTimes(), risk.store(), notables, new RunLedger(indexDir, warnings), installation.enrichment(),
        settings.zone(), installation.clock, warnings);
    return new Engine(events, runner, risk);
  }

  /** tstats over both data sets: the events, and the risk events as Risk.All_Risk. */
  static DataSetBackends dataSets(EventStore events, EventStore.Risk risk) {
    return new DataSetBackends(Map.of(DataSet.PROCESSES, events.processes(), DataSet.RISK, risk.allRisk()));
  }

  /** The rows as {@code output} says (NDJSON on stdout by default). */
  static void printRows(List<Row> rows, RowOutput output) throws IOException {
    try (RowOutput.Printer printer = output.open()) {
      for (Row row : rows) {
        printer.print(JSON.valueToTree(row.asMap()));
      }
    }
  }

  @Override
  public void close() throws IOException {
    try (EventStore.Risk closing = risk) {
      events.close();
    }
  }
}
