package dev.vigil.lookup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The lookup tables of an installation (SEMANTICS §4.6): a folder of security_content lookup YAML files
 * ({@code name}, {@code filename}, {@code match_type}, {@code case_sensitive_match}, {@code default_match},
 * {@code min_matches}, {@code max_matches}) next to their CSV files. {@code inputlookup} and {@code lookup} name a
 * table by its YAML {@code name} or by its file name ({@code x.csv}); a CSV that no YAML describes is a table
 * with Splunk's default options. A CSV is read on first use and kept.
 */
public final class LookupTables {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Pattern WILDCARD = Pattern.compile("WILDCARD\\(\\s*([^)\\s]+)\\s*\\)", Pattern.CASE_INSENSITIVE);

  /** Definitions by name and by file name; each yields the table, reading its CSV once. */
  private final Map<String, Supplier<LookupTable>> byName;
  /** The CSV file of each table read from a folder, by name and by file name. */
  private final Map<String, Path> csvFiles;

  private LookupTables(Map<String, Supplier<LookupTable>> byName, Map<String, Path> csvFiles) {
    this.byName = byName;
    this.csvFiles = csvFiles;
  }

  public static LookupTables empty() {
    return new LookupTables(Map.of(), Map.of());
  }

  /**
   * The tables of several folders, lowest first ({@code config/lookups/}, then {@code config/local/lookups/}): a
   * later folder's table replaces an earlier one's of the same name or file name, as {@code local/} beats
   * {@code default/}.
   */
  public static LookupTables load(List<Path> lowestFirst) throws IOException {
    Map<String, Supplier<LookupTable>> map = new ConcurrentHashMap<>();
    Map<String, Path> files = new ConcurrentHashMap<>();
    for (Path folder : lowestFirst) {
      LookupTables layer = load(folder);
      map.putAll(layer.byName);
      files.putAll(layer.csvFiles);
    }
    return new LookupTables(map, files);
  }

  /** Tables held in memory, found by name and by file name. */
  public static LookupTables of(LookupTable... tables) {
    Map<String, Supplier<LookupTable>> map = new LinkedHashMap<>();
    for (LookupTable table : tables) {
      map.put(table.name(), () -> table);
      map.put(table.filename(), () -> table);
    }
    return new LookupTables(map, Map.of());
  }

  /**
   * Reads the folder's {@code *.yml} definitions (those naming a {@code .csv} file; KV-store collections and
   * models are skipped) and notes every {@code *.csv}. A folder that does not exist holds no tables.
   */
  public static LookupTables load(Path folder) throws IOException {
    Map<String, Supplier<LookupTable>> map = new ConcurrentHashMap<>();
    Map<String, Path> csvFiles = new ConcurrentHashMap<>();
    if (!Files.isDirectory(folder)) {
      return new LookupTables(map, csvFiles);
    }
    List<Path> files;
    try (Stream<Path> listing = Files.list(folder)) {
      files = listing.sorted().toList();
    }
    for (Path file : files) {
      String fileName = file.getFileName().toString();
      if (fileName.toLowerCase(Locale.ROOT).endsWith(".csv")) {
        String name = fileName.substring(0, fileName.length() - 4);
        Supplier<LookupTable> plain = memo(() -> readCsv(file, name, fileName, new Options()));
        map.putIfAbsent(fileName, plain);
        map.putIfAbsent(name, plain);
        csvFiles.putIfAbsent(fileName, file);
        csvFiles.putIfAbsent(name, file);
      }
    }
    for (Path file : files) {
      String fileName = file.getFileName().toString();
      if (!fileName.endsWith(".yml") && !fileName.endsWith(".yaml")) {
        continue;
      }
      JsonNode node;
      try {
        node = YAML.readTree(file.toFile());
      } catch (IOException e) {
        throw new IOException(file + ": not valid YAML: " + e.getMessage(), e);
      }
      if (node == null || !node.hasNonNull("name") || !node.hasNonNull("filename")
          || !node.get("filename").asText().toLowerCase(Locale.ROOT).endsWith(".csv")) {
        continue;
      }
      String name = node.get("name").asText();
      String csvName = node.get("filename").asText();
      Options options = options(node, file);
      Supplier<LookupTable> table = memo(() -> readCsv(folder.resolve(csvName), name, csvName, options));
      map.put(name, table);
      map.put(csvName, table);
      csvFiles.put(name, folder.resolve(csvName));
      csvFiles.put(csvName, folder.resolve(csvName));
    }
    return new LookupTables(map, csvFiles);
  }

