package dev.vigil.spl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MacroLibraryTest {
  @TempDir
  Path temp;

  // One broken file is a problem of its own, with file and line; the good files of both folders still load.
  @Test
  void aBrokenFileIsNamedWithItsLineAndTheOthersLoad() throws Exception {
    Path shipped = Files.createDirectories(temp.resolve("shipped"));
    Path local = Files.createDirectories(temp.resolve("local"));
    Files.writeString(shipped.resolve("security_content_summariesonly.yml"),
        "name: security_content_summariesonly\ndefinition: summariesonly=false\n");
    Files.writeString(local.resolve("a_broken.yml"), "name: broken\ndefinition: search x\n  bad: [\n");
    Files.writeString(local.resolve("b_filter.yml"), "name: b_filter\ndefinition: search dest!=x\n");
    MacroLibrary library = MacroLibrary.load(List.of(shipped, local));
    assertEquals(2, library.size());
    assertTrue(library.find("security_content_summariesonly", 0).isPresent());
    assertTrue(library.find("b_filter", 0).isPresent());
    assertEquals(1, library.problems().size());
    assertTrue(library.problems().get(0).startsWith(local.resolve("a_broken.yml") + ":3: not valid YAML: "),
        library.problems().get(0));
  }

  static Stream<Arguments> notAMacro() {
    return Stream.of(
        Arguments.of("definition: search x\n", "field name: missing or empty"),
        Arguments.of("name: m\n", "field definition: missing or empty"),
        Arguments.of("name: m\ndefinition: ''\n", "field definition: missing or empty"),
        Arguments.of("name: m\ndefinition: search x\narguments: field\n", "field arguments: expected a list of argument names"),
        Arguments.of("- name: m\n", "expected a YAML mapping with the fields 'name' and 'definition'"));
  }

  @ParameterizedTest
  @MethodSource
  void notAMacro(String yaml, String problem) throws Exception {
    Files.writeString(temp.resolve("m.yml"), yaml);
    MacroLibrary library = MacroLibrary.load(List.of(temp));
    assertEquals(List.of(temp.resolve("m.yml") + ": " + problem), library.problems());
    assertEquals(0, library.size());
  }

  // The definition's first line in its file: the value's line, or the line after a block indicator.
  static Stream<Arguments> definitionLines() {
    return Stream.of(
        Arguments.of("name: m\ndefinition: search x\n", 2),
        Arguments.of("name: m\ndescription: d\ndefinition: 'search x'\n", 3),
        Arguments.of("name: m\ndefinition: |\n  search x\n  | table y\n", 3),
        Arguments.of("definition: >-\n  search x\nname: m\n", 2));
  }

  @ParameterizedTest
  @MethodSource
  void definitionLines(String yaml, int line) throws Exception {
    Files.writeString(temp.resolve("m.yml"), yaml);
    Macro macro = MacroLibrary.load(List.of(temp)).find("m", 0).orElseThrow();
    assertEquals(Optional.of(new Macro.DefinitionSource(temp.resolve("m.yml"), line)), macro.source());
  }

  // An error in expanded text maps to the innermost macro's definition; substituted arguments to their $.
  @Test
  void expansionRemembersTheDefinitionCharacter() {
    Macro outer = new Macro("outer", List.of(), "search a=1 | `inner(zz)`");
    Macro inner = new Macro("inner", List.of("v"), "eval x=$v$ y");
    MacroExpander.Expansion expansion = new MacroExpander(MacroLibrary.of(List.of(outer, inner)))
        .expand("| tstats count | `outer`");
    assertEquals("| tstats count | search a=1 | eval x=zz y", expansion.text());
    int zz = expansion.text().indexOf("zz") + 1;
    assertEquals(Optional.of(new MacroOrigin(inner, 7)), expansion.macroOriginOf(zz)); // the $ of $v$
    assertEquals(Optional.of(new MacroOrigin(inner, 11)), expansion.macroOriginOf(expansion.text().indexOf(" y") + 1));
    assertEquals(Optional.of(new MacroOrigin(outer, 7)), expansion.macroOriginOf(expansion.text().indexOf("a=1")));
    assertEquals(Optional.empty(), expansion.macroOriginOf(2)); // "tstats" is the search's own text
    assertEquals(17, expansion.originOf(zz)); // the call site in the search is the backtick of `outer`
  }

  @Test
  void anUnknownMacroInsideADefinitionPointsAtItsCallInTheDefinition() {
    Macro outer = new Macro("outer", List.of(), "search a=1 | `missing`");
    SplException e = org.junit.jupiter.api.Assertions.assertThrows(SplException.class,
        () -> new MacroExpander(MacroLibrary.of(List.of(outer))).expand("| tstats count | `outer`"));
    assertEquals("unknown macro 'missing'", e.reason());
    assertEquals(17, e.position());
    assertEquals(Optional.of(new MacroOrigin(outer, 13)), e.insideMacro());
  }
}
