package dev.vigil.spool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.MutableClock;
import dev.vigil.store.EventIndex;
import dev.vigil.store.EventWriter;
import dev.vigil.store.Quarantine;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The spool: files that appear, also while they are written, are ingested a whole line at a time, the progress
 * committed with the events; a crash resumes where the commit says; rotated files are read again; settled files
 * are moved to done/.
 */
@Timeout(60)
class SpoolTest {
  @TempDir
  Path temp;

  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
  private final List<String> log = new ArrayList<>();

  private Path index() {
    return temp.resolve("index");
  }

  private Path spoolFolder() {
    return index().resolve("spool");
  }

  private Spool spool() {
    return new Spool(spoolFolder(), Duration.ofMinutes(1), Spool.Finished.MOVE, clock, 1 << 20, log::add);
  }

  private static String event(int n) {
    return "{\"_time\": " + (1764000000 + n) + ", \"dest\": \"host" + n + "\", \"process\": \"cmd.exe /c " + n + "\"}";
  }

  private Spool.Pass pass() throws IOException {
    try (EventWriter writer = EventWriter.open(index(), clock)) {
      return spool().pass(writer.sink(), Quarantine.of(index(), clock));
    }
  }

  private long stored() throws IOException {
    try (EventIndex events = EventIndex.openExisting(index())) {
      var searcher = events.acquire();
      try {
        return searcher.count(new MatchAllDocsQuery());
      } finally {
        events.release(searcher);
      }
    }
  }

  private Path write(String name, String text) throws IOException {
    Path file = spoolFolder().resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    Files.setLastModifiedTime(file, FileTime.from(clock.instant()));
    return file;
  }

  @Test // only whole lines: the event still being written waits for its line end
  void aFileBeingWrittenIsReadAWholeLineAtATime() throws Exception {
    write("hosts/a.ndjson", event(1) + "\n" + event(2).substring(0, 20));
    assertEquals(1, pass().stored());

    write("hosts/a.ndjson", event(2).substring(20) + "\n{\"_time\": oops}\n");
    Spool.Pass second = pass();

    assertEquals(1, second.stored());
    assertEquals(1, second.problems());
    assertEquals(2, stored());
    List<String> quarantined = Files.readAllLines(index().resolve("quarantine/quarantine.ndjson"));
    assertTrue(quarantined.get(0).contains("\"line\":3"), "problems name the file's lines: " + quarantined);
  }

  @Test // the progress is in the commit: a new writer (a restart after a crash) reads nothing twice
  void aRestartResumesWhereTheCommitSays() throws Exception {
    write("a.ndjson", event(1) + "\n" + event(2) + "\n");
    assertEquals(2, pass().stored());

    Spool.Pass again = pass();

    assertEquals(0, again.events(), "nothing read again");
    write("a.ndjson", event(3) + "\n");
    assertEquals(1, pass().events());
    assertEquals(3, stored());
  }

  @Test
  void aRotatedFileIsReadAgainFromItsStart() throws Exception {
    Path file = write("a.ndjson", event(1) + "\n" + event(2) + "\n");
    pass();
    Files.delete(file);
    write("a.ndjson", event(3) + "\n");

    Spool.Pass rotated = pass();

    assertEquals(1, rotated.stored());
    assertEquals(List.of("spool: a.ndjson was rotated or rewritten since it was read; reading it again from its start"),
        log);
    assertEquals(3, stored());
  }

  @Test
  void aSettledFileIsMovedToDoneAndForgotten() throws Exception {
    write("a.ndjson", event(1) + "\n");
    pass();
    assertTrue(Files.exists(spoolFolder().resolve("a.ndjson")), "not settled yet");

    clock.advance(Duration.ofMinutes(2));
    assertEquals(1, pass().finished());

    assertFalse(Files.exists(spoolFolder().resolve("a.ndjson")));
    assertTrue(Files.exists(spoolFolder().resolve("done/a.ndjson")));
    pass();
    try (EventWriter writer = EventWriter.open(index(), clock)) {
      assertTrue(writer.commitData().keySet().stream().noneMatch(k -> k.startsWith(FileProgress.KEY_PREFIX)),
          "forgotten: " + writer.commitData());
    }
  }

  private Path appendGzipMember(String name, String text) throws IOException {
    ByteArrayOutputStream zipped = new ByteArrayOutputStream();
    try (GZIPOutputStream zip = new GZIPOutputStream(zipped)) {
      zip.write(text.getBytes(StandardCharsets.UTF_8));
    }
    Path file = spoolFolder().resolve(name);
    Files.createDirectories(file.getParent());
    Files.write(file, zipped.toByteArray(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    Files.setLastModifiedTime(file, FileTime.from(clock.instant()));
    return file;
  }

  @Test // a compressed file cannot be read from its middle: it is read whole once it has settled
  void aGzipFileIsReadWholeOnceSettled() throws Exception {
    appendGzipMember("a.ndjson.gz", event(1) + "\n" + event(2) + "\n");
    assertEquals(0, pass().events(), "still settling");

    clock.advance(Duration.ofMinutes(2));
    Spool.Pass settled = pass();

    assertEquals(2, settled.stored());
    assertEquals(1, settled.finished());
  }

  @Test // a binary event log is read whole once settled, as ingest reads it: its records as event XML
  void anEvtxFileIsReadWholeOnceSettled() throws Exception {
    Path evtx = spoolFolder().resolve("Sysmon.evtx");
    Files.createDirectories(spoolFolder());
    Files.copy(Path.of("../shared/content/datasets/evtx/proc_creation_win_reg_system_restore_modification.evtx"), evtx);
    Files.setLastModifiedTime(evtx, FileTime.from(clock.instant()));
    assertEquals(0, pass().events(), "still settling");

    clock.advance(Duration.ofMinutes(2));
    Spool.Pass settled = pass();

    assertEquals(4, settled.stored(), "the file's four Sysmon process creations");
    assertEquals(0, settled.problems());
    assertEquals(1, settled.finished());
  }

  @Test // one that grows after it was read (another member appended) is read whole again, its old events stored once
  void aGzipFileThatGrowsAfterItWasReadIsReadAgain() throws Exception {
    appendGzipMember("a.ndjson.gz", event(1) + "\n");
    clock.advance(Duration.ofMinutes(2));
    assertEquals(1, pass().stored());
    // Back before the next pass forgets it, and grown: as a collector that appends a member to a file it had.
    Files.move(spoolFolder().resolve("done/a.ndjson.gz"), spoolFolder().resolve("a.ndjson.gz"));
    appendGzipMember("a.ndjson.gz", event(2) + "\n");
    clock.advance(Duration.ofMinutes(2));

    Spool.Pass again = pass();

    assertEquals(2, again.events());
    assertEquals(1, again.stored());
    assertEquals(List.of("spool: a.ndjson.gz read to its end; moved to done/a.ndjson.gz",
        "spool: a.ndjson.gz changed since it was read whole; reading it again once it settles",
        "spool: a.ndjson.gz read to its end; moved to done/a.ndjson.gz"), log);
  }
}
