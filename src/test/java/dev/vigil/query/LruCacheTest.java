package dev.vigil.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vigil.plan.Filter;
import dev.vigil.plan.PlanCompiler;
import dev.vigil.plan.TstatsPlan;
import dev.vigil.spl.Command;
import dev.vigil.spl.Pipeline;
import dev.vigil.spl.SplException;
import dev.vigil.spl.SplParser;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** What a rule's runs share is computed once: its parsed search and its tstats' plan and patterns. */
class LruCacheTest {
  private static final String SPL = "| tstats count from datamodel=Endpoint.Processes where process=\"*image*\" by dest";

  private static Command.Tstats parseTstats(String spl) {
    return (Command.Tstats) SplParser.parse(spl).first();
  }

  @Test
  void theSameTstatsParsedTwiceFindsTheFirstPlan() {
    LruCache<Command.Tstats, TstatsPlan> cache = new LruCache<>(PlanCompiler::compile);
    TstatsPlan first = cache.get(parseTstats(SPL));
    TstatsPlan second = cache.get(parseTstats(SPL));
    assertSame(first, second);
    assertSame(((Filter.Wildcard) first.filter()).patterns().get(0), ((Filter.Wildcard) second.filter()).patterns().get(0));
  }

  @Test // another where clause, e.g. a subsearch that returned other rows, is another plan
  void anotherTstatsIsAnotherPlan() {
    LruCache<Command.Tstats, TstatsPlan> cache = new LruCache<>(PlanCompiler::compile);
    TstatsPlan first = cache.get(parseTstats(SPL));
    TstatsPlan other = cache.get(parseTstats(SPL.replace("*image*", "*module*")));
    assertNotSame(first, other);
    assertEquals("*module*", ((Filter.Wildcard) other.filter()).patterns().get(0).source());
  }

  @Test
  void aSearchIsParsedOnceForAllItsRuns() {
    SearchExecutor executor = new SearchExecutor(plan -> List.of(), ZoneOffset.UTC);
    Pipeline first = executor.parse(SPL);
    assertSame(first, executor.parse(SPL));
    assertEquals(SplParser.parse(SPL), first);
  }

  @Test // nothing is kept for a search that fails: each run reports the error again
  void aSearchThatFailsIsNotKept() {
    SearchExecutor executor = new SearchExecutor(plan -> List.of(), ZoneOffset.UTC);
    String unknownTable = SPL + " | lookup no_such_table dest OUTPUT x";
    SplException first = assertThrows(SplException.class, () -> executor.parse(unknownTable));
    SplException again = assertThrows(SplException.class, () -> executor.parse(unknownTable));
    assertEquals(first.getMessage(), again.getMessage());
  }

  @Test // the least recently used goes first; one in use stays
  void theLeastRecentlyUsedValueGoesFirst() {
    AtomicInteger computed = new AtomicInteger();
    LruCache<Integer, Integer> cache = new LruCache<>(key -> {
      computed.incrementAndGet();
      return key;
    });
    for (int key = 0; key <= LruCache.CAPACITY; key++) {
      cache.get(0);
      cache.get(key);
    }
    int before = computed.get();
    cache.get(0);
    assertEquals(before, computed.get(), "the value used all along was evicted");
    cache.get(1);
    assertEquals(before + 1, computed.get(), "the least recently used value was kept");
  }
}
