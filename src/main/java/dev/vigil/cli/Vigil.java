package dev.vigil.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code vigil}: Splunk-style scheduled correlation searches over endpoint process events, without Splunk. */
@Command(name = "vigil", mixinStandardHelpOptions = true, version = "vigil 0.1.0",
    description = {
        "Runs Splunk security_content detections (tstats over CIM Endpoint.Processes) on a schedule,",
        "over a local Lucene index of process events, and writes risk events.",
        "",
        "Rows go to stdout as NDJSON; messages go to stderr."},
    subcommands = {IngestCommand.class, GenerateCommand.class, BenchCommand.class, RunCommand.class,
        RulesCommand.class, ExplainCommand.class, RunsCommand.class, ResultsCommand.class, NotablesCommand.class, LateCommand.class, StatusCommand.class, StartCommand.class, DemoCommand.class,
        TestCommand.class, ValidateCommand.class, ContentCommand.class, CommandLine.HelpCommand.class})
public final class Vigil {
  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new Vigil());
    cli.setExecutionExceptionHandler(new Errors());
    ExitCodes.document(cli);
    return cli;
  }
}
