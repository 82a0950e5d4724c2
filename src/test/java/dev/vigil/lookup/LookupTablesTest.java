package dev.vigil.lookup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Lookup tables from security_content YAML + CSV and their match options (SEMANTICS §4.6). */
class LookupTablesTest {
  @TempDir
  static Path folder;
  private static LookupTables tables;

  @BeforeAll
  static void write() throws IOException {
    Files.writeString(folder.resolve("tools.csv"), "pattern,category,note\r\n"
        + "*mimikatz*,credential,\"said \"\"hi\"\", twice\"\r\n"
        + "psexec.exe,lateral,\r\n"
        + "*.exe,any,\r\n");
    Files.writeString(folder.resolve("tools.yml"), "name: tools\nfilename: tools.csv\n"
        + "match_type: WILDCARD(pattern)\ncase_sensitive_match: 'false'\ndefault_match: unknown\n"
        + "min_matches: 1\nmax_matches: 2\n");
    Files.writeString(folder.resolve("exact.csv"), "name,kind\na*,star\nA,upper\n");
    Files.writeString(folder.resolve("model.yml"), "name: model\nfilename: model.mlmodel\n");
    tables = LookupTables.load(folder);
  }

  private static List<String> categories(String value) {
    return tables.find("tools").orElseThrow().match(Map.of("pattern", List.of(value))).stream()
        .map(r -> r.get("category")).toList();
  }

  @Test // found by YAML name and by file name; the options come from the YAML
  void optionsFromTheYaml() {
    LookupTable table = tables.find("tools").orElseThrow();
    assertSame(table, tables.find("tools.csv").orElseThrow());
    assertEquals(List.of("pattern", "category", "note"), table.columns());
    assertEquals(Set.of("pattern"), table.wildcardFields());
    assertFalse(table.caseSensitive());
    assertEquals(Optional.of("unknown"), table.defaultMatch());
    assertEquals(1, table.minMatches());
    assertEquals(2, table.maxMatches());
    assertEquals("said \"hi\", twice", table.rows().get(0).get("note")); // quoted comma, doubled quote, CRLF
    assertEquals("", table.rows().get(1).get("note"));
    assertFalse(tables.has("model")); // a model, not a CSV table
  }

  @Test // WILDCARD(pattern), case-insensitive; max_matches 2 keeps the first two in file order
  void wildcardCaseInsensitiveMaxMatches() {
    assertEquals(List.of("credential", "any"), categories("C:\\Tools\\MIMIKATZ.exe"));
    assertEquals(List.of("lateral", "any"), categories("PsExec.EXE"));
  }

  @Test // min_matches 1 and no match: one row of default_match values
  void defaultMatchFillsWhenNothingMatches() {
    assertEquals(List.of("unknown"), categories("notes.txt"));
    assertEquals(List.of(Map.of("pattern", "unknown", "category", "unknown", "note", "unknown")),
        tables.find("tools").orElseThrow().match(Map.of("pattern", List.of())));
  }

  @Test // a CSV without YAML: Splunk's defaults, exact and case-sensitive; * is literal outside WILDCARD
  void csvWithoutYamlIsExactAndCaseSensitive() {
    LookupTable exact = tables.find("exact").orElseThrow();
    assertSame(exact, tables.find("exact.csv").orElseThrow());
    assertEquals(List.of(), exact.match(Map.of("name", List.of("a"))));
    assertEquals(List.of("star"), exact.match(Map.of("name", List.of("a*"))).stream().map(r -> r.get("kind")).toList());
    assertEquals(List.of("upper"), exact.match(Map.of("name", List.of("x", "A"))).stream().map(r -> r.get("kind")).toList());
    assertEquals(1000, exact.maxMatches());
  }

  @Test // the shipped security_content lookup the Linux discovery rule reads
  void securityContentLookup() throws IOException {
    LookupTables content = LookupTables.load(Path.of("../shared/content/lookups"));
    LookupTable table = content.find("linux_tool_discovery_process.csv").orElseThrow();
    assertEquals("linux_tool_discovery_process", table.name());
    assertEquals(List.of("process"), table.columns());
    assertEquals(60, table.rows().size());
    assertEquals("/etc/passwd ", table.rows().get(2).get("process")); // trailing space kept
    assertEquals(Set.of("process"), table.wildcardFields());
    assertFalse(table.caseSensitive());
    assertTrue(content.has("is_windows_system_file"));
  }
}
