package dev.vigil.cli;

import dev.vigil.generate.EventGenerator;
import dev.vigil.generate.GroundTruth;
import dev.vigil.generate.OutputFormat;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "generate", mixinStandardHelpOptions = true,
    header = "Writes synthetic process events of a fleet, with planted attacks.",
    description = {
        "Writes synthetic process-creation events of a fleet (about 2,000 hosts and 5,000 users, a few "
            + "hundred programs with Zipf-skewed frequencies, mostly unique command lines of 40-300 "
            + "characters) in rough time order over --hours ending at --end, for benchmarks. Among them, events "
            + "planted for every shipped rule: the ground truth (one line per rule with the rows it must give "
            + "over the whole file) goes to stderr, and as JSON to --truth. The same options give the same bytes.",
        "",
        "Examples:",
        "  vigil generate --events 1000000 --out events.ndjson",
        "  vigil generate --events 200000 --hours 6 --seed 7 --format sysmon --out sysmon.xml.log --truth "
            + "truth.json"})
final class GenerateCommand implements Callable<Integer> {
  @Option(names = "--events", paramLabel = "N", defaultValue = "1000000",
      description = "Events to write, planted ones included (default: ${DEFAULT-VALUE}).")
  long events;

  @Option(names = "--hours", paramLabel = "H", defaultValue = "24",
      description = "Hours the events span (default: ${DEFAULT-VALUE}).")
  int hours;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Random seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--end", paramLabel = "TIME",
      description = "When the events end, ISO-8601 (default: 2024-05-16T00:00:00Z, fixed so that runs are reproducible).")
  Instant end;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "cim",
      description = "cim (CIM NDJSON) or sysmon (Sysmon EventID 1 XML, one <Event> per line); default: ${DEFAULT-VALUE}.")
  String format;

  @Option(names = "--out", paramLabel = "FILE", required = true, description = "File to write.")
  Path out;

  @Option(names = "--truth", paramLabel = "FILE", description = "Also write the ground truth as JSON to FILE.")
  Path truthFile;

  @Override
  public Integer call() throws Exception {
    OutputFormat outputFormat = switch (format) {
      case "cim" -> OutputFormat.CIM;
      case "sysmon" -> OutputFormat.SYSMON;
      default -> throw new Errors.UsageException("--format must be cim or sysmon, got '" + format + "'");
    };
    EventGenerator.Options options = new EventGenerator.Options(events, hours, seed,
        end != null ? end : EventGenerator.DEFAULT_END);
    GroundTruth truth;
    try (OutputStream stream = new BufferedOutputStream(Files.newOutputStream(out), 1 << 16)) {
      truth = EventGenerator.generate(options, outputFormat, stream);
    }
    if (truthFile != null) {
      truth.writeJson(truthFile);
    }
    truth.lines().forEach(System.err::println);
    System.err.printf("%s: %d events, %s to %s, seed %d%n", out, events, options.start(), options.end(), seed);
    return ExitCodes.OK;
  }
}
