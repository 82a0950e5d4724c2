package dev.vigil.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.risk.RiskEvent;
import dev.vigil.risk.RiskStore;
import dev.vigil.schedule.RunLedger;
import dev.vigil.schedule.RunRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One policy for the run ledger and the risk events file ({@link NdjsonLog}), run against both: a torn last
 * line is dropped and said so, a whole last line without its line end is kept, a corrupt line in the middle is
 * named by its number and skipped while reading and writing go on, a file of another kind is refused untouched,
 * two writers never tear each other's lines, and a file larger than a read chunk is read whole.
 */
@Timeout(60)
class AppendOnlyFilesContractTest {
  @TempDir
  Path dir;

  /** One of the files, seen through its own class: entries are numbered, and it says which it holds. */
  interface Subject {
    Path file();

    void append(int entry) throws IOException;

    /** The entries it holds, as it reads them. */
    List<Integer> entries() throws IOException;

    /** The line it writes for the entry, without its line end. */
    String line(int entry) throws IOException;
  }

  interface Factory {
    Subject open(Path dir, Consumer<String> warnings) throws IOException;
  }

  static Stream<Factory> files() {
    return Stream.of(new Factory() {
      @Override
      public Subject open(Path dir, Consumer<String> warnings) {
        return new LedgerSubject(new RunLedger(dir, warnings));
      }

      @Override
      public String toString() {
        return "run ledger";
      }
    }, new Factory() {
      @Override
      public Subject open(Path dir, Consumer<String> warnings) throws IOException {
        return new RiskSubject(RiskStore.open(dir, dir.resolve("risk").resolve("risk-events.ndjson"), warnings));
      }

      @Override
      public String toString() {
        return "risk events file";
      }
    });
  }

  private static final Instant BASE = Instant.parse("2024-05-15T00:00:00Z");

  /** Entries are rules, all run at one time, so that a line of one is a line of another with its number changed. */
  private static final class LedgerSubject implements Subject {
    private final RunLedger ledger;
    private String template;

    LedgerSubject(RunLedger ledger) {
      this.ledger = ledger;
    }

    private static RunRecord record(int entry) {
      return new RunRecord("rule_" + entry, BASE, BASE.minus(Duration.ofMinutes(70)),
          BASE.minus(Duration.ofMinutes(10)), RunRecord.State.OK, 1, 1, 5, null, BASE);
    }

    @Override
    public Path file() {
      return ledger.file();
    }

    @Override
    public void append(int entry) throws IOException {
      ledger.append(record(entry));
    }

    @Override
    public List<Integer> entries() throws IOException {
      return ledger.records().stream().map(r -> Integer.parseInt(r.rule().substring("rule_".length()))).toList();
    }

    @Override
    public String line(int entry) throws IOException {
      if (template == null) {
        Path scratch = Files.createTempDirectory("ledger");
        try {
          RunLedger other = new RunLedger(scratch, w -> { });
          other.append(record(0));
          template = Files.readString(other.file()).strip();
        } finally {
          try (java.util.stream.Stream<Path> made = Files.walk(scratch)) {
            for (Path file : made.sorted(java.util.Comparator.reverseOrder()).toList()) {
              Files.delete(file);
            }
          }
        }
      }
      return template.replace("\"rule_0\"", "\"rule_" + entry + "\"");
    }
  }

  /** The risk store reads ids only to skip them: an entry is held when appending it again writes nothing. */
  private record RiskSubject(RiskStore<?> store) implements Subject {
    private static final Pattern EVENT_ID = Pattern.compile("\"event-(\\d+)\"");

    private static RiskEvent event(int entry) {
      Map<String, Object> fields = new LinkedHashMap<>();
      fields.put("risk_event_id", "event-" + entry);
      fields.put("risk_score", 42);
      return new RiskEvent("event-" + entry, fields);
    }

    @Override
    public Path file() {
      return store.file();
    }

    @Override
    public void append(int entry) throws IOException {
      store.append(List.of(event(entry)));
    }

    @Override
    public List<Integer> entries() throws IOException {
      List<Integer> held = new ArrayList<>();
      for (String line : Files.readAllLines(store.file())) {
        Matcher id = EVENT_ID.matcher(line);
        if (id.find() && store.append(List.of(event(Integer.parseInt(id.group(1))))).isEmpty()) {
          held.add(Integer.parseInt(id.group(1)));
        }
      }
      return held;
    }

