package dev.vigil.cli;

import dev.vigil.query.EventSource;
import dev.vigil.query.Row;
import dev.vigil.query.SearchExecutor;
import dev.vigil.spl.MacroExpander;
import dev.vigil.spl.MacroLibrary;
import dev.vigil.spl.SplException;
import dev.vigil.time.Window;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "search", mixinStandardHelpOptions = true,
    header = "Runs SPL over the index, ad hoc, writing nothing.",
    description = {
        "Runs SPL over the index, ad hoc: no risk events, no notables, nothing in the ledger. Any search Vigil runs"
            + " (| tstats … from datamodel=Endpoint.Processes or Risk.All_Risk, | inputlookup), with the macros of"
            + " config/macros and config/local/macros, or a search over the events themselves: 'search f=v | …' (or"
            + " just 'f=v | …'), the events newest first, their fields as CIM names them and _raw. At most --count"
            + " rows are printed, and a search over the events reads at most --max-events of them; stderr says when"
            + " either cut.",
        "",
        "Examples:",
        "  vigil search 'process_name=cmd.exe | table _time dest user process'",
        "  vigil search '| tstats count from datamodel=Endpoint.Processes by Processes.dest' --earliest -7d",
        "  vigil search '| tstats sum(All_Risk.calculated_risk_score) as score from datamodel=Risk.All_Risk"
            + " by All_Risk.risk_object'"})
final class SearchCommand implements Callable<Integer> {
  @Mixin
  Installation installation;

  @Mixin
  RowOutput rowOutput;

  @Parameters(paramLabel = "SPL", description = "The search.")
  String spl;

  @Option(names = "--earliest", paramLabel = "MODIFIER",
      description = "Window start, a time modifier or ISO-8601 time (default: 0, all time).")
  String earliest = "0";

  @Option(names = "--latest", paramLabel = "MODIFIER",
      description = "Window end, a time modifier or ISO-8601 time (default: now).")
  String latest = "now";

  @Option(names = "--count", paramLabel = "N", description = "The most rows to print (default: 100).")
  int count = 100;

  @Option(names = "--max-events", paramLabel = "N",
      description = "The most events a search over the events reads, newest first (default: 100000).")
  int maxEvents = 100_000;

  @Override
  public Integer call() throws Exception {
    if (count < 1 || maxEvents < 1) {
      throw new Errors.UsageException("--count and --max-events must be at least 1");
    }
    ZoneId zone = installation.settings().zone();
    Instant now = installation.clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    Window window;
    try {
      window = TimeArguments.window(earliest, latest, now, zone);
    } catch (RuntimeException e) {
      throw new Errors.UsageException("--earliest/--latest: " + e.getMessage());
    }
    String text = spl.strip();
    // The search bar's implicit search: a search that is not a pipeline of commands searches the events.
    if (!text.startsWith("|") && !text.toLowerCase(Locale.ROOT).startsWith("search ")) {
      text = "search " + text;
    }
    MacroLibrary macros = MacroLibrary.load(List.of(installation.home().macros(), installation.home().localMacros()));
    String expanded = new MacroExpander(macros).expand(text).text();
    java.nio.file.Path indexDir = installation.indexDir();
    try (EventStore store = EventStore.open(installation);
         EventStore.Risk risk = store.openRisk(indexDir.resolve(installation.settings().riskFile()), Errors::warn)) {
      EventSource events = store.events();
      // What the search over the events matched, to say when --max-events cut it.
      long[] matching = {-1};
      EventSource counted = (filter, limit) -> {
        EventSource.Events found = events.events(filter, limit);
        matching[0] = found.matching();
        return found;
      };
      SearchExecutor executor = new SearchExecutor(Engine.dataSets(store, risk), counted, maxEvents, zone,
          installation.lookups());
      List<Row> rows;
      try {
        rows = executor.execute(executor.parse(expanded), window, now, expanded);
      } catch (SplException e) {
        throw new Errors.UsageException(e.getMessage());
      }
      List<Row> shown = new ArrayList<>(rows.subList(0, Math.min(count, rows.size())));
      Engine.printRows(shown, rowOutput);
      long read = matching[0];
      System.err.println(shown.size() + (shown.size() == 1 ? " row" : " rows")
          + (rows.size() > shown.size() ? " of " + rows.size() + " (--count " + count + ")" : "")
          + (read > maxEvents ? "; read the newest " + maxEvents + " of " + read + " matching events (--max-events)" : "")
          + ", window [" + TimeArguments.iso(window.earliest(), zone) + ", " + TimeArguments.iso(window.latest(), zone)
          + ")");
    }
    return ExitCodes.OK;
  }
}
