package dev.vigil.content;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.schedule.Home;
import dev.vigil.store.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * {@code vigil content import}: security_content YAML and Splunk apps into {@code config/local/}, where
 * administrators' content lives and content upgrades never reach. Every write is atomic, and a file that
 * already holds what would be written is left alone, so importing the same content twice changes nothing.
 */
public final class ContentImport {
  /** One file written (or found already up to date) for an imported item. */
  public record Imported(String kind, String name, String file, boolean written, String source) {}

  /** What an import did: the files, what it reported and did not import, and what it could not read. */
  public record Report(List<Imported> imported, List<Skipped> skipped, List<String> problems) {}

  private final Home home;
  private final Progress progress;

  /** How far the reading of a checkout's files is, for a progress line. */
  @FunctionalInterface
  public interface Progress {
    void filesRead(long read, long total);
  }

  public ContentImport(Home home, Progress progress) {
    this.home = home;
    this.progress = progress;
  }

  /**
   * Imports every path; a path that does not exist or holds no content is an {@link IllegalArgumentException}
   * and nothing is written.
   */
  public Report run(List<Path> paths) throws IOException {
    for (Path path : paths) {
      if (!Files.exists(path)) {
        throw new IllegalArgumentException("no such file or folder: " + path);
      }
      if (Files.isRegularFile(path) && !AppPackage.isPackage(path)) {
        throw new IllegalArgumentException(path + ": not a folder or a Splunk app package (.tgz, .tar.gz, .spl)");
      }
    }
    Set<String> types = scheduledTypes();
    ImportBatch batch = new ImportBatch();
    for (Path path : paths) {
      ImportBatch found = new ImportBatch();
      if (Files.isDirectory(path) && SplunkAppReader.isApp(path)) {
        new SplunkAppReader(types, found, Path::toString).read(path);
      } else if (Files.isDirectory(path)) {
        new SecurityContentReader(types, found, progress).read(path);
      } else {
        try (AppPackage app = AppPackage.unpack(path)) {
          new SplunkAppReader(types, found, app::displayName).read(app.appFolder());
        }
      }
      if (found.isEmpty()) {
        throw new IllegalArgumentException(path + ": holds no content: expected a security_content checkout"
            + " (detections/, macros/, lookups/), a folder of its YAML, or a Splunk app (default/, local/)");
      }
      batch.items.addAll(found.items);
      batch.skipped.addAll(found.skipped);
      batch.problems.addAll(found.problems);
    }
    return write(batch);
  }

  private Report write(ImportBatch batch) throws IOException {
    // A later path's file for the same target replaces an earlier one's, as a later layer does.
    Map<Path, ImportBatch.Item> byTarget = new LinkedHashMap<>();
    batch.items.forEach(item -> byTarget.put(item.target(), item));
    List<Imported> imported = new ArrayList<>();
    for (ImportBatch.Item item : byTarget.values()) {
      Path file = home.local().resolve(item.target());
      byte[] content = item.kind().equals("schedule") ? keepAdministratorKeys(file, item.content()) : item.content();
      boolean written = AtomicFiles.write(file, content);
      imported.add(new Imported(item.kind(), item.name(), home.root().relativize(file).toString().replace('\\', '/'),
          written, item.source()));
    }
    return new Report(imported, batch.skipped, batch.problems);
  }

  /**
   * The imported schedule over an existing override: the imported keys replace the old ones, and what only
   * Vigil records ({@code enabled_at} while the rule stays enabled, a {@code lookback}) is kept.
   */
  private static byte[] keepAdministratorKeys(Path file, byte[] imported) throws IOException {
    if (!Files.isRegularFile(file)) {
      return imported;
    }
    JsonNode existing = ContentYamlFiles.read(file);
    ObjectNode merged = (ObjectNode) ContentYamlFiles.YAML.readTree(imported);
    if (merged.path("enabled").asBoolean(false) && existing.hasNonNull("enabled_at")) {
      merged.set("enabled_at", existing.get("enabled_at"));
    }
    if (existing.hasNonNull("lookback")) {
      merged.set("lookback", existing.get("lookback"));
    }
    return ContentYamlFiles.bytes(merged);
  }

  /** The detection types with an ESCU default schedule in {@code schedules/deployments/}, lower-cased. */
  private Set<String> scheduledTypes() throws IOException {
    Set<String> types = new TreeSet<>();
    if (!Files.isDirectory(home.deployments())) {
      return types;
    }
    try (Stream<Path> listing = Files.list(home.deployments())) {
      for (Path file : listing.filter(p -> p.toString().endsWith(".yml")).sorted().toList()) {
        String type = ContentYamlFiles.text(ContentYamlFiles.read(file), "type");
        if (!type.isBlank()) {
          types.add(type.toLowerCase(Locale.ROOT));
        }
      }
    }
    return types;
  }
}
