package dev.vigil.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.schedule.RuleCatalog;
import dev.vigil.schedule.RunLedger;
import dev.vigil.schedule.RunRecord;
import dev.vigil.time.Window;
import java.nio.file.Files;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "runs", mixinStandardHelpOptions = true,
    header = "Prints the run ledger and the gaps in what the runs covered.", sortOptions = false,
    description = {
        "Prints the run ledger and the gaps in what the runs searched.",
        "",
        "stdout gets one NDJSON line per rule and scheduled time with its latest state (index/ledger/runs.ndjson), by"
            + " rule, oldest first:",
        "  {\"rule\":…,\"scheduled\":…,\"earliest\":…,\"latest\":…,\"state\":\"ok\",",
        "   \"rows\":0,\"risk_events\":0,\"duration_ms\":12,\"error\":null}",
        "state is ok, caught-up (a missed time run late), rerun (run again for late events, 'vigil "
            + "late'), failed, skipped (skip mode) or running (started and not finished: still running, or it "
            + "died).",
        "Then one line per gap in a rule's coverage:",
        "  {\"rule\":…,\"gap_start\":…,\"gap_end\":…,\"minutes\":40}",
        "A gap is time in the period [--since, or else the first window's earliest; the last finished window's"
            + " latest) that no ok, caught-up or rerun run searched: "
            + "failed, skipped and running runs cover nothing. With --since, time after it but before the "
            + "rule's first window counts as uncovered. Runs by hand that wrote risk events follow, with state "
            + "manual; they cover nothing. stderr gets one summary line per rule. Times are ISO-8601 with the "
            + "offset of the setting time_zone.",
        "",
        "Exit code 1 when a listed scheduled time's latest state is failed or the period has a gap; 2 "
            + "when the index folder holds neither events nor a ledger.",
        "",
        "Examples:",
        "  vigil runs",
        "  vigil runs windows_iis_components_add_new_module --since 2024-05-15T00:00:00Z",
        "  vigil runs --since -24h@h"})
final class RunsCommand implements Callable<Integer> {
  /** The order states are counted in the summary. */
  private static final List<RunRecord.State> SUMMARY_ORDER = List.of(RunRecord.State.OK,
      RunRecord.State.CAUGHT_UP, RunRecord.State.RERUN, RunRecord.State.FAILED, RunRecord.State.SKIPPED,
      RunRecord.State.RUNNING);

  @Mixin
  Installation installation;

  @Mixin
  RowOutput rowOutput;

  @Parameters(paramLabel = "RULE", arity = "0..1",
      description = "Only this rule (file stem, name or id; default: every rule in the ledger).")
  String reference;

  @Option(names = "--since", paramLabel = "TIME",
      description = "Only runs scheduled at or after this time, ISO-8601 (2024-05-15T00:00:00Z) or a time modifier"
          + " (-24h@h, resolved against now); coverage is checked from this time on.")
  String since;

