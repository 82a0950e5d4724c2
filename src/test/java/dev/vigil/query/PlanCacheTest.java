package dev.vigil.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.vigil.plan.Filter;
import dev.vigil.plan.TstatsPlan;
import dev.vigil.spl.Command;
import dev.vigil.spl.SplParser;
import org.junit.jupiter.api.Test;

/** A rule's tstats, parsed anew for every run, compiles once: its plan and patterns are reused. */
class PlanCacheTest {
  private static final String SPL = "| tstats count from datamodel=Endpoint.Processes where process=\"*image*\" by dest";

  private static Command.Tstats parse(String spl) {
    return (Command.Tstats) SplParser.parse(spl).first();
  }

  @Test
  void theSameTstatsParsedTwiceFindsTheFirstPlan() {
    PlanCache cache = new PlanCache();
    TstatsPlan first = cache.plan(parse(SPL));
    TstatsPlan second = cache.plan(parse(SPL));
    assertSame(first, second);
    assertSame(((Filter.Wildcard) first.filter()).patterns().get(0), ((Filter.Wildcard) second.filter()).patterns().get(0));
  }

  @Test // another where clause, e.g. a subsearch that returned other rows, is another plan
  void anotherTstatsIsAnotherPlan() {
    PlanCache cache = new PlanCache();
    TstatsPlan first = cache.plan(parse(SPL));
    TstatsPlan other = cache.plan(parse(SPL.replace("*image*", "*module*")));
    assertNotSame(first, other);
    assertEquals("*module*", ((Filter.Wildcard) other.filter()).patterns().get(0).source());
  }
}
