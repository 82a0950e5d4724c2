package dev.vigil.cli;

import dev.vigil.ingest.EventReader;
import dev.vigil.ingest.ReadSummary;
import dev.vigil.store.EventWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "ingest", mixinStandardHelpOptions = true,
    description = {
        "Reads process-creation events and stores them in the index, once: ingesting a file again stores nothing new.",
        "Formats, detected per event: Sysmon EventID 1 XML and Security 4688 XML (one <Event> per line),",
        "CrowdStrike ProcessRollup2 JSON, evtx-dump JSON, and CIM NDJSON (CIM field names, _time in epoch",
        "seconds or ISO-8601). Other events are counted and skipped; a malformed line is reported with file",
        "and line number and skipped.",
        "",
        "Example: vigil ingest logs/sysmon.xml.log logs/crowdstrike.json"},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:every line was read", "1:some lines were malformed (the rest is stored)"})
final class IngestCommand implements Callable<Integer> {
  @Mixin
  Installation installation;

  @Parameters(paramLabel = "FILE", arity = "1..*", description = "Event files to read.")
  List<Path> files;

  @Override
  public Integer call() throws Exception {
    long errors = 0;
    EventReader reader = new EventReader();
    try (EventWriter writer = EventWriter.open(installation.indexDir(), installation.clock)) {
      for (Path file : files) {
        long[] stored = new long[2];
        ReadSummary summary = reader.read(file,
            event -> stored[writer.add(event) ? 0 : 1]++,
            problem -> System.err.println(problem));
        writer.commit();
        errors += summary.errors();
        System.err.printf("%s: %d events, %d new, %d already stored, %d skipped %s, %d malformed%n", file,
            summary.events(), stored[0], stored[1], summary.skippedTotal(), summary.skipped(), summary.errors());
      }
    }
    return errors == 0 ? ExitCodes.OK : ExitCodes.FINDINGS;
  }
}
