package dev.vigil.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The files a command reads, from what was given: a file, a folder (every file below it, in name order, hidden
 * files and folders left out, as Hayabusa's {@code -d} reads a folder of logs) or {@code -} for standard input.
 */
final class InputFiles {
  private InputFiles() {}

  /**
   * @param usage makes the usage error for a folder with nothing to read, or {@code -} given twice
   * @throws NoSuchFileException for a path that does not exist, before anything is read
   */
  static List<Path> expand(List<Path> given, Function<String, RuntimeException> usage) throws IOException {
    List<Path> files = new ArrayList<>();
    int stdin = 0;
    for (Path path : given) {
      if (path.equals(IngestCommand.STDIN)) {
        stdin++;
        files.add(IngestCommand.STDIN);
      } else if (Files.isDirectory(path)) {
        List<Path> below = below(path);
        if (below.isEmpty()) {
          throw usage.apply(path + " holds no files to read");
        }
        files.addAll(below);
      } else if (Files.exists(path)) {
        files.add(path);
      } else {
        throw new NoSuchFileException(path.toString());
      }
    }
    if (stdin > 1) {
      throw usage.apply("'-' (standard input) can be read once only");
    }
    return files;
  }

  private static List<Path> below(Path folder) throws IOException {
    try (Stream<Path> walk = Files.walk(folder)) {
      return walk.filter(Files::isRegularFile).filter(file -> !hidden(folder.relativize(file))).sorted().toList();
    }
  }

  private static boolean hidden(Path relative) {
    for (Path part : relative) {
      if (part.toString().startsWith(".")) {
        return true;
      }
    }
    return false;
  }
}