  @Override
  public Integer call() throws Exception {
    ZoneId zone = installation.settings().zone();
    Instant from = since != null ? TimeArguments.parse(since, installation.clock.instant(), zone) : null;
    RunLedger runLedger = new RunLedger(installation.indexDir(), Errors::warn);
    if (!Files.exists(runLedger.file())) {
      installation.existingIndexDir();
    }
    Map<String, Map<Instant, RunRecord>> ledger = runLedger.latestByRule();
    Map<String, List<RunRecord>> manual = runLedger.manualRunsByRule();
    List<String> rules = new ArrayList<>();
    if (reference != null) {
      rules.add(stem(reference, ledger, manual));
    } else {
      java.util.SortedSet<String> all = new java.util.TreeSet<>(ledger.keySet());
      all.addAll(manual.keySet());
      rules.addAll(all);
    }
    boolean problems = false;

    List<ObjectNode> gapLines = new ArrayList<>();
    List<String> summaries = new ArrayList<>();
    List<JsonNode> printed = new ArrayList<>();
    for (String rule : rules) {
      Map<Instant, RunRecord> all = ledger.getOrDefault(rule, Map.of());
      List<RunRecord> listed = all.values().stream()
          .filter(r -> from == null || !r.scheduled().isBefore(from)).toList();
      for (RunRecord r : listed) {
        printed.add(runLine(r, zone));
      }
      problems |= listed.stream().anyMatch(r -> r.state() == RunRecord.State.FAILED);
      List<RunRecord> byHand = manual.getOrDefault(rule, List.of()).stream()
          .filter(r -> from == null || !r.scheduled().isBefore(from)).toList();
      for (RunRecord r : byHand) {
        printed.add(runLine(r, zone));
      }
      if (listed.isEmpty()) {
        summaries.add("rule " + rule + ": no runs" + manualCount(byHand) + (from != null ? " scheduled since " + TimeArguments.iso(from, zone) : ""));
        continue;
      }
      Optional<Instant> end = listed.stream().filter(r -> r.state().finished()).map(RunRecord::latest)
          .max(Instant::compareTo);
      Instant start = from != null ? from
          : listed.stream().map(RunRecord::earliest).min(Instant::compareTo).orElseThrow();
      String counts = counts(listed);
      if (end.isEmpty() || !end.get().isAfter(start)) {
        summaries.add("rule " + rule + ": " + counts + ", no finished window to check coverage of");
        continue;
      }
      // Coverage counts every good run of the rule, also one scheduled before --since whose window reaches past it.
      List<Window> covering = all.values().stream()
          .filter(r -> r.state().searched())
          .map(r -> new Window(r.earliest(), r.latest())).toList();
      List<Coverage.Gap> gaps = Coverage.gaps(start, end.get(), covering);
      problems |= !gaps.isEmpty();
      long uncovered = 0;
      for (Coverage.Gap gap : gaps) {
        uncovered += gap.minutes();
        gapLines.add(Engine.JSON.createObjectNode().put("rule", rule)
            .put("gap_start", TimeArguments.iso(gap.start(), zone))
            .put("gap_end", TimeArguments.iso(gap.end(), zone))
            .put("minutes", gap.minutes()));
      }
      String period = TimeArguments.iso(start, zone) + " .. " + TimeArguments.iso(end.get(), zone);
      summaries.add("rule " + rule + ": " + counts + manualCount(byHand) + ", " + (gaps.isEmpty() ? "covered " + period + " with no gap"
          : "period " + period + ": " + gaps.size() + (gaps.size() == 1 ? " gap, " : " gaps, ") + uncovered
              + (uncovered == 1 ? " minute" : " minutes") + " uncovered"));
    }
    printed.addAll(gapLines);
    try (RowOutput.Printer printer = rowOutput.open()) {
      for (JsonNode line : printed) {
        printer.print(line);
      }
    }
    if (rules.isEmpty()) {
      System.err.println("no runs in " + runLedger.file());
    }
    summaries.forEach(System.err::println);
    return problems ? ExitCodes.FINDINGS : ExitCodes.OK;
  }

  /** The ledger's name for the rule: the catalog's file stem, or the text itself for a rule no longer shipped. */
  private String stem(String reference, Map<String, Map<Instant, RunRecord>> ledger,
                      Map<String, List<RunRecord>> manual) {
    if (ledger.containsKey(reference) || manual.containsKey(reference)) {
      return reference;
    }
    RuleCatalog catalog = installation.catalog();
    return catalog.find(reference).map(r -> r.stem()).orElseThrow(() -> new Errors.UsageException(
        "no rule '" + reference + "' in the catalog or the ledger" + Installation.didYouMean(catalog, reference)
            + ": give a file stem, name or id from 'vigil rules list'"));
  }

  private static ObjectNode runLine(RunRecord r, ZoneId zone) {
    ObjectNode line = Engine.JSON.createObjectNode()
        .put("rule", r.rule())
        .put("scheduled", TimeArguments.iso(r.scheduled(), zone))
        .put("earliest", TimeArguments.iso(r.earliest(), zone))
        .put("latest", TimeArguments.iso(r.latest(), zone))
        .put("state", r.state().label())
        .put("rows", r.rows())
        .put("risk_events", r.riskEvents())
        .put("duration_ms", r.durationMillis());
    if (r.notables() > 0 || r.suppressed() > 0) {
      line.put("notables", r.notables()).put("suppressed", r.suppressed());
    }
    if (r.error() != null) {
      line.put("error", r.error());
    } else {
      line.putNull("error");
    }
    return line;
  }

  private static String manualCount(List<RunRecord> byHand) {
    return byHand.isEmpty() ? "" : ", " + byHand.size() + " manual";
  }

  /** E.g. "50 runs, 47 ok, 1 caught-up, 1 failed, 1 skipped". */
  private static String counts(List<RunRecord> runs) {
    Map<RunRecord.State, Integer> byState = new EnumMap<>(RunRecord.State.class);
    runs.forEach(r -> byState.merge(r.state(), 1, Integer::sum));
    StringJoiner out = new StringJoiner(", ");
    out.add(runs.size() + (runs.size() == 1 ? " run" : " runs"));
    for (RunRecord.State state : SUMMARY_ORDER) {
      if (byState.containsKey(state) || state == RunRecord.State.OK) {
        out.add(byState.getOrDefault(state, 0) + " " + state.label());
      }
    }
    return out.toString();
  }
}
