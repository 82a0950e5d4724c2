package dev.vigil.ingest.evtx;


import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * The real .evtx files of the dataset against their evtx_dump JSON twins, hostile mutations of them, and the
 * file-level cases (a truncated chunk, a CRC mismatch, zeroed chunks).
 */
class EvtxReaderTest {
  private static final Path DATASETS = Path.of("../shared/content/datasets/evtx");
  private static final int HEADER = EvtxReader.FILE_HEADER_SIZE;
  private static final int CHUNK = ChunkBytes.SIZE;
  private static final long SEED = Long.getLong("vigil.seed", 20260717L);

  record Read(List<EvtxRecord> records, List<EvtxProblem> problems) {}

  static Read read(byte[] file) {
    List<EvtxRecord> records = new ArrayList<>();
    List<EvtxProblem> problems = new ArrayList<>();
    try (InputStream in = new ByteArrayInputStream(file)) {
      EvtxReader.read(in, records::add, problems::add);
    } catch (IOException e) {
      throw new AssertionError("a byte array cannot fail to read", e);
    }
    return new Read(records, problems);
  }

  static Stream<Path> files() throws IOException {
    try (Stream<Path> list = Files.list(DATASETS)) {
      List<Path> files = list.filter(p -> p.toString().endsWith(".evtx")).sorted().toList();
      assertFalse(files.isEmpty(), "no .evtx files in " + DATASETS.toAbsolutePath());
      return files.stream();
    }
  }

  // Rendering differences from evtx_dump, normalised here: GUIDs are written {UPPER-CASE} as Windows does (the
  // JSON has no braces); SystemTime has Windows' 7 fractional digits (the JSON 6, truncated); numbers are decimal
  // text in the XML and JSON numbers in the twin; an element or attribute the JSON has as null is absent in the XML;
  // evtx_dump strips trailing white space from values (a Sysmon command line ending in a space), Windows keeps it.
  @ParameterizedTest(name = "{0}")
  @MethodSource("files")
  void everyRecordMatchesItsJsonTwin(Path evtx) throws Exception {
    Read read = read(Files.readAllBytes(evtx));
    List<JsonNode> twins = twins(Path.of(evtx.toString().replaceFirst("\\.evtx$", ".json")));

    assertEquals(List.of(), read.problems());
    assertEquals(twins.size(), read.records().size(), "records");
    for (int i = 0; i < twins.size(); i++) {
      EvtxRecord record = read.records().get(i);
      String where = evtx.getFileName() + " record " + i;
      assertFalse(record.xml().contains("\n"), where + ": one line");
      assertFalse(record.xml().startsWith("<?xml"), where + ": no XML declaration");
      Element event = parse(record.xml(), true).getDocumentElement();
      assertEquals("http://schemas.microsoft.com/win/2004/08/events/event", event.getNamespaceURI(), where);
      compare(twins.get(i).path("Event"), event, record, where);
    }
  }

  private static void compare(JsonNode json, Element event, EvtxRecord record, String where) {
    JsonNode system = json.path("System");
    Element sys = child(event, "System");
    JsonNode provider = system.path("Provider").path("#attributes");
    assertEquals(provider.path("Name").asText(), child(sys, "Provider").getAttribute("Name"), where);
    assertEquals(provider.path("Guid").asText(), unbraced(child(sys, "Provider").getAttribute("Guid")), where);
    for (String name : List.of("EventID", "Version", "Level", "Task", "Opcode", "Keywords", "EventRecordID",
        "Channel", "Computer")) {
      JsonNode value = system.path(name);
      assertEquals((value.has("#text") ? value.path("#text") : value).asText(), child(sys, name).getTextContent(),
          where + ": " + name);
    }
    // Not compared with the record header's id: these files were exported (wevtutil epl), which numbers the
    // records of the new file from 1 and keeps the original EventRecordID in the XML.
    assertTrue(record.recordId() > 0, where + ": record id " + record.recordId());
    Instant expected = Instant.parse(system.path("TimeCreated").path("#attributes").path("SystemTime").asText());
    String systemTime = child(sys, "TimeCreated").getAttribute("SystemTime");
    assertTrue(systemTime.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{7}Z"), systemTime);
    assertEquals(expected, Instant.parse(systemTime).truncatedTo(ChronoUnit.MICROS), where + ": SystemTime");
    JsonNode execution = system.path("Execution").path("#attributes");
    assertEquals(execution.path("ProcessID").asText(), child(sys, "Execution").getAttribute("ProcessID"), where);
    assertEquals(execution.path("ThreadID").asText(), child(sys, "Execution").getAttribute("ThreadID"), where);
    Element security = child(sys, "Security");
    JsonNode userId = system.path("Security").path("#attributes").path("UserID");
    assertEquals(userId.isMissingNode() ? null : userId.asText(),
        security.hasAttribute("UserID") ? security.getAttribute("UserID") : null, where + ": Security UserID");

    Map<String, String> expectedData = new HashMap<>();
    json.path("EventData").fields().forEachRemaining(f -> expectedData.put(f.getKey(), f.getValue().asText()));
    assertEquals(expectedData, data(event), where + ": EventData");
  }

  /** Data values by Name as the JSON has them: GUIDs without braces, no trailing white space. */
  private static Map<String, String> data(Element event) {
    Map<String, String> data = new HashMap<>();
    NodeList items = child(event, "EventData").getElementsByTagNameNS("*", "Data");
    for (int i = 0; i < items.getLength(); i++) {
      Element item = (Element) items.item(i);
      data.put(item.getAttribute("Name"), unbraced(item.getTextContent().stripTrailing()));
    }
    return data;
  }

  private static String unbraced(String value) {
    return value.matches("\\{[0-9A-Fa-f-]{36}}") ? value.substring(1, 37).toUpperCase() : value;
  }

  private static List<JsonNode> twins(Path json) throws IOException {
    try (MappingIterator<JsonNode> it = new ObjectMapper().readerFor(JsonNode.class).readValues(json.toFile())) {
      return it.readAll();
    }
  }

  private static Element child(Element parent, String name) {
    NodeList list = parent.getElementsByTagNameNS("*", name);
    assertTrue(list.getLength() > 0, "no <" + name + "> in <" + parent.getTagName() + ">");
    return (Element) list.item(0);
  }

  static Document parse(String xml, boolean namespaces) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
    factory.setNamespaceAware(namespaces);
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    DocumentBuilder builder = factory.newDocumentBuilder();
    builder.setErrorHandler(null);
    return builder.parse(new InputSource(new StringReader(xml)));
  }

