package dev.vigil.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vigil.Warnings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The durable run ledger (SEMANTICS §2.12). */
class RunLedgerTest {
  private static final Instant SCHEDULED = Instant.parse("2024-05-15T14:00:00Z");

  @TempDir
  Path indexDir;

  private static RunRecord record(RunRecord.State state) {
    return new RunRecord("rule_a", SCHEDULED, Instant.parse("2024-05-15T12:50:00Z"),
        Instant.parse("2024-05-15T13:50:00Z"), state, 2, 4, 15, null, Instant.parse("2024-05-15T14:00:01Z"));
  }

  // Once failed: the last byte was read through a channel opened for appending only.
  @Test
  void appendsASecondRecord() throws IOException {
    RunLedger ledger = new RunLedger(indexDir, Warnings.UNEXPECTED);
    ledger.append(record(RunRecord.State.RUNNING));
    ledger.append(record(RunRecord.State.OK));

    assertEquals(List.of(RunRecord.State.RUNNING, RunRecord.State.OK),
        ledger.records().stream().map(RunRecord::state).toList());
    assertEquals(Instant.parse("2024-05-15T14:00:00Z"), ledger.lastFinished("rule_a").orElseThrow());
  }

  @Test // a line cut short by a crash is dropped, and said so, before the next record is appended (NdjsonLog)
  void fragmentLeftByACrashIsDropped() throws IOException {
    List<String> warnings = new ArrayList<>();
    RunLedger ledger = new RunLedger(indexDir, warnings::add);
    Files.createDirectories(ledger.file().getParent());
    Files.writeString(ledger.file(), "{\"rule\":\"rule_a\",\"sched", StandardCharsets.UTF_8);
    ledger.append(record(RunRecord.State.OK));

    assertEquals(List.of(RunRecord.State.OK), ledger.records().stream().map(RunRecord::state).toList());
    assertEquals(1, Files.readAllLines(ledger.file()).size());
    assertEquals(List.of(ledger.file() + ":1: dropped a last line cut short by a crash (23 bytes): "
        + "{\"rule\":\"rule_a\",\"sched"), warnings);
  }

  @Test // never a silent re-run: the line is named; the ledger is still read and written
  void aCorruptRecordIsReportedWithItsLineNumber() throws IOException {
    List<String> warnings = new ArrayList<>();
    RunLedger ledger = new RunLedger(indexDir, warnings::add);
    ledger.append(record(RunRecord.State.RUNNING));
    Files.writeString(ledger.file(), "{\"rule\":\"rule_a\",\"state\":\"ok\"}\n", StandardOpenOption.APPEND);
    ledger.append(record(RunRecord.State.OK));

    assertEquals(List.of(RunRecord.State.RUNNING, RunRecord.State.OK),
        ledger.records().stream().map(RunRecord::state).toList());
    assertEquals(List.of(ledger.file() + ":2: not a run record (no scheduled); skipped"), warnings);
  }

  @Test
  void firstRecordOnAnEmptyLedger() throws IOException {
    RunLedger ledger = new RunLedger(indexDir, Warnings.UNEXPECTED);
    assertEquals(List.of(), ledger.records());
    ledger.append(record(RunRecord.State.RUNNING));

    assertEquals(1, ledger.records().size());
    assertEquals(true, ledger.lastFinished("rule_a").isEmpty()); // running is not finished
  }

  // Each reader parses a line once and then reads only what was appended since, by itself or by another
  // process (here: another ledger object on the same file).
  @Test
  void readsWhatAnotherWriterAppendedSince() throws IOException {
    RunLedger reader = new RunLedger(indexDir, Warnings.UNEXPECTED);
    RunLedger writer = new RunLedger(indexDir, Warnings.UNEXPECTED);
    writer.append(record(RunRecord.State.RUNNING));
    assertEquals(1, reader.records().size());
    writer.append(record(RunRecord.State.OK));
    assertEquals(List.of(RunRecord.State.RUNNING, RunRecord.State.OK),
        reader.records().stream().map(RunRecord::state).toList());
    Files.writeString(writer.file(), "{\"rule\":\"rule_a\",\"sched", StandardOpenOption.APPEND);
    assertEquals(2, reader.records().size(), "a line still being written is not read yet");
    RunLedger next = new RunLedger(indexDir, warning -> { });
    next.append(record(RunRecord.State.OK));
    assertEquals(3, reader.records().size(), "the cut line is dropped, the next one read");
  }
}
