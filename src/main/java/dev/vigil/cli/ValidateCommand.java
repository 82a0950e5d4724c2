package dev.vigil.cli;

import dev.vigil.query.SearchExecutor;
import dev.vigil.schedule.ContentException;
import dev.vigil.schedule.DetectionLoader;
import dev.vigil.schedule.RuleCatalog;
import dev.vigil.schedule.RuleCheck;
import dev.vigil.schedule.Settings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "validate", mixinStandardHelpOptions = true,
    header = "Checks detections, or the configuration, without running anything.",
    description = {
        "Loads every detection under the paths (default: the installed schedules/detections) with the "
            + "installed macros and schedules, and prints one line per rule: 'ok', or each error and warning "
            + "with file, line and, in the search or a macro, column and a caret. Checked: the search loads; "
            + "it reads Endpoint.Processes and names only fields of that data model; id is a UUID; MITRE ids "
            + "are T1234 or T1234.001; confidence, impact and risk scores are 1-100; every risk object "
            + "(error), threat object and message token (warnings) is a field of the search's output; the type "
            + "has a default schedule. A macro or deployment file that does not load is an error of its own "
            + "('configuration: error: …').",
        "",
        "Example: vigil validate ../security_content/detections/endpoint"},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:every rule loads (warnings allowed)", "1:a rule or configuration file has an error",
        "2:a path is missing, is not a detection, or holds none"})
final class ValidateCommand implements Callable<Integer> {
  @Mixin
  Installation installation;

  @Parameters(paramLabel = "PATH", arity = "0..*", description = "Detection files or folders of them.")
  List<Path> paths = new ArrayList<>();

  @Option(names = "--config", description = "Check the configuration instead: settings (config/vigil.yml and "
      + "config/local/vigil.yml), deployments, macros, lookups and every file of config/local/, each problem with "
      + "file, line and key; unknown keys get the nearest known one.")
  boolean config;

  @Override
  public Integer call() throws Exception {
    if (config) {
      return validateConfiguration();
    }
    List<Path> files = new ArrayList<>();
    for (Path path : paths.isEmpty() ? List.of(installation.home().detections()) : paths) {
      files.addAll(detectionFiles(path));
    }
    RuleCatalog catalog = installation.catalog();
    SearchExecutor checker = installation.checker();
    catalog.configurationProblems().forEach(p -> System.out.println("configuration: error: " + p));
    int failed = 0;
    int warnings = 0;
    for (Path file : files) {
      String stem = file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
      List<RuleCheck.Finding> findings;
      try {
        findings = DetectionLoader.isDetection(file)
            ? RuleCheck.check(catalog.forFile(file), checker)
            : List.of(new RuleCheck.Finding(true, file + ": not a detection: it has no 'search' field"));
      } catch (ContentException e) {
        findings = List.of(new RuleCheck.Finding(true, e.getMessage()));
      }
      for (RuleCheck.Finding finding : findings) {
        System.out.println(stem + (finding.error() ? ": error: " : ": warning: ") + finding.message());
      }
      if (findings.stream().anyMatch(RuleCheck.Finding::error)) {
        failed++;
      } else if (findings.isEmpty()) {
        System.out.println(stem + ": ok");
      }
      warnings += (int) findings.stream().filter(f -> !f.error()).count();
    }
    int configuration = catalog.configurationProblems().size();
    System.out.printf("%d rules: %d ok, %d with errors%s%s%n", files.size(), files.size() - failed, failed,
        warnings == 0 ? "" : ", " + warnings + (warnings == 1 ? " warning" : " warnings"),
        configuration == 0 ? "" : "; " + configuration + " configuration "
            + (configuration == 1 ? "file" : "files") + " with errors");
    return failed == 0 && configuration == 0 ? ExitCodes.OK : ExitCodes.FINDINGS;
  }

  /** Every problem of the configuration at once, one a line; exit 1 when there is any. */
  private int validateConfiguration() {
    List<String> problems = new ArrayList<>();
    try {
      Settings.load(installation.home());
    } catch (ContentException e) {
      problems.addAll(e.getMessage().lines().toList());
    }
    installation.catalog().problems().forEach(problems::add);
    problems.forEach(p -> System.out.println("configuration: error: " + p));
    System.out.println(problems.isEmpty() ? "configuration: ok" : "configuration: " + problems.size()
        + (problems.size() == 1 ? " problem" : " problems"));
    return problems.isEmpty() ? ExitCodes.OK : ExitCodes.FINDINGS;
  }

  /**
   * The detection files a path names. A missing path, a file that is not a detection, or a folder without one
   * is a usage error: validating nothing must not look like success.
   */
  private static List<Path> detectionFiles(Path path) throws IOException {
    if (!Files.exists(path)) {
      throw new Errors.UsageException("no such file or folder: " + path);
    }
    if (!Files.isDirectory(path)) {
      if (!isYaml(path)) {
        throw new Errors.UsageException(path + ": not a detection: expected a .yml or .yaml file");
      }
      if (!mayBeDetection(path)) {
        throw new Errors.UsageException(path + ": not a detection: it has no 'search' field");
      }
      return List.of(path);
    }
    List<Path> files;
    try (Stream<Path> walk = Files.walk(path)) {
      files = walk.filter(ValidateCommand::isYaml).sorted().toList();
    }
    if (files.stream().noneMatch(ValidateCommand::mayBeDetection)) {
      throw new Errors.UsageException(path + ": holds no detection (a .yml or .yaml file with a 'search' field)");
    }
    return files;
  }

  /** A detection, or YAML too broken to tell, which is then reported as a broken detection. */
  private static boolean mayBeDetection(Path file) {
    try {
      return DetectionLoader.isDetection(file);
    } catch (ContentException e) {
      return true;
    }
  }

  private static boolean isYaml(Path p) {
    return Files.isRegularFile(p) && (p.toString().endsWith(".yml") || p.toString().endsWith(".yaml"));
  }
}
