package dev.vigil.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * The one exit code table every command uses and documents in its help; a command may say more precisely what
 * its 0 and 1 mean, the rest of the table it inherits.
 */
final class ExitCodes {
  static final int OK = 0;
  static final int FINDINGS = 1;
  static final int USAGE = 2;
  static final int INTERNAL = 3;

  private static final Map<String, String> TABLE = table();

  private ExitCodes() {}

  private static Map<String, String> table() {
    Map<String, String> table = new LinkedHashMap<>();
    table.put(" " + OK, "ok");
    table.put(" " + FINDINGS, "a check failed or found problems (bad input lines, a rule that does not load,"
        + " failed runs or gaps)");
    table.put(" " + USAGE, "bad usage or configuration (unknown option, rule or key, missing file or index)");
    table.put(" " + INTERNAL, "internal error (a bug: please report it with the stack trace)");
    return table;
  }

  /** Gives {@code cli} and every subcommand the table, keeping what a command says of its own codes. */
  static void document(CommandLine cli) {
    UsageMessageSpec usage = cli.getCommandSpec().usageMessage();
    Map<String, String> merged = new LinkedHashMap<>();
    for (Map.Entry<String, String> row : TABLE.entrySet()) {
      merged.put(row.getKey(), usage.exitCodeList().entrySet().stream()
          .filter(own -> own.getKey().strip().equals(row.getKey().strip()))
          .map(Map.Entry::getValue).findFirst().orElse(row.getValue()));
    }
    usage.exitCodeListHeading("%nExit codes:%n").exitCodeList(merged);
    cli.getSubcommands().values().forEach(ExitCodes::document);
  }
}
