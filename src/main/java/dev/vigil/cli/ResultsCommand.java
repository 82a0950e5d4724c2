package dev.vigil.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.schedule.Rule;
import dev.vigil.schedule.RunLedger;
import dev.vigil.schedule.RunRecord;
import dev.vigil.schedule.RunResults;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "results", mixinStandardHelpOptions = true,
    header = "Prints the rows of a Hunting rule's scheduled run.",
    description = {
        "Prints the result rows of a scheduled run of a rule that writes no risk events (a Hunting "
            + "search), as NDJSON on stdout: every such run keeps its rows in index/results/, written before "
            + "the run is recorded as finished. stderr says which run and its window.",
        "",
        "Examples:",
        "  vigil results windows_command_and_scripting_interpreter_hunting_path_traversal",
        "vigil results windows_command_and_scripting_interpreter_hunting_path_traversal --run "
            + "2024-05-15T14:00:00Z"})
final class ResultsCommand implements Callable<Integer> {
  @Mixin
  Installation installation;

  @Mixin
  RowOutput rowOutput;

  @Parameters(paramLabel = "RULE", description = "The rule: file stem, name or id.")
  String reference;

  @Option(names = "--run", paramLabel = "TIME",
      description = "The run's scheduled time, ISO-8601 or a time modifier (default: the latest run that kept rows).")
  String run;

  @Override
  public Integer call() throws Exception {
    ZoneId zone = installation.settings().zone();
    Rule rule = installation.rule(reference);
    RunResults results = new RunResults(installation.indexDir());
    List<Instant> runs = results.runs(rule.stem());
    if (runs.isEmpty()) {
      throw new Errors.UsageException(rule.stem() + " has no run with kept rows in " + installation.indexDir()
          + (rule.deployment().riskEnabled() ? ": its runs write risk events instead (vigil runs, and the risk file)"
              : ": it has not run on a schedule yet (vigil runs " + rule.stem() + ")"));
    }
    Instant scheduled = run == null ? runs.get(runs.size() - 1)
        : TimeArguments.parse(run, installation.clock.instant(), zone);
    List<JsonNode> rows = results.of(rule.stem(), scheduled).orElseThrow(() -> new Errors.UsageException(
        rule.stem() + " has no run scheduled at " + TimeArguments.iso(scheduled, zone) + " with kept rows; its latest: "
            + runs.subList(Math.max(0, runs.size() - 3), runs.size()).stream()
                .map(t -> TimeArguments.iso(t, zone)).toList()));
    try (RowOutput.Printer printer = rowOutput.open()) {
      for (JsonNode row : rows) {
        printer.print(row);
      }
    }
    RunRecord record = new RunLedger(installation.indexDir(), Errors::warn)
        .latestByScheduledTime(rule.stem()).get(scheduled);
    System.err.println(rule.stem() + " run scheduled " + TimeArguments.iso(scheduled, zone) + ": " + rows.size()
        + (rows.size() == 1 ? " row" : " rows") + (record == null ? "" : ", window [" + TimeArguments.iso(record.earliest(),
            zone) + ", " + TimeArguments.iso(record.latest(), zone) + "), " + record.state().label()));
    return ExitCodes.OK;
  }
}
