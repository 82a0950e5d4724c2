package dev.vigil.cli;

import dev.vigil.query.SearchExecutor;
import dev.vigil.schedule.ContentException;
import dev.vigil.schedule.Rule;
import dev.vigil.schedule.RuleCatalog;
import dev.vigil.schedule.RuleCheck;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "validate", mixinStandardHelpOptions = true,
    description = {
        "Loads every detection under the paths (default: the installed schedules/detections) with the installed",
        "macros and schedules, and prints one line per rule: 'ok' or the error with file, line, column and a caret.",
        "",
        "Example: vigil validate ../security_content/detections/endpoint"},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:every rule loads", "1:at least one does not"})
final class ValidateCommand implements Callable<Integer> {
  @Mixin
  Installation installation;

  @Parameters(paramLabel = "PATH", arity = "0..*", description = "Detection files or folders of them.")
  List<Path> paths = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    RuleCatalog catalog = installation.catalog();
    SearchExecutor checker = installation.checker();
    List<Path> files = new ArrayList<>();
    for (Path path : paths.isEmpty() ? List.of(installation.home().detections()) : paths) {
      files.addAll(detectionFiles(path));
    }
    int failed = 0;
    for (Path file : files) {
      Optional<String> problem;
      String name = file.getFileName().toString();
      try {
        Rule rule = catalog.find(file.toString()).orElseThrow();
        name = rule.stem();
        problem = RuleCheck.problem(rule, checker);
      } catch (ContentException e) {
        problem = Optional.of(e.getMessage());
      }
      if (problem.isPresent()) {
        failed++;
        System.out.println(name + ": error: " + problem.get());
      } else {
        System.out.println(name + ": ok");
      }
    }
    System.out.printf("%d rules: %d ok, %d with errors%n", files.size(), files.size() - failed, failed);
    return failed == 0 ? ExitCodes.OK : ExitCodes.FINDINGS;
  }

  private static List<Path> detectionFiles(Path path) throws IOException {
    if (!Files.isDirectory(path)) {
      return List.of(path);
    }
    try (Stream<Path> walk = Files.walk(path)) {
      return walk.filter(p -> p.toString().endsWith(".yml") || p.toString().endsWith(".yaml")).sorted().toList();
    }
  }
}
