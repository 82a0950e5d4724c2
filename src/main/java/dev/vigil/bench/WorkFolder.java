package dev.vigil.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Where a benchmark puts its generated files and indexes: the folder given, kept, or a temporary one, deleted. */
public final class WorkFolder implements AutoCloseable {
  private final Path path;
  private final boolean temporary;

  private WorkFolder(Path path, boolean temporary) {
    this.path = path;
    this.temporary = temporary;
  }

  /** {@code given}, or a new temporary folder when it is null. */
  public static WorkFolder of(Path given) throws IOException {
    return given != null ? new WorkFolder(given, false) : new WorkFolder(Files.createTempDirectory("vigil-bench"), true);
  }

  public Path path() {
    return path;
  }

  @Override
  public void close() throws IOException {
    if (temporary) {
      delete(path);
    }
  }

  /** Deletes {@code folder} and everything in it. */
  static void delete(Path folder) throws IOException {
    try (Stream<Path> walk = Files.walk(folder)) {
      for (Path file : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    }
  }
}
