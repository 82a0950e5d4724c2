package dev.vigil;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** A fresh installation folder for a test: a copy of the shipped schedules/ and config/, without local changes. */
public final class TestHomes {
  private TestHomes() {}

  public static Path copyShipped(Path target) {
    copy(Path.of("schedules"), target.resolve("schedules"));
    copy(Path.of("config"), target.resolve("config"));
    return target;
  }

  private static void copy(Path from, Path to) {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path source : walk.toList()) {
        if (source.startsWith(from.resolve("local")) && !source.equals(from.resolve("local"))) {
          continue;
        }
        Path target = to.resolve(from.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(target);
        } else {
          Files.copy(source, target);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
