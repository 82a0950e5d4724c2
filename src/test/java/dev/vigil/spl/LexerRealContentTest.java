package dev.vigil.spl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vigil.spl.SearchExpr.And;
import dev.vigil.spl.SearchExpr.Compare;
import dev.vigil.spl.SearchExpr.In;
import dev.vigil.spl.SearchExpr.Operator;
import dev.vigil.spl.SearchExpr.Or;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SPL as ESCU's shipped searches write it, typos Splunk tolerates included (SEMANTICS §4.3). */
class LexerRealContentTest {
  private static SearchExpr search(String expression) {
    return ((Command.Search) SplParser.parse("search " + expression).first()).expression();
  }

  private static Compare eq(String field, String value) {
    return new Compare(field, Operator.EQ, value);
  }

  @Test // windows_rasautou_dll_execution: a closing quote ends the term, so "…"AND is the AND operator
  void closingQuoteBeforeAnd() {
    assertEquals(new And(List.of(eq("p", "* -d *"), eq("p", "* -p *"))), search("p=\"* -d *\"AND p=\"* -p *\""));
  }

  @Test // ping_sleep_batch_command: "…"Processes.x="…" is two comparisons
  void closingQuoteBeforeTheNextField() {
    assertEquals(new And(List.of(eq("Processes.parent_process", "* Nul*"), eq("Processes.parent_process", "*&gt;*"))),
        search("Processes.parent_process=\"* Nul*\"Processes.parent_process=\"*&gt;*\""));
  }

  @Test // a quoted piece after an empty one still glues, as macro substitution writes ""Processes".*"
  void emptyQuotesStillGlue() {
    Command.Rename rename = (Command.Rename) SplParser.parse("rename \"\"Processes\".*\" as *").first();
    assertEquals("Processes.*", rename.renamings().get(0).from());
  }

  @Test // linux_curl_upload_file: IN ("a". "b"): the quote ends "a", the '.' is a value of its own that matches
        // only a process named "." (Splunk reads IN values separated by spaces as well as commas)
  void dotBetweenInValues() {
    assertEquals(new In("p", List.of("*.aws/credentials*", ".", "*.aws/config*")),
        search("p IN (\"*.aws/credentials*\". \"*.aws/config*\")"));
  }

  @Test // getcurrent_user_with_powershell: a value may hold balanced parentheses
  void parenthesesInsideAValue() {
    assertEquals(new Or(List.of(eq("p", "*WindowsIdentity*"), eq("p", "*GetCurrent()*"))),
        search("(p=*WindowsIdentity* OR p=*GetCurrent()*)"));
    assertEquals(eq("p", "*a(b(c))d*"), search("p=*a(b(c))d*"));
  }

  @Test // near misses: parentheses that group stay operators, and aggregations keep their calls
  void parenthesesThatGroupStayOperators() {
    assertEquals(new And(List.of(eq("a", "1"), new Or(List.of(eq("b", "2"), eq("c", "3"))))),
        search("a=1 (b=2 OR c=3)"));
    assertEquals(new SearchExpr.Not(new In("p", List.of("x"))), search("NOT(p IN(\"x\"))"));
    Command.Tstats tstats = (Command.Tstats) SplParser.parse(
        "| tstats min(_time) as firstTime from datamodel=Endpoint.Processes where p=x by dest").first();
    assertEquals("firstTime", tstats.aggregations().get(0).outputName());
    assertEquals(eq("p", "x"), tstats.where());
  }

  @Test // an unbalanced parenthesis is not part of the value: the search's ')' closes the group
  void unbalancedParenthesisClosesTheGroup() {
    assertEquals(eq("p", "*a*"), search("(p=*a*)"));
    assertThrows(SplException.class, () -> search("p=*a(*"));
  }

  @Test // excessive_number_of_taskhost_processes: eval and where read or/and/not in any case
  void lowerCaseBooleanOperatorsInExpressions() {
    Command.Where where = (Command.Where) SplParser.parse("where a > 10 or b > 10 and not c < 1").first();
    assertEquals(new Expr.Binary("OR",
        new Expr.Binary(">", new Expr.Field("a"), new Expr.Literal("10", true)),
        new Expr.Binary("AND",
            new Expr.Binary(">", new Expr.Field("b"), new Expr.Literal("10", true)),
            new Expr.Unary("NOT", new Expr.Binary("<", new Expr.Field("c"), new Expr.Literal("1", true))))),
        where.expression());
  }

  @Test // near miss: in a search, a lower-case or is a term, not an operator (Splunk: operators are upper case)
  void lowerCaseOrInASearchIsAFreeTextTerm() {
    assertEquals(new SearchExpr.And(List.of(new SearchExpr.Compare("a", SearchExpr.Operator.EQ, "1"),
        new SearchExpr.Term("or"), new SearchExpr.Compare("b", SearchExpr.Operator.EQ, "2"))), search("a=1 or b=2"));
    SplException e = assertThrows(SplException.class,
        () -> SplParser.parse("| tstats count from datamodel=Endpoint.Processes where Processes.dest=a or b=2"));
    assertEquals("tstats where compares fields, it takes no free-text terms: write field=value (found 'or')",
        e.reason());
  }
}
