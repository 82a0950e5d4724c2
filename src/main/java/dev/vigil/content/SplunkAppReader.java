package dev.vigil.content;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.spl.Macro;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * A Splunk app folder: {@code default/} and {@code local/} {@code savedsearches.conf}, {@code macros.conf} and
 * {@code transforms.conf}, layered as Splunk layers them (local beats default, key by key), and
 * {@code lookups/*.csv}. Each conf file is read whole: one with a malformed line is reported and the app's
 * other files are still imported.
 */
final class SplunkAppReader {
  private final Set<String> scheduledTypes;
  private final ImportBatch batch;
  /** How a file of the app is named in messages: its path, or its place inside the package it came in. */
  private final Function<Path, String> displayName;

  SplunkAppReader(Set<String> scheduledTypes, ImportBatch batch, Function<Path, String> displayName) {
    this.scheduledTypes = scheduledTypes;
    this.batch = batch;
    this.displayName = displayName;
  }

  static boolean isApp(Path root) {
    return Files.isDirectory(root.resolve("default")) || Files.isDirectory(root.resolve("local"));
  }

  void read(Path app) throws IOException {
    conf(app, "savedsearches.conf").ifPresent(conf -> {
      SavedSearchImport searches = new SavedSearchImport(scheduledTypes, batch);
      conf.stanzas().forEach(searches::read);
    });
    conf(app, "macros.conf").ifPresent(this::macros);
    Set<String> described = new HashSet<>();
    conf(app, "transforms.conf").ifPresent(conf -> lookups(app, conf, described));
    for (Path csv : csvFiles(app.resolve("lookups"))) {
      String fileName = csv.getFileName().toString();
      if (!described.contains(fileName)) {
        batch.add("lookup file", fileName, Path.of("lookups", fileName), Files.readAllBytes(csv), displayName.apply(csv));
      }
    }
  }

  private Optional<Conf> conf(Path app, String fileName) {
    List<ConfFile> layers = new ArrayList<>();
    for (String layer : List.of("default", "local")) {
      Path file = app.resolve(layer).resolve(fileName);
      if (!Files.isRegularFile(file)) {
        continue;
      }
      try {
        layers.add(ConfFile.read(file, displayName.apply(file)));
      } catch (ConfSyntaxException | IOException e) {
        batch.problem(e.getMessage());
        return Optional.empty();
      }
    }
    return layers.isEmpty() ? Optional.empty() : Optional.of(Conf.layered(layers));
  }

  private void macros(Conf conf) {
    for (ConfStanza stanza : conf.stanzas()) {
      try {
        Macro macro = MacrosConf.macro(stanza);
        ObjectNode yaml = ContentYamlFiles.YAML.createObjectNode();
        yaml.put("name", macro.name());
        if (!macro.arguments().isEmpty()) {
          macro.arguments().forEach(yaml.putArray("arguments")::add);
        }
        yaml.put("definition", macro.definition());
        stanza.text("description").ifPresent(d -> yaml.put("description", d));
        batch.add("macro", macro.key(), Path.of("macros", macro.key() + ".yml"), ContentYamlFiles.bytes(yaml),
            stanza.location());
      } catch (IOException e) {
        batch.problem(e.getMessage());
      }
    }
  }

  /** Lookup definitions (transforms.conf.spec): file-based ones are imported; KV store and others reported. */
  private void lookups(Path app, Conf conf, Set<String> described) {
    for (ConfStanza stanza : conf.stanzas()) {
      Optional<String> filename = stanza.text("filename");
      if (filename.isEmpty()) {
        String reason = stanza.value("collection").isPresent() || stanza.value("external_type").isPresent()
            ? "a KV store or external lookup, which Vigil does not hold" : "not a lookup definition (no filename)";
        batch.skip("lookup", stanza.name(), stanza.location(), reason);
        continue;
      }
      String csvName = filename.get();
      Path csv = app.resolve("lookups").resolve(csvName);
      if (!csvName.toLowerCase(Locale.ROOT).endsWith(".csv")) {
        batch.skip("lookup", stanza.name(), stanza.location(), "not a CSV table (" + csvName + ")");
        continue;
      }
      if (!Files.isRegularFile(csv) || csvName.contains("/") || csvName.contains("\\")) {
        batch.problem(stanza.value("filename").orElseThrow().location() + ": " + csvName + " is not in "
            + displayName.apply(app.resolve("lookups")));
        continue;
      }
      try {
        ObjectNode yaml = ContentYamlFiles.YAML.createObjectNode();
        yaml.put("name", stanza.name());
        yaml.put("filename", csvName);
        for (String key : List.of("match_type", "case_sensitive_match", "default_match")) {
          stanza.text(key).ifPresent(v -> yaml.put(key, v));
        }
        for (String key : List.of("min_matches", "max_matches")) {
          Optional<ConfValue> value = stanza.value(key);
          if (value.isPresent()) {
            if (!value.get().value().matches("\\d+")) {
              throw new IOException(value.get().location() + ": " + key + " must be a whole number, not '"
                  + value.get().value() + "'");
            }
            yaml.put(key, Integer.parseInt(value.get().value()));
          }
        }
        batch.add("lookup", stanza.name(), Path.of("lookups", stanza.name() + ".yml"), ContentYamlFiles.bytes(yaml),
            stanza.location());
        batch.add("lookup file", csvName, Path.of("lookups", csvName), Files.readAllBytes(csv), displayName.apply(csv));
        described.add(csvName);
      } catch (IOException e) {
        batch.problem(e.getMessage());
      }
    }
  }

  private static List<Path> csvFiles(Path folder) throws IOException {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> listing = Files.list(folder)) {
      return listing.filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv")).sorted().toList();
    }
  }
}
