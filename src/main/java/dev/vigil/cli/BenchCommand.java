package dev.vigil.cli;

import dev.vigil.bench.BenchTable;
import dev.vigil.bench.VigilBench;
import dev.vigil.bench.Progress;
import dev.vigil.bench.WorkFolder;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "bench", mixinStandardHelpOptions = true,
    header = "Measures ingest and detection speed on generated data.",
    description = {
        "Measures Vigil on generated data (see 'vigil generate'), in one run: ingest of CIM NDJSON and "
            + "Sysmon XML (events/s, MB/s), the index's bytes per event by part, heap peaks, the seed rule's "
            + "median warm latency of one scheduled hour's window and of all of them, and one scheduled hour "
            + "of every shipped rule. Figures go to stdout as NDJSON, and as a table to stderr. The comparison "
            + "with DuckDB is not part of the product: run it with 'mvn -Pbench test-compile exec:exec "
            + "-Dbench.args=\"--events N\"' (docs/performance.md).",
        "",
        "Example: vigil bench --events 1000000 --threads 2"})
final class BenchCommand implements Callable<Integer> {
  @Mixin
  Installation installation;

  @Option(names = "--events", paramLabel = "N", defaultValue = "5000000",
      description = "Events to generate (default: ${DEFAULT-VALUE}).")
  long events;

  @Option(names = "--hours", paramLabel = "H", defaultValue = "24",
      description = "Hours they span; one scheduled run per hour (default: ${DEFAULT-VALUE}).")
  int hours;

  @Option(names = "--threads", paramLabel = "T", defaultValue = "2",
      description = "Threads that ingest and search (default: ${DEFAULT-VALUE}); ingest is also measured on one thread.")
  int threads;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Generator seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--work", paramLabel = "DIR",
      description = "Folder for the generated files and indexes (default: a temporary folder, deleted afterwards).")
  Path work;

  @Option(names = "--scaling",
      description = "Only what the scaling table needs: the CIM file, ingested once on T threads, and the queries.")
  boolean scaling;

  @Override
  public Integer call() throws Exception {
    VigilBench.Options options = new VigilBench.Options(events, hours, seed, threads, work, scaling);
    try (WorkFolder folder = WorkFolder.of(work)) {
      VigilBench.Report report = new VigilBench(installation.home(), installation.clock, Progress.onTerminal())
          .run(options.in(folder.path()));
      BenchTable.print(report.figures(), String.format(Locale.ROOT,
          "window query: vigil %.2f ms; ingest: vigil %.0f ev/s (DuckDB: mvn -Pbench, see docs/performance.md)",
          report.seedWindowMillis(), report.cimIngestEventsPerSecond()), System.out, System.err);
    }
    return ExitCodes.OK;
  }
}
