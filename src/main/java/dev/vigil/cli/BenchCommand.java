package dev.vigil.cli;

import dev.vigil.bench.BenchTable;
import dev.vigil.bench.OpenSearchBenchStore;
import dev.vigil.bench.VigilBench;
import dev.vigil.bench.Progress;
import dev.vigil.bench.WorkFolder;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

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
        "With --backend opensearch --url URL the events go to indices vigil-bench-cim-events and "
            + "vigil-bench-sysmon-events of that cluster, made anew and deleted at the end, and the same table "
            + "measures the cluster; the index figures are then the cluster's store sizes.",
        "",
        "Example: vigil bench --events 1000000 --threads 2"})
final class BenchCommand implements Callable<Integer> {
  @Mixin
  Installation installation;

  @Spec
  CommandSpec spec;

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

  @Mixin
  BackendOptions store;

  @Option(names = "--shards", paramLabel = "N", defaultValue = "1",
      description = "Primary shards of each events index, with --backend opensearch (default: ${DEFAULT-VALUE}).")
  int shards;

  @Option(names = "--replicas", paramLabel = "N", defaultValue = "0",
      description = "Replicas of each shard, with --backend opensearch (default: ${DEFAULT-VALUE}).")
  int replicas;

  @Option(names = "--scaling",
      description = "Only what the scaling table needs: the CIM file, ingested once on T threads, and the queries.")
  boolean scaling;

  @Override
  public Integer call() throws Exception {
    VigilBench.Options options = new VigilBench.Options(events, hours, seed, threads, work, scaling);
    Optional<List<String>> cluster = store.openSearchUrls();
    if (shards < 1 || replicas < 0) {
      throw new ParameterException(spec.commandLine(), "--shards must be at least 1 and --replicas at least 0");
    }
    boolean clusterOptions = spec.commandLine().getParseResult().hasMatchedOption("--shards")
        || spec.commandLine().getParseResult().hasMatchedOption("--replicas");
    if (clusterOptions && cluster.isEmpty()) {
      throw new ParameterException(spec.commandLine(), "--shards and --replicas are for --backend opensearch");
    }
    try (WorkFolder folder = WorkFolder.of(work)) {
      VigilBench bench = new VigilBench(installation.home(), installation.clock, Progress.onTerminal());
      VigilBench.Options here = options.in(folder.path());
      VigilBench.Report report = cluster.isPresent()
          ? bench.run(here, new OpenSearchBenchStore(cluster.get(), shards, replicas, installation.clock))
          : bench.run(here);
      BenchTable.print(report.figures(), String.format(Locale.ROOT,
          "window query: vigil %.2f ms; ingest: vigil %.0f ev/s (DuckDB: mvn -Pbench, see docs/performance.md)",
          report.seedWindowMillis(), report.cimIngestEventsPerSecond()), System.out, System.err);
    }
    return ExitCodes.OK;
  }
}
