package dev.vigil.content;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * security_content YAML: a checkout ({@code detections/**}, {@code macros/*.yml}, {@code lookups/*.yml} with
 * their CSV files) or any folder of such files, told apart by their fields. Detections are imported as they
 * are written, unmodified, when they are production ones (ESCU's build ships only those) of a type with an
 * ESCU default schedule, and read data Vigil stores.
 */
final class SecurityContentReader {
  private final Set<String> scheduledTypes;
  private final ImportBatch batch;
  private final ContentImport.Progress progress;
  private long read;
  private long total;

  SecurityContentReader(Set<String> scheduledTypes, ImportBatch batch, ContentImport.Progress progress) {
    this.scheduledTypes = scheduledTypes;
    this.batch = batch;
    this.progress = progress;
  }

  static boolean isCheckout(Path root) {
    return Files.isDirectory(root.resolve("detections")) || Files.isDirectory(root.resolve("macros"))
        || Files.isDirectory(root.resolve("lookups"));
  }

  void read(Path root) throws IOException {
    if (isCheckout(root)) {
      List<Path> detections = yamlFiles(root.resolve("detections"), true);
      List<Path> macros = yamlFiles(root.resolve("macros"), false);
      List<Path> lookups = yamlFiles(root.resolve("lookups"), false);
      total = detections.size() + macros.size() + lookups.size();
      detections.forEach(f -> readFile(f, Expect.DETECTION));
      macros.forEach(f -> readFile(f, Expect.MACRO));
      lookups.forEach(f -> readFile(f, Expect.LOOKUP));
      // ATT&CK's tactic of each technique, which the app's build ships beside the lookups (docs/rba.md).
      Path tactics = root.resolve("app_template").resolve("lookups").resolve("mitre_enrichment.csv");
      if (Files.isRegularFile(tactics)) {
        add("ATT&CK tactics", "mitre_enrichment", Path.of("mitre_enrichment.csv"), tactics, tactics.toString());
      }
    } else {
      List<Path> files = yamlFiles(root, true);
      total = files.size();
      files.forEach(f -> readFile(f, Expect.ANY));
    }
  }

  private enum Expect { DETECTION, MACRO, LOOKUP, ANY }

  private void readFile(Path file, Expect expect) {
    progress.filesRead(++read, total);
    String text;
    JsonNode node;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
      node = ContentYamlFiles.mapping(text, file.toString());
    } catch (IOException e) {
      batch.problem(e.getMessage());
      return;
    }
    Expect kind = expect != Expect.ANY ? expect
        : node.hasNonNull("search") && node.hasNonNull("id") ? Expect.DETECTION
        : node.hasNonNull("definition") ? Expect.MACRO
        : node.has("filename") || node.has("collection") ? Expect.LOOKUP
        : Expect.ANY;
    switch (kind) {
      case DETECTION -> detection(file, text, node);
      case MACRO -> macro(file, node);
      case LOOKUP -> lookup(file, node);
      case ANY -> batch.skip("file", file.getFileName().toString(), file.toString(), "not a detection, macro or lookup");
    }
  }

  private void detection(Path file, String text, JsonNode node) {
    String source = file + ":" + ContentYamlFiles.lineOf(text, "search");
    String name = ContentYamlFiles.text(node, "name");
    for (String field : List.of("name", "id", "type", "search")) {
      if (ContentYamlFiles.text(node, field).isBlank()) {
        batch.problem(file + ": field " + field + ": missing or empty");
        return;
      }
    }
    String status = ContentYamlFiles.text(node, "status");
    if (!status.isEmpty() && !status.equalsIgnoreCase("production")) {
      batch.skip("detection", name, source, "status " + status + ": ESCU's build ships only production detections");
      return;
    }
    String type = ContentYamlFiles.text(node, "type");
    if (!scheduledTypes.contains(type.toLowerCase(Locale.ROOT))) {
      batch.skip("detection", name, source, "type " + type + " has no ESCU default schedule");
      return;
    }
    var unsupported = DataSets.unsupported(ContentYamlFiles.text(node, "search"));
    if (unsupported.isPresent()) {
      batch.skip("detection", name, source, "reads " + unsupported.get() + ", which Vigil does not store");
      return;
    }
    add("detection", name, Path.of("detections", file.getFileName().toString()), file, source);
  }

  private void macro(Path file, JsonNode node) {
    if (ContentYamlFiles.text(node, "name").isBlank() || !node.hasNonNull("definition")) {
      batch.problem(file + ": a macro needs the fields 'name' and 'definition'");
      return;
    }
    add("macro", node.get("name").asText(), Path.of("macros", file.getFileName().toString()), file, file.toString());
  }

  private void lookup(Path file, JsonNode node) {
    String name = ContentYamlFiles.text(node, "name");
    String csv = ContentYamlFiles.text(node, "filename");
    if (name.isBlank()) {
      batch.problem(file + ": field name: missing or empty");
      return;
    }
    if (csv.isBlank()) {
      batch.skip("lookup", name, file.toString(), "a KV store collection, which Vigil does not hold");
      return;
    }
    if (!csv.toLowerCase(Locale.ROOT).endsWith(".csv")) {
      batch.skip("lookup", name, file.toString(), "not a CSV table (" + csv + ")");
      return;
    }
    Path table = file.resolveSibling(csv);
    if (!Files.isRegularFile(table)) {
      batch.problem(file + ": field filename: " + csv + " is not beside it");
      return;
    }
    add("lookup", name, Path.of("lookups", file.getFileName().toString()), file, file.toString());
    add("lookup file", csv, Path.of("lookups", csv), table, table.toString());
  }

  private void add(String kind, String name, Path target, Path file, String source) {
    try {
      batch.add(kind, name, target, Files.readAllBytes(file), source);
    } catch (IOException e) {
      batch.problem(file + ": cannot read: " + e.getMessage());
    }
  }

  private static List<Path> yamlFiles(Path folder, boolean recursive) throws IOException {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> walk = recursive ? Files.walk(folder) : Files.list(folder)) {
      return walk.filter(Files::isRegularFile)
          .filter(p -> p.toString().endsWith(".yml") || p.toString().endsWith(".yaml"))
          .sorted().toList();
    }
  }
}
