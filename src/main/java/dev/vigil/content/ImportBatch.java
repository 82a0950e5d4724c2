package dev.vigil.content;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the readers of one import found: files to write under {@code config/local/}, items reported and not
 * imported (with the reason), and files that could not be read.
 */
final class ImportBatch {
  /** A file to write, relative to {@code config/local/}, for the item {@code name} read at {@code source}. */
  record Item(String kind, String name, Path target, byte[] content, String source) {}

  final List<Item> items = new ArrayList<>();
  final List<Skipped> skipped = new ArrayList<>();
  final List<String> problems = new ArrayList<>();

  void add(String kind, String name, Path target, byte[] content, String source) {
    items.add(new Item(kind, name, target, content, source));
  }

  void skip(String kind, String name, String source, String reason) {
    skipped.add(new Skipped(kind, name, source, reason));
  }

  void problem(String message) {
    problems.add(message);
  }

  boolean isEmpty() {
    return items.isEmpty() && skipped.isEmpty() && problems.isEmpty();
  }
}
