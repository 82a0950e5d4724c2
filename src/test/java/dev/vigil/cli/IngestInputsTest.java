package dev.vigil.cli;

import static dev.vigil.cli.Cli.vigil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vigil ingest} of a folder (all below it, in name order, hidden left out) and of {@code -} (issue 11). */
class IngestInputsTest {
  private static final Path DATASETS = Path.of("../shared/content/datasets");
  private static final Path SYSMON = DATASETS.resolve("certutil_sysmon_eid1.xml.log");
  private static final Path CROWDSTRIKE = DATASETS.resolve("example_crowdstrike_processrollup2.json");
  private static final Path EVTX = DATASETS.resolve("evtx/proc_creation_win_certutil_decode.evtx");
  private static final Pattern SUMMARY = Pattern.compile("(?m)^(.+): (\\d+) events, (\\d+) new, ");

  @TempDir
  Path temp;

  @Test
  void aFolderIsReadWithEverythingBelowItInNameOrder() throws Exception {
    Path logs = temp.resolve("logs");
    Files.createDirectories(logs.resolve("host-b/sysmon"));
    Files.createDirectories(logs.resolve("host-a"));
    Files.createDirectories(logs.resolve(".cache"));
    Files.copy(SYSMON, logs.resolve("host-b/sysmon/certutil.xml.log"));
    Files.copy(CROWDSTRIKE, logs.resolve("host-a/falcon.json"));
    Files.copy(EVTX, logs.resolve("host-b/decode.evtx"));
    Files.writeString(logs.resolve(".cache/partial.json"), "{\"not\": \"read\"\n");
    Files.writeString(logs.resolve("host-a/.swap"), "not read either\n");

    Cli.Outcome folder = vigil("ingest", logs.toString(), "--index", temp.resolve("one").toString());
    assertEquals(0, folder.exit(), folder.err());
    List<String> read = SUMMARY.matcher(folder.err()).results().map(m -> m.group(1)).toList();
    assertEquals(List.of(logs.resolve("host-a/falcon.json").toString(), logs.resolve("host-b/decode.evtx").toString(),
        logs.resolve("host-b/sysmon/certutil.xml.log").toString()), read);

    Cli.Outcome files = vigil("ingest", CROWDSTRIKE.toString(), EVTX.toString(), SYSMON.toString(), "--index",
        temp.resolve("two").toString());
    assertEquals(newEvents(files.err()), newEvents(folder.err()), "the same events as the files named one by one");
    assertTrue(newEvents(folder.err()) > 0);
  }

  @Test // a CIM event's default source is its file's name, not the path it was read by: moved, it is the same event
  void aFileReadByAnotherPathStoresNothingNew() throws Exception {
    String cim = "{\"_time\": 1764000000, \"dest\": \"web-1\", \"process\": \"a.exe\"}\n";
    Path first = temp.resolve("in/site-1/cim.json");
    Files.createDirectories(first.getParent());
    Files.writeString(first, cim);
    Path index = temp.resolve("index");
    assertEquals(1, newEvents(vigil("ingest", temp.resolve("in").toString(), "--index", index.toString()).err()));
    Path moved = temp.resolve("archive/2025/cim.json");
    Files.createDirectories(moved.getParent());
    Files.move(first, moved);
    assertEquals(0, newEvents(vigil("ingest", moved.toString(), "--index", index.toString()).err()));
  }

  @Test
  void aBadEventNamesItsFileByTheWholePathBelowTheFolder() throws Exception {
    Path nested = temp.resolve("logs/site-2/cim.json");
    Files.createDirectories(nested.getParent());
    Files.writeString(nested, "{\"_time\": \"yesterday\", \"dest\": \"web-1\", \"process_name\": \"cmd.exe\"}\n");
    Cli.Outcome ingest = vigil("ingest", temp.resolve("logs").toString(), "--index", temp.resolve("index").toString());
    assertEquals(1, ingest.exit(), ingest.err());
    assertTrue(ingest.err().contains(nested + ":1: "), ingest.err());
  }

  @Test
  void standardInputIsReadAsAFileIsAndStoresTheSameEvents() throws Exception {
    Path index = temp.resolve("index");
    Cli.Outcome stdin = withStdin(Files.readAllBytes(SYSMON), () -> vigil("ingest", "-", "--index", index.toString()));
    assertEquals(0, stdin.exit(), stdin.err());
    assertTrue(stdin.err().startsWith("(stdin): "), stdin.err());
    long stored = newEvents(stdin.err());
    assertTrue(stored > 0, stdin.err());
    Cli.Outcome file = vigil("ingest", SYSMON.toString(), "--index", index.toString());
    assertEquals(0, newEvents(file.err()), "the same events, by their ids: " + file.err());
  }

  @Test
  void wrongInputsAreUsageErrorsBeforeAnythingIsStored() throws Exception {
    Path index = temp.resolve("index");
    Path missing = temp.resolve("no/such.log");
    Cli.Outcome absent = vigil("ingest", SYSMON.toString(), missing.toString(), "--index", index.toString());
    assertEquals(2, absent.exit());
    assertTrue(absent.err().contains(missing.toString()), absent.err());
    Files.createDirectories(temp.resolve("empty/.hidden"));
    Cli.Outcome empty = vigil("ingest", temp.resolve("empty").toString(), "--index", index.toString());
    assertEquals(2, empty.exit());
    assertEquals(temp.resolve("empty") + " holds no files to read", empty.err().lines().findFirst().orElseThrow());
    Cli.Outcome twice = withStdin(new byte[0], () -> vigil("ingest", "-", "-", "--index", index.toString()));
    assertEquals(2, twice.exit());
    assertEquals("'-' (standard input) can be read once only", twice.err().lines().findFirst().orElseThrow());
    assertTrue(!Files.exists(index), "nothing was stored");
  }

  private static long newEvents(String err) {
    Matcher summary = SUMMARY.matcher(err);
    long stored = 0;
    while (summary.find()) {
      stored += Long.parseLong(summary.group(3));
    }
    return stored;
  }

  private static Cli.Outcome withStdin(byte[] input, java.util.function.Supplier<Cli.Outcome> command) {
    InputStream in = System.in;
    try {
      System.setIn(new ByteArrayInputStream(input));
      return command.get();
    } finally {
      System.setIn(in);
    }
  }
}