  /** The table named {@code nameOrFile}: a YAML {@code name} or a CSV file name such as {@code x.csv}. */
  public Optional<LookupTable> find(String nameOrFile) {
    Supplier<LookupTable> table = byName.get(nameOrFile);
    return table == null ? Optional.empty() : Optional.of(table.get());
  }

  /** Whether a table of that name or file name is defined (its CSV is not read). */
  public boolean has(String nameOrFile) {
    return byName.containsKey(nameOrFile);
  }

  /** The CSV file a table was read from; empty for tables held in memory. */
  public Optional<Path> csvFile(String nameOrFile) {
    return Optional.ofNullable(csvFiles.get(nameOrFile));
  }

  /** Names and file names of every table. */
  public Set<String> names() {
    return Set.copyOf(byName.keySet());
  }

  private record Options(Set<String> wildcardFields, boolean caseSensitive, Optional<String> defaultMatch,
                         int minMatches, int maxMatches) {
    Options() {
      this(Set.of(), true, Optional.empty(), 0, LookupTable.DEFAULT_MAX_MATCHES);
    }
  }

  private static Options options(JsonNode node, Path file) throws IOException {
    Set<String> wildcards = new HashSet<>();
    Matcher m = WILDCARD.matcher(node.path("match_type").asText(""));
    while (m.find()) {
      wildcards.add(m.group(1));
    }
    boolean caseSensitive = !node.path("case_sensitive_match").asText("true").trim().equalsIgnoreCase("false");
    Optional<String> defaultMatch = node.hasNonNull("default_match")
        ? Optional.of(node.get("default_match").asText()) : Optional.empty();
    int min = integer(node, "min_matches", 0, file);
    int max = integer(node, "max_matches", LookupTable.DEFAULT_MAX_MATCHES, file);
    return new Options(wildcards, caseSensitive, defaultMatch, min, max);
  }

  private static int integer(JsonNode node, String field, int fallback, Path file) throws IOException {
    if (!node.hasNonNull(field)) {
      return fallback;
    }
    try {
      int value = Integer.parseInt(node.get(field).asText().trim());
      if (value < 0) {
        throw new NumberFormatException();
      }
      return value;
    } catch (NumberFormatException e) {
      throw new IOException(file + ": " + field + " must be a whole number, not '" + node.get(field).asText() + "'");
    }
  }

  private static LookupTable readCsv(Path csv, String name, String fileName, Options options) {
    try {
      List<List<String>> records = Csv.parse(Files.readString(csv, StandardCharsets.UTF_8), csv.toString());
      if (records.isEmpty()) {
        throw new IOException(csv + ": a lookup file needs a header line");
      }
      List<String> header = new ArrayList<>(records.get(0).stream().map(String::trim).toList());
      return new LookupTable(name, fileName, header, LookupTable.toMaps(header, records.subList(1, records.size())),
          options.wildcardFields(), options.caseSensitive(), options.defaultMatch(), options.minMatches(),
          options.maxMatches());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static <T> Supplier<T> memo(Supplier<T> supplier) {
    return new Supplier<>() {
      private volatile T value;

      @Override
      public synchronized T get() {
        if (value == null) {
          value = supplier.get();
        }
        return value;
      }
    };
  }
}