    @Override
    public String line(int entry) {
      return "{\"risk_event_id\":\"event-" + entry + "\",\"risk_score\":42}";
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("files")
  void aTornLastLineIsDroppedAndSaidSo(Factory factory) throws IOException {
    List<String> warnings = new ArrayList<>();
    Subject subject = factory.open(dir, warnings::add);
    subject.append(1);
    String torn = subject.line(2).substring(0, 20);
    Files.writeString(subject.file(), torn, StandardOpenOption.APPEND);

    subject.append(3);

    assertEquals(List.of(1, 3), subject.entries());
    assertEquals(List.of(subject.file() + ":2: dropped a last line cut short by a crash (20 bytes): " + torn), warnings);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("files")
  void aWholeLastLineWithoutItsLineEndIsKept(Factory factory) throws IOException {
    List<String> warnings = new ArrayList<>();
    Subject subject = factory.open(dir, warnings::add);
    subject.append(1);
    Files.writeString(subject.file(), subject.line(2), StandardOpenOption.APPEND);

    subject.append(3);

    assertEquals(List.of(1, 2, 3), subject.entries());
    assertEquals(List.of(), warnings);
    assertEquals(3, Files.readAllLines(subject.file()).size());
  }

  @ParameterizedTest(name = "{0}") // never a stuck writer, never a silent loss: the line is named, the rest goes on
  @MethodSource("files")
  void aCorruptLineInTheMiddleIsNamedAndSkipped(Factory factory) throws IOException {
    List<String> warnings = new ArrayList<>();
    Subject subject = factory.open(dir, warnings::add);
    subject.append(1);
    Files.writeString(subject.file(), "{\"half a line\n", StandardOpenOption.APPEND);
    subject.append(3);
    subject.append(4);

    assertEquals(List.of(1, 3, 4), subject.entries());
    assertEquals(List.of(subject.file() + ":2: not a JSON object; skipped: {\"half a line"), warnings);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("files")
  void aFileOfAnotherKindIsRefusedUntouched(Factory factory) throws IOException {
    Subject subject = factory.open(dir, w -> { });
    Files.createDirectories(subject.file().getParent());
    String csv = "rule,scheduled\nrule_1,2024-05-15T00:00:00Z";
    Files.writeString(subject.file(), csv);

    NdjsonLog.NotThisFileException refused = assertThrows(NdjsonLog.NotThisFileException.class,
        () -> subject.append(1));

    assertTrue(refused.getMessage().startsWith(subject.file() + ":1: not a "), refused.getMessage());
    assertEquals(csv, Files.readString(subject.file()), "the file is as it was");
  }

  @ParameterizedTest(name = "{0}") // as two processes on one index do, each with its own object on the file
  @MethodSource("files")
  void twoWritersNeverTearEachOthersLines(Factory factory) throws Exception {
    Subject first = factory.open(dir, w -> { });
    Subject second = factory.open(dir, w -> { });
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<?> a = pool.submit(() -> appendAll(first, 0));
      Future<?> b = pool.submit(() -> appendAll(second, 1));
      a.get(30, TimeUnit.SECONDS);
      b.get(30, TimeUnit.SECONDS);
    } finally {
      pool.shutdownNow();
    }
    List<Integer> entries = new ArrayList<>(factory.open(dir, w -> { }).entries());
    entries.sort(null);
    assertEquals(IntStream.range(0, 400).boxed().toList(), entries);
  }

  private static Void appendAll(Subject subject, int parity) throws IOException {
    for (int entry = parity; entry < 400; entry += 2) {
      subject.append(entry);
    }
    return null;
  }

  @ParameterizedTest(name = "{0}") // read in chunks: the unread tail is never one buffer
  @MethodSource("files")
  void aFileLargerThanAReadChunkIsReadWhole(Factory factory) throws IOException {
    Subject subject = factory.open(dir, w -> { });
    Files.createDirectories(subject.file().getParent());
    StringBuilder lines = new StringBuilder();
    int count = 0;
    while (lines.length() < 3 << 20) {
      lines.append(subject.line(count++)).append('\n');
    }
    Files.writeString(subject.file(), lines, StandardCharsets.UTF_8);

    subject.append(count);

    List<Integer> entries = subject.entries();
    assertEquals(count + 1, entries.size());
    assertEquals(count, entries.get(entries.size() - 1));
  }
}
