package dev.vigil.query;

import dev.vigil.lucene.LuceneTstats;
import dev.vigil.ingest.EventReader;
import dev.vigil.ingest.IngestProblem;
import dev.vigil.ingest.ProcessEvent;
import dev.vigil.lookup.LookupTables;
import dev.vigil.schedule.DetectionLoader;
import dev.vigil.spl.Macro;
import dev.vigil.spl.MacroExpander;
import dev.vigil.spl.MacroLibrary;
import dev.vigil.spl.MacroSource;
import dev.vigil.spl.SplParser;
import dev.vigil.store.EventIndex;
import dev.vigil.store.EventWriter;
import dev.vigil.time.Window;
import java.io.IOException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** Ingest events into a fresh index and run a shipped detection over it, as the scheduler would. */
final class Searches {
  static final Path CONTENT = Path.of("../shared/content");
  static final ZoneId UTC = ZoneOffset.UTC;
  static final Window ALL_TIME = new Window(Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z"));

  private Searches() {}

  /** The shipped macros, with {@code drop_dm_object_name(1)} (not shipped in content/macros) and overrides first. */
  static MacroSource macros(Macro... overrides) {
    try {
      List<Macro> extra = new ArrayList<>(List.of(overrides));
      extra.add(new Macro("drop_dm_object_name", List.of("object"), "rename \"$object$.*\" as *"));
      return MacroLibrary.of(extra).orElse(MacroLibrary.load(List.of(CONTENT.resolve("macros"))));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Macro filter(String stem, String definition) {
    return new Macro(stem + "_filter", List.of(), definition);
  }

  static List<ProcessEvent> read(Path file) throws IOException {
    List<ProcessEvent> events = new ArrayList<>();
    List<IngestProblem> problems = new ArrayList<>();
    new EventReader().read(file, events::add, problems::add);
    if (!problems.isEmpty()) {
      throw new AssertionError("ingest problems: " + problems);
    }
    return events;
  }

  static List<ProcessEvent> ndjson(String... lines) throws IOException {
    List<ProcessEvent> events = new ArrayList<>();
    List<IngestProblem> problems = new ArrayList<>();
    new EventReader().read(new ByteArrayInputStream((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8)), "test.ndjson", events::add, problems::add);
    if (!problems.isEmpty() || events.size() != lines.length) {
      throw new AssertionError("expected " + lines.length + " events, got " + events + " and problems " + problems);
    }
    return events;
  }

  static void index(Path indexDir, List<ProcessEvent> events) throws IOException {
    try (EventWriter writer = EventWriter.open(indexDir, Clock.fixed(Instant.parse("2030-01-01T00:00:00Z"), UTC))) {
      events.forEach(writer::add);
      writer.commit();
    }
  }

  static String detectionSearch(String stem) {
    return DetectionLoader.load(CONTENT.resolve("detections").resolve(stem + ".yml")).search();
  }

  /** The lookup tables the product ships (config/lookups of the project). */
  static final Path LOOKUPS = Path.of("config/lookups");

  static LookupTables lookups() {
    try {
      return LookupTables.load(LOOKUPS);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<Row> run(Path indexDir, String spl, MacroSource macros, Window window) throws IOException {
    return run(indexDir, spl, macros, window, lookups());
  }

  static List<Row> run(Path indexDir, String spl, MacroSource macros, Window window, LookupTables lookups)
      throws IOException {
    try (EventIndex index = EventIndex.open(indexDir)) {
      return run(new LuceneTstats(index), spl, macros, window, lookups);
    }
  }

  /** Runs {@code spl}, macros expanded, with its tstats on {@code backend} and the shipped lookup tables. */
  static List<Row> run(TstatsBackend backend, String spl, MacroSource macros, Window window) throws IOException {
    return run(backend, spl, macros, window, lookups());
  }

  static List<Row> run(TstatsBackend backend, String spl, MacroSource macros, Window window, LookupTables lookups)
      throws IOException {
    String expanded = new MacroExpander(macros).expand(spl).text();
    return new SearchExecutor(backend, UTC, lookups).execute(SplParser.parse(expanded), window, window.latest(), expanded);
  }
}
