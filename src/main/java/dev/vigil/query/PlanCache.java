package dev.vigil.query;

import dev.vigil.plan.PlanCompiler;
import dev.vigil.plan.TstatsPlan;
import dev.vigil.spl.Command;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Compiled plans by the tstats they were compiled from. The AST is a value, so a rule's tstats, parsed anew
 * for each run, finds the plan and its compiled patterns of the first run; a subsearch that returns other rows
 * makes another tstats and another plan. Least recently used plans go first, so that subsearches over
 * changing windows cannot grow it without bound.
 */
final class PlanCache {
  private static final int CAPACITY = 1024;

  private final Map<Command.Tstats, TstatsPlan> plans = new LinkedHashMap<>(64, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Command.Tstats, TstatsPlan> eldest) {
      return size() > CAPACITY;
    }
  };

  synchronized TstatsPlan plan(Command.Tstats tstats) {
    return plans.computeIfAbsent(tstats, PlanCompiler::compile);
  }
}
