package dev.vigil.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.spl.Aggregation;
import dev.vigil.spl.Command;
import dev.vigil.spl.SearchExpr;
import dev.vigil.spl.SplParser;
import dev.vigil.time.Window;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The AST of a tstats compiled to a plan (SEMANTICS §4.3), shown by its explain form. */
class PlanCompilerTest {
  private static TstatsPlan compile(String spl) {
    return PlanCompiler.compile((Command.Tstats) SplParser.parse(spl).first());
  }

  /** The where part of the explain text, its lines joined by " / ", their indentation kept after the first. */
  private static String where(String where) {
    String text = compile("| tstats count from datamodel=Endpoint.Processes where " + where).explain();
    List<String> lines = text.lines().toList();
    return String.join(" / ", lines.subList(2, lines.indexOf("by nothing: one row, even for no events"))).strip();
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
      "Processes.dest=web01                              |   term dest = \"web01\"",
      "dest=WEB01                                        |   term dest = \"WEB01\"", // as written; compared ignoring case
      "Processes.dest=*                                  |   exists dest",
      "Processes.dest=**                                 |   exists dest",
      "Processes.dest=web*                               |   wildcard dest (\"web*\")",
      "Processes.dest!=web01                             |   and /     exists dest /     not /       term dest = \"web01\"",
      "NOT Processes.dest=web01                          |   not /     term dest = \"web01\"",
      // alternatives of one field gather: exact values into one set, patterns into one wildcard node
      "dest=a OR dest=b* OR dest=c OR dest=A             |   or /     terms-in-set dest (\"a\", \"c\", \"A\") /     wildcard dest (\"b*\")",
      "dest IN (a, b*, c) OR user=x                      |   or /     terms-in-set dest (\"a\", \"c\") /     wildcard dest (\"b*\") /     term user = \"x\"",
      "dest IN (a, *) OR user=x                          |   or /     exists dest /     term user = \"x\"",
      "dest IN (a)                                       |   term dest = \"a\"",
      // OR binds tighter than AND: a=1 AND (b=2 OR c=3)
      "dest=a user=b OR process=c                        |   and /     term dest = \"a\" /     or /       term user = \"b\" /       term process = \"c\"",
      "process=\"C:\\\\x\\\\*\"                             |   wildcard process (\"C:\\\\x\\\\*\")",
  })
  void whereClauses(String spl, String expected) {
    assertEquals(expected, where(spl));
  }

  @Test
  void groupsSpanFillnullAndAggregations() {
    TstatsPlan plan = compile("| tstats fillnull_value=N/A count dc(Processes.user) as users values(Processes.process)"
        + " from datamodel=Endpoint.Processes by _time Processes.dest span=1h");
    assertEquals(List.of(new TstatsPlan.GroupField("_time", "_time"), new TstatsPlan.GroupField("Processes.dest", "dest")),
        plan.groupBy());
    assertEquals(List.of("dest", "user", "process"), plan.eventFields()); // _time comes with every event
    assertEquals("""
        tstats from Endpoint.Processes
        where
          all
        by
          _time
          dest as Processes.dest
        span 3600s
        fillnull_value "N/A"
        aggregations
          count as count
          dc(user) as users
          values(process) as values(Processes.process)
        """, plan.explain());
  }

  @Test // the window joins the where clause as a time range, latest exclusive
  void withinAddsTheTimeRange() {
    Window window = new Window(Instant.parse("2024-05-15T12:50:00Z"), Instant.parse("2024-05-15T13:50:00Z"));
    String text = compile("| tstats count from datamodel=Endpoint.Processes where dest=a").within(window).explain();
    assertTrue(text.contains("""
        where
          and
            time [2024-05-15T12:50:00Z, 2024-05-15T13:50:00Z)
            term dest = "a"
        """), text);
    Filter all = compile("| tstats count from datamodel=Endpoint.Processes").within(window).filter();
    assertEquals(new Filter.TimeRange(window.earliest(), window.latest()), all);
  }

  @Test // a plan is a value: the same tstats compiles to an equal plan
  void plansAreValues() {
    String spl = "| tstats count from datamodel=Endpoint.Processes where process IN (\"*a*\", b) by dest";
    assertEquals(compile(spl), compile(spl));
    assertEquals(compile(spl).hashCode(), compile(spl).hashCode());
    assertTrue(!compile(spl).equals(compile(spl.replace("b)", "c)"))));
  }

  @Test // the parser refuses both; an AST built otherwise still cannot become a plan
  void unsupportedComparisonsAndDataSets() {
    List<Aggregation> count = List.of(new Aggregation(Aggregation.Function.COUNT, Optional.empty(), "count"));
    SearchExpr greater = new SearchExpr.Compare("Processes.process_id", SearchExpr.Operator.GT, "4");
    UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class, () -> PlanCompiler.compile(
        new Command.Tstats(count, "Endpoint", "Processes", greater, List.of(), Optional.empty(), Optional.empty())));
    assertEquals("tstats where supports = and != only, not > (in Processes.process_id>4)", e.getMessage());
    e = assertThrows(UnsupportedOperationException.class, () -> PlanCompiler.compile(new Command.Tstats(count,
        "Network_Traffic", "All_Traffic", new SearchExpr.MatchAll(), List.of(), Optional.empty(), Optional.empty())));
    assertEquals("Vigil stores the Endpoint.Processes and Risk.All_Risk data sets only, not Network_Traffic.All_Traffic", e.getMessage());
  }
}
