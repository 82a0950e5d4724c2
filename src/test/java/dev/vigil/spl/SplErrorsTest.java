package dev.vigil.spl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * SEMANTICS §4.7: every unsupported command, function or syntax is an error naming it, with a caret under
 * the offending token; SearchLocation maps an error in the expanded text back to the rule's search text.
 */
class SplErrorsTest {
  private static void assertError(String spl, String reason, int column0) {
    SplException e = assertThrows(SplException.class, () -> SplParser.parse(spl));
    assertEquals(reason, e.reason());
    assertEquals(column0, e.position());
    assertEquals(reason + "\n" + spl + "\n" + " ".repeat(column0) + "^", e.getMessage());
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(delimiterString = " ~ ", quoteCharacter = '\'', value = {
      // unknown command (§4.5 lists the supported ones)
      "| inputlookup t.csv | mvexpand count ~ unsupported command 'mvexpand' (found 'mvexpand') ~ 22",
      // unknown eval function (§4.5)
      "| tstats count from datamodel=Endpoint.Processes | eval x=md5(process) ~ unsupported function 'md5' (found 'md5') ~ 58",
      // a known function with the wrong number of arguments
      "| inputlookup t.csv | eval x=if(a, b) ~ if takes 3 arguments, not 2 (found 'if') ~ 29",
      // unknown aggregation (§4.2), in stats as in tstats
      "| stats median(x) ~ unsupported aggregation 'median' (found 'median') ~ 8",
      "| inputlookup t.csv | stats values ~ values needs a field, as in values(field) (found 'values') ~ 28",
      // unsupported tstats option (§4.1)
      "| tstats prestats=true count from datamodel=Endpoint.Processes ~ unsupported tstats option 'prestats' (found 'prestats') ~ 9",
      // tstats where compares with = and != only (§4.3)
      "| tstats count from datamodel=Endpoint.Processes where Processes.process_id>4 ~ tstats where compares with = and != only, not > (found '>') ~ 75",
      // a generating command later in the pipeline
      "| inputlookup t.csv | tstats count from datamodel=Endpoint.Processes ~ tstats must be the first command of a search (found 'tstats') ~ 22",
      // unterminated string, in an eval expression
      "| inputlookup t.csv | eval x=\"abc ~ unterminated quoted string ~ 29",
      // bad subsearches (§4.6): not an inputlookup, no closing bracket, nothing inside
      "| tstats count from datamodel=Endpoint.Processes where [| search a=1] by Processes.dest ~ a subsearch must start with | tstats or | inputlookup (found 'search') ~ 58",
      "| tstats count from datamodel=Endpoint.Processes where [| inputlookup x.csv by Processes.dest ~ subsearch lacks its closing ']' (found '[') ~ 55",
      "| tstats count from datamodel=Endpoint.Processes where [] ~ empty subsearch ~ 56",
      // dedup and lookup options Vigil does not support
      "| inputlookup t.csv | dedup a sortby b ~ dedup … sortby is not supported (found 'sortby') ~ 30",
      "| inputlookup t.csv | lookup max=2 t a ~ unsupported lookup option 'max' (found 'max') ~ 29",
  })
  void unsupportedInputHasACaret(String spl, String reason, int column0) {
    assertError(spl, reason, column0);
  }

  // ---- SearchLocation: back to the search as the rule file wrote it ------------------------------------

  private static final MacroSource MACROS = MacroLibrary.of(List.of(
      new Macro("drop_dm_object_name", List.of("object"), "rename \"$object$.*\" as *"),
      new Macro("hash", List.of(), "eval h=md5(process)")));

  @Test // an error after a macro: line and column in the original, not the expanded, text
  void errorAfterAMacroMapsToTheOriginalLine() {
    String search = "| tstats count from datamodel=Endpoint.Processes\n"
        + "  by Processes.dest | `drop_dm_object_name(Processes)`\n"
        + "| mvexpand count";
    MacroExpander.Expansion expansion = new MacroExpander(MACROS).expand(search);
    SplException e = assertThrows(SplException.class, () -> SplParser.parse(expansion.text()));

    SearchLocation location = e.locate(expansion);
    assertEquals(location, SearchLocation.of(search, MACROS, e)); // the same from the search and its macros
    assertEquals(3, location.line());
    assertEquals(3, location.column());
    assertEquals("| mvexpand count\n  ^", location.text());
    // the search starts on line 10 of the rule file
    assertEquals("detections/x.yml:12: column 3: unsupported command 'mvexpand'\n| mvexpand count\n  ^",
        location.format("detections/x.yml", 10, "unsupported command 'mvexpand'"));
  }

  @Test // an error inside a macro's definition points at the macro call
  void errorInsideAMacroPointsAtTheCall() {
    String search = "| tstats count from datamodel=Endpoint.Processes by Processes.process\n| `hash`";
    MacroExpander.Expansion expansion = new MacroExpander(MACROS).expand(search);
    SplException e = assertThrows(SplException.class, () -> SplParser.parse(expansion.text()));

    assertEquals("unsupported function 'md5' (found 'md5')", e.reason());
    SearchLocation location = e.locate(expansion);
    assertEquals(2, location.line());
    assertEquals(3, location.column());
    assertEquals("| `hash`\n  ^", location.text());
  }

  @Test // unknown macro (§4.4): raised on the original text, located as it is
  void unknownMacroLocation() {
    String search = "| tstats count from datamodel=Endpoint.Processes\n\t| `nope(a)`";
    MacroExpander expander = new MacroExpander(MACROS);
    SplException e = assertThrows(SplException.class, () -> expander.expand(search));

    assertEquals("unknown macro 'nope(1)'", e.reason());
    SearchLocation location = SearchLocation.of(search, MACROS, e);
    assertEquals(2, location.line());
    assertEquals(4, location.column());
    assertEquals("\t| `nope(a)`\n\t  ^", location.text()); // the tab is kept so the caret lines up
  }

  @Test // an error at the end of the text maps to the end of the original
  void endOfTextMapsToTheEnd() {
    String search = "| `drop_dm_object_name(Processes)` | table";
    MacroExpander.Expansion expansion = new MacroExpander(MACROS).expand(search);
    SplException e = assertThrows(SplException.class, () -> SplParser.parse(expansion.text()));

    assertEquals("expected at least one field name (found end of command)", e.reason());
    assertEquals(new SearchLocation(1, search.length() + 1, search + "\n" + " ".repeat(search.length()) + "^"),
        e.locate(expansion));
  }
}
