package dev.vigil.cli;

import dev.vigil.notable.NotableStore;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "notables", mixinStandardHelpOptions = true,
    header = "Lists the notables that rules raised, and reviews them.",
    subcommands = NotablesCommand.Update.class,
    description = {
        "Prints the notables that rules with alert_action.notable (TTP, Correlation) raised, oldest "
            + "first, as NDJSON on stdout: one per result row, with its rule, severity, the priority of the "
            + "assets and identities it names, urgency, status and owner as the last review left them. Reviews "
            + "are made with 'vigil notables update'.",
        "",
        "Examples:",
        "  vigil notables --since -24h --status new",
        "  vigil notables update 520350c058feba9de4f4edd5cfcf95fd --status \"in progress\" --owner alice"})
final class NotablesCommand implements Callable<Integer> {
  @Mixin
  Installation installation;

  @Mixin
  RowOutput rowOutput;

  @Option(names = "--since", paramLabel = "TIME",
      description = "Only notables of runs scheduled at or after TIME, ISO-8601 or a time modifier such as -24h.")
  String since;

  @Option(names = "--status", paramLabel = "STATUS",
      description = "Only notables whose status is STATUS: new, in progress, pending, resolved or closed.")
  String status;

  @Override
  public Integer call() throws Exception {
    if (status != null && !NotableStore.STATUSES.contains(status)) {
      throw new Errors.UsageException("--status: unknown status '" + status + "' (one of "
          + String.join(", ", NotableStore.STATUSES) + ")");
    }
    Optional<Instant> from = Optional.ofNullable(since)
        .map(s -> TimeArguments.parse(s, installation.clock.instant(), installation.settings().zone()));
    NotableStore store = NotableStore.open(installation.existingIndexDir(), Errors::warn);
    List<Map<String, Object>> shown = store.all().stream()
        .filter(n -> from.isEmpty() || ((Number) n.get("_time")).longValue() >= from.get().getEpochSecond())
        .filter(n -> status == null || status.equals(n.get("status")))
        .toList();
    try (RowOutput.Printer printer = rowOutput.open()) {
      for (Map<String, Object> notable : shown) {
        printer.print(Engine.JSON.valueToTree(notable));
      }
    }
    System.err.println(shown.size() + (shown.size() == 1 ? " notable" : " notables") + " in " + store.file());
    return ExitCodes.OK;
  }

  @Command(name = "update", mixinStandardHelpOptions = true,
      header = "Reviews notables: status, owner, comment.",
      description = {
          "Reviews notables: sets their status, owner or a comment. Every review is appended to "
              + "index/notables/reviews.ndjson with who made it and when, as ES keeps its incident review log."})
  static final class Update implements Callable<Integer> {
    @Mixin
    Installation installation;

    @Parameters(paramLabel = "ID", arity = "1..*", description = "The event_id of each notable to review.")
    List<String> ids;

    @Option(names = "--status", paramLabel = "STATUS",
        description = "The new status: new, in progress, pending, resolved or closed.")
    String status;

    @Option(names = "--owner", paramLabel = "OWNER", description = "Who works the notable.")
    String owner;

    @Option(names = "--comment", paramLabel = "TEXT", description = "A comment to keep with the review.")
    String comment;

    @Override
    public Integer call() throws Exception {
      if (status == null && owner == null && comment == null) {
        throw new Errors.UsageException("say what changes: --status, --owner or --comment");
      }
      NotableStore store = NotableStore.open(installation.existingIndexDir(), Errors::warn);
      String reviewer = System.getProperty("user.name", "unknown");
      for (String id : ids) {
        try {
          store.review(new NotableStore.Review(id, Optional.ofNullable(status), Optional.ofNullable(owner),
              Optional.ofNullable(comment), reviewer, installation.clock.instant()));
        } catch (IllegalArgumentException e) {
          throw new Errors.UsageException(e.getMessage());
        }
        System.err.println(id + ": reviewed by " + reviewer
            + (status == null ? "" : ", status " + status) + (owner == null ? "" : ", owner " + owner)
            + (comment == null ? "" : ", comment added"));
      }
      return ExitCodes.OK;
    }
  }
}
