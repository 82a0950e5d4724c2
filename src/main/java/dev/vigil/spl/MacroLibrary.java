package dev.vigil.spl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.vigil.content.MacrosConf;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Macros loaded from security_content-style YAML files ({@code name}, {@code definition}, {@code arguments}) and
 * from Splunk {@code macros.conf} files.
 */
public final class MacroLibrary implements MacroSource {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private final Map<String, Macro> macros;

  private MacroLibrary(Map<String, Macro> macros) {
    this.macros = Map.copyOf(macros);
  }

  public static MacroLibrary of(List<Macro> macros) {
    Map<String, Macro> byKey = new HashMap<>();
    macros.forEach(m -> byKey.put(m.key(), m));
    return new MacroLibrary(byKey);
  }

  /**
   * Loads every {@code *.yml}, then every {@code *.conf}, of the folders; a later folder's macro replaces an
   * earlier one's, and within a folder a {@code .conf} stanza replaces a YAML file's macro of the same name.
   */
  public static MacroLibrary load(List<Path> folders) throws IOException {
    Map<String, Macro> byKey = new HashMap<>();
    for (Path folder : folders) {
      if (!Files.isDirectory(folder)) {
        continue;
      }
      List<Path> files;
      try (Stream<Path> listing = Files.list(folder)) {
        files = listing.filter(p -> p.toString().endsWith(".yml") || p.toString().endsWith(".yaml")).sorted().toList();
      }
      for (Path file : files) {
        Macro macro = read(file);
        byKey.put(macro.key(), macro);
      }
      for (Path file : confFiles(folder)) {
        MacrosConf.read(file).forEach(m -> byKey.put(m.key(), m));
      }
    }
    return new MacroLibrary(byKey);
  }

  private static List<Path> confFiles(Path folder) throws IOException {
    try (Stream<Path> listing = Files.list(folder)) {
      return listing.filter(p -> p.toString().endsWith(".conf")).sorted().toList();
    }
  }

  static Macro read(Path file) throws IOException {
    JsonNode node;
    try {
      node = YAML.readTree(file.toFile());
    } catch (IOException e) {
      throw new IOException(file + ": not valid YAML: " + e.getMessage(), e);
    }
    if (node == null || !node.hasNonNull("name") || !node.hasNonNull("definition")) {
      throw new IOException(file + ": a macro needs the fields 'name' and 'definition'");
    }
    List<String> arguments = new ArrayList<>();
    node.path("arguments").forEach(a -> arguments.add(a.asText()));
    return new Macro(node.get("name").asText(), arguments, node.get("definition").asText());
  }

  @Override
  public Optional<Macro> find(String name, int arity) {
    return Optional.ofNullable(macros.get(Macro.key(name, arity)));
  }

  public int size() {
    return macros.size();
  }

}