  // --- file level ---

  @Test
  void aChunkWithABadCrcIsReportedAndTheOthersAreRead_evenPastTheHeadersChunkCount() throws IOException {
    List<byte[]> real = realFiles();
    byte[] a = real.get(0), b = real.get(1), c = real.get(2);
    byte[] bad = chunkOf(b);
    bad[512 + 100] ^= 0x55;
    byte[] file = concat(Arrays.copyOf(a, HEADER), chunkOf(a), bad, chunkOf(c));
    setChunkCount(file, 1); // Windows' dirty files count fewer chunks than they hold

    Read read = read(file);

    List<EvtxRecord> expected = new ArrayList<>(read(a).records());
    read(c).records().forEach(r -> expected.add(new EvtxRecord(r.recordId(), r.fileOffset() + 2L * CHUNK, r.xml())));
    assertEquals(expected, read.records());
    assertEquals(1, read.problems().size(), read.problems().toString());
    EvtxProblem problem = read.problems().get(0);
    assertEquals(HEADER + CHUNK, problem.fileOffset());
    assertTrue(problem.reason().contains("CRC32 of the records data"), problem.reason());
    assertTrue(problem.reason().contains(String.format("0x%x", HEADER + CHUNK)), problem.reason());
  }

  @Test
  void aChunkHeaderCrcMismatchIsReported() throws IOException {
    byte[] a = realFiles().get(0);
    byte[] file = Arrays.copyOf(a, a.length);
    file[HEADER + 8] ^= 1; // first record number, covered by the header checksum

    Read read = read(file);

    assertEquals(List.of(), read.records());
    assertEquals(1, read.problems().size());
    assertTrue(read.problems().get(0).reason().contains("CRC32 of the header"), read.problems().toString());
  }

  @Test
  void aTruncatedLastChunkIsAProblemAndTheChunksBeforeItAreRead() throws IOException {
    List<byte[]> real = realFiles();
    byte[] a = real.get(0);
    byte[] file = concat(a, Arrays.copyOf(chunkOf(real.get(1)), 30_000));

    Read read = read(file);

    assertEquals(read(a).records(), read.records());
    assertEquals(1, read.problems().size(), read.problems().toString());
    assertEquals(HEADER + CHUNK, read.problems().get(0).fileOffset());
    assertTrue(read.problems().get(0).reason().contains("truncated"), read.problems().get(0).reason());
  }

  @Test
  void zeroedChunksAfterTheHeaderAreSkippedSilently() throws IOException {
    byte[] header = Arrays.copyOf(realFiles().get(0), HEADER);

    Read read = read(concat(header, new byte[3 * CHUNK + 100]));

    assertEquals(new Read(List.of(), List.of()), read);
  }

  @Test
  void aFileThatIsNotEvtxIsOneProblem() {
    Read read = read("<Event>not binary</Event>".getBytes());

    assertEquals(List.of(), read.records());
    assertEquals(1, read.problems().size());
    assertTrue(read.problems().get(0).reason().startsWith("not an EVTX file"), read.problems().toString());
  }

  // --- hostile input ---

  /**
   * Mutations of the real files: flipped bytes, extreme sizes and offsets, duplicated regions, truncation. Most
   * runs then get correct CRCs, so that the damage reaches the record and Binary XML decoding instead of stopping
   * at the chunk's checksum. Nothing may escape, hang or produce XML a parser rejects.
   */
  /** The bar for every reader: at least 10,000 mutated events (each real file holds one to four). */
  private static final int MUTATED_FILES = 10_000;

