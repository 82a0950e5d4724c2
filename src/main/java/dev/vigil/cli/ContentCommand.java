package dev.vigil.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.content.ContentExport;
import dev.vigil.content.ContentImport;
import dev.vigil.content.Skipped;
import dev.vigil.schedule.Rule;
import dev.vigil.schedule.RuleCatalog;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "content", mixinStandardHelpOptions = true,
    header = "Imports security_content or a Splunk app; exports rules as an app.",
    description = {
        "Brings detections, macros and lookups in from security_content or a Splunk app, and takes rules "
            + "out as a Splunk app.",
        "",
        "Examples:",
        "  vigil content import ~/security_content",
        "  vigil content import DA-ESS-MyDetections.tgz",
        "  vigil content export --out my_app"},
    subcommands = {ContentCommand.Import.class, ContentCommand.Export.class})
final class ContentCommand {
  @Command(name = "import", mixinStandardHelpOptions = true,
      header = "Imports detections, macros and lookups into config/local/.",
      description = {
          "Imports into config/local/: detections/ (security_content YAML), rules/ (the schedule and state "
              + "of a saved search), macros/ and lookups/. PATH is a security_content checkout or folder of its "
              + "YAML, a Splunk app folder, or a .tgz/.tar.gz/.spl of one. Only production detections over "
              + "datamodel=Endpoint.Processes or | inputlookup are imported; the others are listed on stderr. "
              + "One NDJSON row per imported file. Exit 0 when everything importable was imported, 1 when a file "
              + "could not be read (the others are imported), 2 for a path that does not exist or holds no "
              + "content."})
  static final class Import implements Callable<Integer> {
    @Mixin
    Installation installation;

    @Parameters(paramLabel = "PATH", arity = "1..*")
    List<Path> paths;

    @Override
    public Integer call() throws Exception {
      TerminalProgress line = TerminalProgress.onStderr();
      ContentImport.Report report;
      try {
        report = new ContentImport(installation.home(), (read, total) -> line.show(() -> String.format(
            java.util.Locale.ROOT, "import: %,d of %,d files read, %,.0f files/s, %s", read, total,
            read / line.seconds(), line.left(read, total)))).run(paths);
      } finally {
        line.done();
      }
      int written = 0;
      for (ContentImport.Imported item : report.imported()) {
        ObjectNode row = Engine.JSON.createObjectNode();
        row.put("kind", item.kind()).put("name", item.name()).put("file", item.file())
            .put("change", item.written() ? "written" : "unchanged").put("source", item.source());
        System.out.println(Engine.JSON.writeValueAsString(row));
        written += item.written() ? 1 : 0;
      }
      for (Skipped skipped : report.skipped()) {
        System.err.println("skipped " + skipped.kind() + " '" + skipped.name() + "' (" + skipped.source() + "): "
            + skipped.reason());
      }
      report.problems().forEach(p -> System.err.println("cannot import " + p));
      System.err.printf("imported %d files (%d written, %d unchanged); skipped %d; %d could not be read%n",
          report.imported().size(), written, report.imported().size() - written, report.skipped().size(),
          report.problems().size());
      return report.problems().isEmpty() ? 0 : 1;
    }
  }

  @Command(name = "export", mixinStandardHelpOptions = true,
      header = "Exports rules as a Splunk app.",
      description = {
          "Writes RULEs (default: every rule) as a Splunk app in DIR: default/savedsearches.conf ([ESCU - "
              + "<name> - Rule] stanzas with ESCU's keys), default/macros.conf with the macros they use, "
              + "default/transforms.conf and lookups/ with the lookup tables they name, default/app.conf. One "
              + "NDJSON row per rule, macro, lookup and file. Exit 1 when a rule could not be exported."})
  static final class Export implements Callable<Integer> {
    @Mixin
    Installation installation;

    @Parameters(paramLabel = "RULE", arity = "0..*")
    List<String> references = new ArrayList<>();

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "The app folder to write.")
    Path out;

    @Override
    public Integer call() throws Exception {
      RuleCatalog catalog = installation.catalog();
      catalog.problems().forEach(p -> System.err.println("cannot load " + p));
      List<Rule> rules = new ArrayList<>();
      if (references.isEmpty()) {
        rules.addAll(catalog.rules());
      } else {
        for (String reference : references) {
          rules.add(installation.rule(reference));
        }
      }
      ContentExport.Report report = new ContentExport(installation.lookups()).run(rules, out);
      for (ContentExport.Exported item : report.exported()) {
        ObjectNode row = Engine.JSON.createObjectNode();
        row.put("kind", item.kind()).put("name", item.name()).put("file", item.file());
        item.written().ifPresent(w -> row.put("change", w ? "written" : "unchanged"));
        System.out.println(Engine.JSON.writeValueAsString(row));
      }
      report.problems().forEach(p -> System.err.println("cannot export " + p));
      // Exporting every rule while some could not be loaded exports less than asked for.
      boolean everyRuleLoaded = !references.isEmpty() || catalog.problems().isEmpty();
      return report.problems().isEmpty() && everyRuleLoaded ? 0 : 1;
    }
  }
}
