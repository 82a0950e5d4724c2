package dev.vigil.spl;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.vigil.content.MacrosConf;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
 * from Splunk {@code macros.conf} files. A file that cannot be read as macros is a problem of its own, named with
 * its file and line; the other files still load, so one broken local macro does not take every rule's shared
 * macros with it.
 */
public final class MacroLibrary implements MacroSource {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final String DEFINITION = "definition";

  private final Map<String, Macro> macros;
  private final List<String> problems;

  private MacroLibrary(Map<String, Macro> macros, List<String> problems) {
    this.macros = Map.copyOf(macros);
    this.problems = List.copyOf(problems);
  }

  public static MacroLibrary of(List<Macro> macros) {
    Map<String, Macro> byKey = new HashMap<>();
    macros.forEach(m -> byKey.put(m.key(), m));
    return new MacroLibrary(byKey, List.of());
  }

  /**
   * Loads every {@code *.yml}, then every {@code *.conf}, of the folders; a later folder's macro replaces an
   * earlier one's, and within a folder a {@code .conf} stanza replaces a YAML file's macro of the same name. A
   * missing folder holds no macros.
   *
   * @throws IOException when a folder exists but cannot be listed; a bad file is one of {@link #problems()}
   */
  public static MacroLibrary load(List<Path> folders) throws IOException {
    Map<String, Macro> byKey = new HashMap<>();
    List<String> problems = new ArrayList<>();
    for (Path folder : folders) {
      if (!Files.isDirectory(folder)) {
        continue;
      }
      List<Path> files;
      try (Stream<Path> listing = Files.list(folder)) {
        files = listing.filter(p -> p.toString().endsWith(".yml") || p.toString().endsWith(".yaml")).sorted().toList();
      }
      for (Path file : files) {
        try {
          Macro macro = read(file);
          byKey.put(macro.key(), macro);
        } catch (BadMacroFile e) {
          problems.add(e.getMessage());
        }
      }
      for (Path file : confFiles(folder)) {
        try {
          MacrosConf.read(file).forEach(m -> byKey.put(m.key(), m));
        } catch (IOException | RuntimeException e) {
          problems.add(e.getMessage());
        }
      }
    }
    return new MacroLibrary(byKey, problems);
  }

  private static List<Path> confFiles(Path folder) throws IOException {
    try (Stream<Path> listing = Files.list(folder)) {
      return listing.filter(p -> p.toString().endsWith(".conf")).sorted().toList();
    }
  }

  static Macro read(Path file) throws BadMacroFile {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new BadMacroFile(file, 0, "cannot read: " + e.getMessage());
    }
    JsonNode node;
    try {
      node = YAML.readTree(text);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      throw new BadMacroFile(file, at == null ? 0 : at.getLineNr(), "not valid YAML: " + firstLines(e.getOriginalMessage()));
    }
    if (node == null || !node.isObject()) {
      throw new BadMacroFile(file, 0, "expected a YAML mapping with the fields 'name' and 'definition'");
    }
    for (String field : List.of("name", DEFINITION)) {
      if (!node.path(field).isValueNode() || node.path(field).asText().isBlank()) {
        throw new BadMacroFile(file, 0, "field " + field + ": missing or empty");
      }
    }
    JsonNode argumentNode = node.path("arguments");
    if (!argumentNode.isMissingNode() && !argumentNode.isNull() && !argumentNode.isArray()) {
      throw new BadMacroFile(file, 0, "field arguments: expected a list of argument names");
    }
    List<String> arguments = new ArrayList<>();
    argumentNode.forEach(a -> arguments.add(a.asText()));
    return new Macro(node.get("name").asText(), arguments, node.get(DEFINITION).asText(),
        Optional.of(new Macro.DefinitionSource(file, definitionFirstLine(text))));
  }

  /**
   * SnakeYAML's message without its excerpts of the text ({@code in 'reader', line 3…} and a caret): the line is
   * told once, in front.
   */
  private static String firstLines(String message) {
    return String.join(": ", message.lines()
        .filter(line -> !line.isBlank() && !line.startsWith(" in '") && !line.startsWith("    "))
        .toList());
  }

  /**
   * The line on which the top-level {@code definition} value's text starts: the value's own line, or for a block
   * scalar ({@code |} or {@code >}, whose token Jackson places at the indicator) the line after it.
   */
  private static int definitionFirstLine(String text) {
    try (JsonParser parser = YAML.getFactory().createParser(text)) {
      int depth = 0;
      for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
        if (token.isStructStart()) {
          depth++;
        } else if (token.isStructEnd()) {
          depth--;
        } else if (depth == 1 && token == JsonToken.FIELD_NAME && parser.currentName().equals(DEFINITION)) {
          parser.nextToken();
          JsonLocation at = parser.currentTokenLocation();
          int offset = (int) at.getCharOffset();
          boolean block = offset >= 0 && offset < text.length() && (text.charAt(offset) == '|' || text.charAt(offset) == '>');
          return at.getLineNr() + (block ? 1 : 0);
        }
      }
    } catch (IOException e) {
      // The text parsed a moment ago as a tree; the line is then merely unknown.
    }
    return 0;
  }

  @Override
  public Optional<Macro> find(String name, int arity) {
    return Optional.ofNullable(macros.get(Macro.key(name, arity)));
  }

  public int size() {
    return macros.size();
  }

  /** The files that did not load, each as {@code file[:line]: what is wrong}. */
  public List<String> problems() {
    return problems;
  }

  /** A file that is not a macro, with the line where that shows when it is known. */
  static final class BadMacroFile extends Exception {
    BadMacroFile(Path file, int line, String message) {
      super(file + (line > 0 ? ":" + line : "") + ": " + message);
    }
  }
}