  @Test
  @Timeout(300)
  void mutatedFilesNeverThrowAndEveryRecordIsWellFormedXml() throws Exception {
    List<byte[]> real = realFiles();
    Random random = new Random(SEED);
    int recordProblems = 0, records = 0;
    for (int run = 0; run < MUTATED_FILES; run++) {
      byte[] file = mutate(real.get(random.nextInt(real.size())), random);
      String context = "seed " + SEED + ", run " + run + " (-Dvigil.seed=" + SEED + " repeats it)";
      Read read;
      try {
        read = read(file);
      } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
        throw new AssertionError(context + ": " + e, e);
      }
      for (EvtxProblem p : read.problems()) {
        if (p.reason().contains("internal decoder error")) {
          fail(context + ": " + p);
        }
        recordProblems += p.reason().startsWith("record ") ? 1 : 0;
      }
      for (EvtxRecord r : read.records()) {
        records++;
        try {
          parse(r.xml(), false);
        } catch (Exception e) {
          fail(context + ": record " + r.recordId() + " is not well-formed XML (" + e.getMessage() + "): " + r.xml());
        }
      }
    }
    assertTrue(recordProblems > 200, "mutations should reach the record decoder: " + recordProblems);
    assertTrue(records > 200, "many mutations leave records readable: " + records);
  }

  private static byte[] mutate(byte[] original, Random random) {
    byte[] file = original.clone();
    int recordsStart = HEADER + 512;
    for (int m = 0, count = 1 + random.nextInt(4); m < count && file.length > HEADER + 2048; m++) {
      int near = random.nextBoolean() ? recordsStart + random.nextInt(4000) : random.nextInt(file.length);
      switch (random.nextInt(5)) {
        case 0 -> {
          for (int i = 0, n = 1 + random.nextInt(8); i < n; i++) {
            int at = Math.min(file.length - 1, near + random.nextInt(64));
            file[at] ^= (byte) (1 + random.nextInt(255));
          }
        }
        case 1 -> {
          int[] extremes = {0, -1, Integer.MAX_VALUE, Integer.MIN_VALUE, 0x200, 0x10000, 0xffff, 1, near - HEADER};
          int at = Math.min(file.length - 4, random.nextBoolean() ? near & ~3 : near);
          putInt(file, at, extremes[random.nextInt(extremes.length)]);
        }
        case 2 -> {
          int at = Math.min(file.length - 4, HEADER + new int[] {44, 48, 52, 512 + 4, 512 + 8}[random.nextInt(5)]);
          putInt(file, at, new int[] {0, -1, 0x200, 0x10000, 0x10001, 24}[random.nextInt(6)]);
        }
        case 3 -> {
          int length = 1 + random.nextInt(2000);
          int from = random.nextInt(file.length - length), to = random.nextInt(file.length - length);
          System.arraycopy(file, from, file, to, length);
        }
        default -> file = Arrays.copyOf(file, random.nextInt(file.length + 1));
      }
    }
    if (random.nextInt(10) < 8) {
      fixChecksums(file);
    }
    return file;
  }

  // --- helpers ---

  static List<byte[]> realFiles() throws IOException {
    List<byte[]> files = new ArrayList<>();
    for (Path p : files().toList()) {
      files.add(Files.readAllBytes(p));
    }
    return files;
  }

  private static byte[] chunkOf(byte[] file) {
    return Arrays.copyOfRange(file, HEADER, HEADER + CHUNK);
  }

  private static byte[] concat(byte[]... parts) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.write(part);
    }
    return out.toByteArray();
  }

  private static void setChunkCount(byte[] file, int count) {
    file[42] = (byte) count;
    file[43] = (byte) (count >> 8);
    putInt(file, 124, crc(file, 0, 120));
  }

  /** Recomputes the file header's and every whole chunk's CRC32s, as a writer of a hostile file would. */
  static void fixChecksums(byte[] file) {
    if (file.length >= HEADER) {
      putInt(file, 124, crc(file, 0, 120));
    }
    for (int chunk = HEADER; chunk + CHUNK <= file.length; chunk += CHUNK) {
      int free = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN).getInt(chunk + 48);
      if (free >= 512 && free <= CHUNK) {
        putInt(file, chunk + 52, crc(file, chunk + 512, free - 512));
      }
      CRC32 header = new CRC32();
      header.update(file, chunk, 120);
      header.update(file, chunk + 128, 512 - 128);
      putInt(file, chunk + 124, (int) header.getValue());
    }
  }

  private static int crc(byte[] bytes, int from, int length) {
    CRC32 crc = new CRC32();
    crc.update(bytes, from, length);
    return (int) crc.getValue();
  }

  static void putInt(byte[] bytes, int at, int value) {
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(at, value);
  }
}
