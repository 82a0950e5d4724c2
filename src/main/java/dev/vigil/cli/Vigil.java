package dev.vigil.cli;

import java.nio.file.Path;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code vigil}: Splunk-style scheduled correlation searches over endpoint process events, without Splunk. */
@Command(name = "vigil", mixinStandardHelpOptions = true, versionProvider = Vigil.Version.class,
    description = {
        "Runs Splunk security_content detections (tstats over CIM Endpoint.Processes) on a schedule, "
            + "over a local Lucene index of process events, and writes risk events.",
        "",
        "Rows go to stdout, as a table on a terminal and NDJSON otherwise (--format); messages go to stderr."},
    subcommands = {IngestCommand.class, GenerateCommand.class, BenchCommand.class, RunCommand.class,
        RulesCommand.class, SearchCommand.class, TimelineCommand.class, ExplainCommand.class, RunsCommand.class, ResultsCommand.class, NotablesCommand.class, LateCommand.class, ReportCommand.class, StatusCommand.class, StartCommand.class, DemoCommand.class,
        TestCommand.class, ValidateCommand.class, ContentCommand.class, AutoComplete.GenerateCompletion.class,
        CommandLine.HelpCommand.class})
public final class Vigil {
  @CommandLine.Option(names = "--index", paramLabel = "DIR",
      description = "Index folder for the command that follows, as if given after it (vigil --index X rules list).")
  Path index;

  @CommandLine.Option(names = "--home", paramLabel = "DIR", hidden = true,
      description = "Installation folder for the command that follows.")
  Path home;

  /** The version the jar's manifest names (Maven's project version); a build without a jar says so. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = Vigil.class.getPackage().getImplementationVersion();
      return new String[] {"vigil " + (version != null ? version : "(a build without its jar's manifest)"),
          "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"};
    }
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new Vigil());
    cli.setExecutionExceptionHandler(new Errors());
    // Help as wide as the terminal it is shown on, so that no sentence is cut at 80 columns.
    cli.setUsageHelpAutoWidth(true);
    cli.getSubcommands().get("generate-completion").getCommandSpec().usageMessage().hidden(false);
    ExitCodes.document(cli);
    return cli;
  }
}
