package dev.vigil.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Broken, odd and hostile input: each bad line is one problem naming file, line and reason, and every good line
 * around it is read; a file that is not text is one problem for the file. Encodings and compression that real
 * collectors write are read as text.
 */
@Timeout(30)
class HostileInputTest {
  private static final Clock NOW = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
  private static final String FIRST = cim("1610667600", "first");
  private static final String LAST = cim("1610667700", "last");

  private static String cim(String time, String dest) {
    return "{\"_time\": " + time + ", \"dest\": \"" + dest + "\", \"process\": \"cmd.exe /c whoami\"}";
  }

  private record Read(List<String> dests, List<String> problems) {}

  private static Read read(String name, byte[] content) {
    return read(name, content, TextLines.DEFAULT_MAX_LINE_BYTES);
  }

  private static Read read(String name, byte[] content, int maxLineBytes) {
    List<String> dests = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    try {
      ReadSummary summary = new EventReader(NOW, maxLineBytes).read(new ByteArrayInputStream(content), name,
          event -> dests.add(event.fields().get("dest")), problem -> problems.add(problem.toString()));
      assertEquals(problems.size(), summary.errors(), "every problem is counted");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Read(dests, problems);
  }

  /** The lines, each ended by {@code \n}, as UTF-8 except for the raw bytes given as {@code byte[]}. */
  private static byte[] lines(Object... lines) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Object line : lines) {
      out.writeBytes(line instanceof byte[] bytes ? bytes : line.toString().getBytes(StandardCharsets.UTF_8));
      out.write('\n');
    }
    return out.toByteArray();
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Arrays.stream(parts).forEach(out::writeBytes);
    return out.toByteArray();
  }

  private static byte[] gzip(byte[] content) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
      zip.write(content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  @Test
  void anInvalidUtf8ByteSkipsItsLineOnly() {
    byte[] bad = concat("{\"_time\": 1610667650, \"dest\": \"h".getBytes(StandardCharsets.UTF_8), new byte[] {(byte) 0xff},
        "\"}".getBytes(StandardCharsets.UTF_8));

    Read read = read("data.log", lines(FIRST, bad, LAST));

    assertEquals(List.of("first", "last"), read.dests());
    assertEquals(List.of("data.log:2: invalid UTF-8 at byte 33 of the line (0xff); is the file in another encoding?"),
        read.problems());
  }

  @Test // a Latin-1 file: its ASCII lines are read, each line with an accent is reported
  void aLatin1FileIsReadWhereItIsAscii() {
    Charset latin1 = StandardCharsets.ISO_8859_1;
    byte[] accented = cim("1610667650", "café").getBytes(latin1);

    Read read = read("latin1.log", lines(FIRST, accented, LAST));

    assertEquals(List.of("first", "last"), read.dests());
    assertEquals(List.of("latin1.log:2: invalid UTF-8 at byte 35 of the line (0xe9); is the file in another encoding?"),
        read.problems());
  }

  @Test
  void aNulByteSkipsItsLine() {
    Read read = read("data.log", lines(FIRST, cim("1610667650", "a\0b"), LAST));

    assertEquals(List.of("first", "last"), read.dests());
    assertEquals(List.of("data.log:2: NUL byte at byte 33 of the line"), read.problems());
  }

  @Test // the limit bounds memory: the long line is counted, not kept
  void aLineOverTheLimitIsSkipped() {
    String longLine = cim("1610667650", "x".repeat(300));

    Read read = read("data.log", lines(FIRST, longLine, LAST), 200);

    assertEquals(List.of("first", "last"), read.dests());
    assertEquals(List.of("data.log:2: line of " + longLine.length() + " bytes, longer than the limit of 200"),
        read.problems());
  }

  @Test
  void windowsLineEndsAreNotPartOfTheLine() {
    Read read = read("crlf.log", (FIRST + "\r\n" + LAST + "\r\n").getBytes(StandardCharsets.UTF_8));

    assertEquals(List.of("first", "last"), read.dests());
    assertEquals(List.of(), read.problems());
  }

  @Test // concatenated members are what `cat a.gz b.gz` and rotating collectors write
  void gzipIsReadTransparentlyAcrossMembers() {
    Read read = read("data.log.gz", concat(gzip(lines(FIRST)), gzip(lines(LAST))));

    assertEquals(List.of("first", "last"), read.dests());
    assertEquals(List.of(), read.problems());
  }

  @Test
  void aTruncatedGzipKeepsWhatCameBeforeTheCut() {
    StringBuilder many = new StringBuilder();
    for (int i = 0; i < 2000; i++) {
      many.append(cim(String.valueOf(1610667600 + i), "host" + i)).append('\n');
    }
    byte[] zipped = gzip(many.toString().getBytes(StandardCharsets.UTF_8));

    Read read = read("cut.log.gz", Arrays.copyOf(zipped, zipped.length / 2));

    assertEquals(1, read.problems().size(), read.problems().toString());
    String problem = read.problems().get(0);
    long linesBefore = read.dests().size();
    assertEquals("cut.log.gz:" + (linesBefore + 1) + ": reading stopped (Unexpected end of ZLIB input stream);"
        + " the rest of the file is not read", problem);
    assertEquals("host0", read.dests().get(0));
  }

  @ParameterizedTest
  @ValueSource(strings = {"UTF-16LE", "UTF-16BE"})
  void utf16WithAByteOrderMarkIsRead(String encoding) {
    Charset charset = Charset.forName(encoding);
    String text = "\uFEFF" + FIRST + "\r\n" + cim("1610667650", "mañana") + "\r\n" + LAST + "\r\n";

    Read read = read("utf16.log", text.getBytes(charset));

    assertEquals(List.of("first", "mañana", "last"), read.dests());
    assertEquals(List.of(), read.problems());
  }

  @Test
  void aBinaryFileIsOneProblem() {
    byte[] binary = new byte[10_000];
    for (int i = 0; i < binary.length; i++) {
      binary[i] = (byte) (i % 7 == 0 ? 0 : i);
    }

    Read read = read("image.bin", binary);

    assertEquals(List.of(), read.dests());
    assertEquals(List.of("image.bin: not text: NUL bytes and no byte order mark in its first 4096 bytes"
        + " (a binary file, or UTF-16 without a byte order mark)"), read.problems());
  }

  @Test // an .evtx file is read as one (EvtxIngestTest); one whose header is damaged and holds no chunk says so
  void aDamagedEvtxFileIsReportedAsOne() {
    byte[] evtx = concat("ElfFile\0".getBytes(StandardCharsets.US_ASCII), new byte[4088], "x".getBytes(
        StandardCharsets.US_ASCII));

    Read read = read("Security.evtx", evtx);

    assertEquals(List.of("Security.evtx: (.evtx) 0x0: file header: CRC32 of its first 120 bytes is 0xa0bf681d but it"
        + " says 0x00000000; the chunks are read anyway, each has its own checks",
        "Security.evtx: (.evtx) 0x1000: chunk at offset 0x1000 is truncated: the file ends after 1 of its 65536"
        + " bytes; its records are not read"), read.problems());
  }

  @Test // 12 characters of exponent must not build a billion-digit number
  void aHugeExponentIsOutOfRangeAtOnce() {
    Read read = read("data.log", lines(FIRST, cim("1e999999999", "huge"), cim("-1e2147483647", "negative"), LAST));

    assertEquals(List.of("first", "last"), read.dests());
    assertEquals(List.of("data.log:2: field _time: cannot parse '1E+999999999' as a time (out of range)",
        "data.log:3: field _time: cannot parse '-1E+2147483647' as a time (out of range)"), read.problems());
  }

  @Test // Jackson itself refuses exponents of more digits, with an unchecked exception the fuzz test found
  void anExponentJacksonRefusesIsABadLine() {
    Read read = read("data.log", lines(FIRST, cim("1e99999999999", "refused"), LAST));

    assertEquals(List.of("first", "last"), read.dests());
    assertEquals(1, read.problems().size());
    assertTrue(read.problems().get(0).startsWith("data.log:2: invalid JSON: a number out of range ("),
        read.problems().get(0));
  }

  @Test // a tiny time is a time near the epoch, which is before 1990
  void aTinyExponentIsTheEpoch() {
    Read read = read("data.log", lines(cim("1e-999999999", "tiny")));

    assertEquals(List.of("data.log:1: event time 1970-01-01T00:00:00Z is before 1990-01-01T00:00:00Z"
        + " (is the sender's clock set?)"), read.problems());
  }

  @Test
  void aHugeExponentInAnotherFieldIsKeptAsWritten() {
    Read read = read("data.log", lines("{\"_time\": 1610667600, \"dest\": \"h\", \"process_id\": 1e2147483647}"));

    assertEquals(List.of("h"), read.dests());
    assertEquals(List.of(), read.problems());
  }

  @ParameterizedTest
  @ValueSource(strings = {"\"+999999999-12-31T23:59:59Z\"", "\"-999999999-01-01T00:00:00Z\"", "9999999999999999",
      "\"99999999999999999999999999999999999999999999999999999999999999999999\""})
  void aTimeBeyondWhatALongHoldsIsOutOfRange(String time) {
    Read read = read("data.log", lines(FIRST, cim(time, "far"), LAST));

    assertEquals(List.of("first", "last"), read.dests());
    String shown = time.replace("\"", "");
    shown = shown.length() <= 80 ? shown : shown.substring(0, 80) + "…";
    assertEquals(List.of("data.log:2: field _time: cannot parse '" + shown + "' as a time (out of range)"),
        read.problems());
  }

  @Test
  void aTimeBefore1990IsRefused() {
    Read read = read("data.log", lines(cim("\"1985-03-01T00:00:00Z\"", "old"), LAST));

    assertEquals(List.of("last"), read.dests());
    assertEquals(List.of("data.log:1: event time 1985-03-01T00:00:00Z is before 1990-01-01T00:00:00Z"
        + " (is the sender's clock set?)"), read.problems());
  }

  @Test // two days ahead is Splunk's MAX_DAYS_HENCE; later is a clock gone wrong
  void aTimeFarInTheFutureIsRefused() {
    Read read = read("data.log", lines(cim("\"2026-01-02T23:59:59Z\"", "tomorrow"), cim("\"2026-01-03T00:00:01Z\"", "later")));

    assertEquals(List.of("tomorrow"), read.dests());
    assertEquals(List.of("data.log:2: event time 2026-01-03T00:00:01Z is more than 2 days after now"
        + " (2026-01-01T00:00:00Z; is the sender's clock set?)"), read.problems());
  }

  @Test // after free text, an event is still an event however it is spaced
  void anEventAfterTextIsReadWhateverItsLeadingSpace() {
    Read read = read("mixed.log", lines("some text the collector wrote", "  " + FIRST,
        "more text", FIRST.replace("{\"", "{ \"").replace("first", "spaced"), "text again", "\t" + LAST));

    assertEquals(List.of("first", "spaced", "last"), read.dests());
    assertEquals(List.of(), read.problems());
  }
}
