package dev.vigil.spl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vigil.spl.SearchExpr.And;
import dev.vigil.spl.SearchExpr.Compare;
import dev.vigil.spl.SearchExpr.In;
import dev.vigil.spl.SearchExpr.Not;
import dev.vigil.spl.SearchExpr.Operator;
import dev.vigil.spl.SearchExpr.Or;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SplParserTest {
  private static final String NL = System.lineSeparator();

  private static SearchExpr search(String expression) {
    Command command = SplParser.parse("search " + expression).first();
    return ((Command.Search) command).expression();
  }

  private static Compare eq(String field, String value) {
    return new Compare(field, Operator.EQ, value);
  }

  // ---- precedence (SEMANTICS §4.3) ------------------------------------------------------------------------

  @Test // OR binds tighter than the implicit AND
  void orBindsTighterThanImplicitAnd() {
    assertEquals(new And(List.of(eq("a", "1"), new Or(List.of(eq("b", "2"), eq("c", "3"))))),
        search("a=1 b=2 OR c=3"));
  }

  @Test // ... and than an explicit AND
  void orBindsTighterThanExplicitAnd() {
    assertEquals(new And(List.of(eq("a", "1"), new Or(List.of(eq("b", "2"), eq("c", "3"))))),
        search("a=1 AND b=2 OR c=3"));
    assertEquals(new And(List.of(new Or(List.of(eq("a", "1"), eq("b", "2"))), eq("c", "3"))),
        search("a=1 OR b=2 c=3"));
  }

  @Test // NOT binds tightest
  void notBindsTightest() {
    assertEquals(new And(List.of(new Not(eq("a", "1")), eq("b", "2"))), search("NOT a=1 b=2"));
    assertEquals(new Or(List.of(new Not(eq("a", "1")), eq("b", "2"))), search("NOT a=1 OR b=2"));
    assertEquals(new Not(new Not(eq("a", "1"))), search("NOT NOT a=1"));
  }

  @Test // parentheses group
  void parenthesesGroup() {
    assertEquals(new Or(List.of(new And(List.of(eq("a", "1"), eq("b", "2"))), eq("c", "3"))),
        search("(a=1 b=2) OR c=3"));
    assertEquals(new Not(new Or(List.of(eq("a", "1"), eq("b", "2")))), search("NOT (a=1 OR b=2)"));
  }

  @Test // only upper-case OR/AND/NOT are operators: "or=2" is a comparison on a field named or
  void lowerCaseKeywordsAreNotOperators() {
    assertEquals(new And(List.of(eq("a", "1"), eq("or", "2"))), search("a=1 or=2"));
  }

  @Test
  void comparisonOperators() {
    assertEquals(new And(List.of(new Compare("a", Operator.NE, "x"), new Compare("n", Operator.GE, "5"),
        new Compare("m", Operator.LT, "2"))), search("a!=x n>=5 m<2"));
  }

  // ---- IN ---------------------------------------------------------------------------------------------------

  @Test
  void inListWithQuotedUnquotedAndWildcardValues() {
    assertEquals(new In("Processes.parent_process_name", List.of("msiexec.exe", "iissetup", "*setup*.exe")),
        search("Processes.parent_process_name IN (\"msiexec.exe\", iissetup, \"*setup*.exe\")"));
  }

  @Test // the seed detection's where clause, as ESCU writes it (two spaces before IN)
  void seedWhereClause() {
    Command.Tstats t = (Command.Tstats) SplParser.parse("| tstats count min(_time) as firstTime from "
        + "datamodel=Endpoint.Processes where NOT (Processes.parent_process_name  IN (\"msiexec.exe\", \"iissetup.exe\")) "
        + "Processes.process_name=appcmd.exe Processes.process IN (\"*install *\", \"*module *\") AND "
        + "Processes.process=\"*image*\" by Processes.dest Processes.user").first();

    assertEquals(new And(List.of(
        new Not(new In("Processes.parent_process_name", List.of("msiexec.exe", "iissetup.exe"))),
        eq("Processes.process_name", "appcmd.exe"),
        new In("Processes.process", List.of("*install *", "*module *")),
        eq("Processes.process", "*image*"))), t.where());
    assertEquals(List.of("Processes.dest", "Processes.user"), t.groupBy());
    assertEquals(List.of(new Aggregation(Aggregation.Function.COUNT, Optional.empty(), "count"),
        new Aggregation(Aggregation.Function.MIN, Optional.of("_time"), "firstTime")), t.aggregations());
    assertEquals("Endpoint", t.datamodel());
    assertEquals("Processes", t.dataset());
    assertEquals(Optional.empty(), t.fillnullValue());
  }

  // ---- backslashes (SEMANTICS §4.3: a backslash is literal; \\ in a quoted string is one) --------------------

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
      "\"*\\\\appdata\\\\*\"     | *\\appdata\\*",      // SPL "*\\appdata\\*" -> *\appdata\*
      "\"*\\sam *\"              | *\\sam *",           // SPL "*\sam *" keeps its single backslash
      "\"C:\\\\Windows\\\\*\"    | C:\\Windows\\*",
      "\"say \\\"hi\\\"\"        | say \"hi\"",         // \" is a quote
      "C:\\\\Windows\\\\x.exe    | C:\\Windows\\x.exe", // unquoted \\ is one backslash too
      "C:\\Windows\\x.exe        | C:\\Windows\\x.exe", // unquoted single backslash kept
  })
  void backslashes(String splValue, String expected) {
    assertEquals(eq("process", expected), search("process=" + splValue.strip()));
  }

  // ---- macros (SEMANTICS §4.4) --------------------------------------------------------------------------

  private static final MacroSource MACROS = MacroLibrary.of(List.of(
      new Macro("drop_dm_object_name", List.of("object"), "rename \"$object$.*\" as *"),
      new Macro("security_content_ctime", List.of("field"), "convert timeformat=\"%Y-%m-%dT%H:%M:%S\" ctime($field$)"),
      new Macro("two", List.of("a", "b"), "search $a$=$b$ $a$!=$b$x"),
      new Macro("outer", List.of(), "`inner(x)`"),
      new Macro("inner", List.of("v"), "search f=$v$"),
      new Macro("inner", List.of(), "search f=zero"),
      new Macro("broken", List.of(), "`missing`")));

  private static String expand(String spl) {
    return new MacroExpander(MACROS).expand(spl).text();
  }

  @Test
  void macrosWithArgumentsExpand() {
    assertEquals("| tstats count from datamodel=Endpoint.Processes | rename \"Processes.*\" as * "
            + "| convert timeformat=\"%Y-%m-%dT%H:%M:%S\" ctime(firstTime)",
        expand("| tstats count from datamodel=Endpoint.Processes | `drop_dm_object_name(Processes)` "
            + "| `security_content_ctime(firstTime)`"));
    assertEquals("search user=alice user!=alicex", expand("`two(user, alice)`"));
  }

  @Test // name(N) and name are different macros; expansion is recursive
  void arityAndRecursion() {
    assertEquals("search f=x", expand("`outer`"));
    assertEquals("search f=zero", expand("`inner`"));
    assertEquals("search f=7", expand("`inner(7)`"));
  }

  @Test // ESCU's ctime macro expands and parses into a Convert with the quoted format
  void expandedCtimeParses() {
    Pipeline p = SplParser.parse(expand("| tstats count from datamodel=Endpoint.Processes by Processes.dest "
        + "| `drop_dm_object_name(Processes)` | `security_content_ctime(firstTime)`"));
    assertEquals(new Command.Rename(List.of(new Command.Renaming("Processes.*", "*"))), p.commands().get(1));
    assertEquals(new Command.Convert("%Y-%m-%dT%H:%M:%S",
        List.of(new Command.Conversion("ctime", "firstTime", Optional.empty()))), p.commands().get(2));
  }

  @Test // a backtick inside a quoted string is text (ESCU splits on "`" in eval)
  void backtickInsideQuotesIsNotAMacro() {
    String spl = "search process=\"*`missing`*\"";
    assertEquals(spl, expand(spl));
    assertEquals(eq("process", "*`missing`*"), ((Command.Search) SplParser.parse(expand(spl)).first()).expression());
  }

  @Test // unknown macro: the error names it with its arity and points at the call
  void unknownMacroNamesItWithACaret() {
    String spl = "| tstats count from datamodel=Endpoint.Processes | `nope(a, b)`";
    SplException e = assertThrows(SplException.class, () -> expand(spl));

    assertEquals("unknown macro 'nope(2)'", e.reason());
    assertEquals(51, e.position());
    assertEquals("unknown macro 'nope(2)'" + NL + spl + NL + " ".repeat(51) + "^", e.getMessage());
  }

  @Test // an unknown macro inside a macro points at the call the user wrote
  void unknownNestedMacroPointsAtTheOuterCall() {
    SplException e = assertThrows(SplException.class, () -> expand("search a=1 | `broken`"));

    assertEquals("unknown macro 'missing'" + NL + "search a=1 | `broken`" + NL + "             ^", e.getMessage());
  }

  @Test // SEMANTICS §4.7: an unsupported command names itself with a caret under it
  void unsupportedCommandHasACaret() {
    String spl = "| tstats count from datamodel=Endpoint.Processes | mvexpand count";
    SplException e = assertThrows(SplException.class, () -> SplParser.parse(spl));

    assertEquals(51, e.position());
    assertEquals("unsupported command 'mvexpand' (found 'mvexpand')" + NL + spl + NL + " ".repeat(51) + "^", e.getMessage());
  }

  @Test
  void unsupportedAggregationHasACaret() {
    String spl = "| tstats perc95(x) from datamodel=Endpoint.Processes";
    SplException e = assertThrows(SplException.class, () -> SplParser.parse(spl));

    assertEquals("unsupported aggregation 'perc95' (found 'perc95')" + NL + spl + NL + "         ^", e.getMessage());
  }

  @Test
  void unterminatedQuoteHasACaretAtTheQuote() {
    SplException e = assertThrows(SplException.class, () -> SplParser.parse("search a=\"abc"));

    assertEquals("unterminated quoted string" + NL + "search a=\"abc" + NL + "         ^", e.getMessage());
  }
}
