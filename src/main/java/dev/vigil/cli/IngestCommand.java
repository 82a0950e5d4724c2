package dev.vigil.cli;

import dev.vigil.ingest.ParallelEventReader;
import dev.vigil.ingest.IngestProblem;
import dev.vigil.ingest.ProcessEvent;
import dev.vigil.ingest.ReadSummary;
import dev.vigil.store.Quarantine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "ingest", mixinStandardHelpOptions = true,
    header = "Stores process-creation events in the index, each event once.",
    description = {
        "Reads process-creation events and stores them in the index, once: ingesting a file again stores "
            + "nothing new. Formats, detected per event: Sysmon EventID 1 XML and Security 4688 XML (one "
            + "<Event> per line, several on a line or one over many lines), CrowdStrike ProcessRollup2 JSON, "
            + "evtx-dump JSON, Splunk's JSON export (result._raw), and CIM NDJSON (CIM field names, _time in "
            + "epoch seconds or ISO-8601); gzip, UTF-8 and UTF-16 with a byte order mark, and binary Windows "
            + "event logs (.evtx). Other events are counted and skipped; a bad event is reported with file and "
            + "line number, kept in index/quarantine/ and skipped. On a terminal, progress is shown while a "
            + "file is read. While another writer holds the index (the spool's ingestion of 'vigil start', for "
            + "one pass), it waits for it.",
        "",
        "A folder is read with everything below it, in name order (hidden files left out), as Hayabusa's "
            + "-d; '-' reads standard input.",
        "",
        "Examples:",
        "  vigil ingest logs/sysmon.xml.log logs/crowdstrike.json",
        "  vigil ingest /var/log/collected/",
        "  zcat archive/*.json.gz | vigil ingest -"},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:every line was read", "1:some lines or files could not be read (the rest is stored)"})
final class IngestCommand implements Callable<Integer> {
  @Mixin
  Installation installation;

  @Spec
  CommandSpec spec;

  // Lucene merges and the garbage collector need a core too: on 2 cores a second indexing thread costs more
  // CPU than it saves (docs/performance.md).
  @Option(names = "--threads", paramLabel = "T",
      description = "Threads that parse and index events (default: half the processors, here ${DEFAULT-VALUE}).")
  int threads = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);

  @Option(names = "--wait", paramLabel = "SECONDS",
      description = "How long to wait while another writer holds the index (default: ${DEFAULT-VALUE}).")
  int waitSeconds = 300;

  @Parameters(paramLabel = "FILE", arity = "1..*",
      description = "Event files, folders (read with all below them) or - for standard input.")
  List<Path> files;

  /** What {@code -} stands for among the files. */
  static final Path STDIN = Path.of("-");

  @Override
  public Integer call() throws Exception {
    if (threads < 1) {
      throw new ParameterException(spec.commandLine(), "--threads must be at least 1, not " + threads);
    }
    // A wrong path is a usage error before anything is stored; a file that turns out unreadable is a problem.
    List<Path> inputs = InputFiles.expand(files, message -> new ParameterException(spec.commandLine(), message));
    long errors = 0;
    Quarantine quarantine = Quarantine.of(installation.indexDir(), installation.clock);
    if (waitSeconds < 0) {
      throw new ParameterException(spec.commandLine(), "--wait must be 0 or more seconds, not " + waitSeconds);
    }
    try (IngestDestination destination = IngestDestination.open(installation,
        java.time.Duration.ofSeconds(waitSeconds));
         ParallelEventReader reader = new ParallelEventReader(threads, installation.clock,
             installation.settings().maxLineBytes())) {
      for (Path file : inputs) {
        errors += ingest(file, reader, destination, quarantine);
      }
    } catch (java.io.UncheckedIOException e) {
      throw e.getCause(); // the store refused a batch (a cluster that went away): a clear error, not a crash
    }
    if (errors > 0) {
      System.err.println("the events that could not be stored are kept, each with why, in " + quarantine.file());
    }
    return errors == 0 ? ExitCodes.OK : ExitCodes.FINDINGS;
  }

  /**
   * Reads one file into the index and commits what it read; returns the number of problems. A file that cannot be
   * opened is one.
   */
  private static long ingest(Path file, ParallelEventReader reader, IngestDestination destination,
                             Quarantine quarantine) throws IOException {
    ReadSummary summary;
    Consumer<IngestProblem> quarantined = quarantine.of(file);
    try {
      IngestProgress progress = IngestProgress.of(name(file), file == STDIN ? -1 : Files.size(file));
      Consumer<ProcessEvent> store = destination::add;
      Consumer<IngestProblem> report = problem -> {
        progress.done();
        System.err.println(problem);
        quarantined.accept(problem);
      };
      try {
        summary = file == STDIN
            ? reader.read(name(file), "stdin", System.in, () -> 0, store, report, progress)
            : reader.read(file, store, report, progress);
      } finally {
        progress.done();
      }
    } catch (IOException e) {
      IngestProblem problem = new IngestProblem(name(file), 0, null, "cannot be read: " + e.getMessage());
      System.err.println(name(file) + ": " + problem.message());
      quarantine.add(file, problem);
      quarantine.flush();
      return 1;
    }
    quarantine.flush();
    long stored = destination.commit();
    System.err.printf("%s: %d events, %d new, %d already stored, %d skipped %s, %d malformed%n", name(file),
        summary.events(), stored, summary.events() - stored, summary.skippedTotal(), summary.skipped(),
        summary.errors());
    return summary.errors();
  }

  private static String name(Path file) {
    return file == STDIN ? "(stdin)" : file.toString();
  }
}
