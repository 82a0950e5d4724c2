package dev.vigil.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.plan.GroupCondition;
import dev.vigil.plan.PlanCompiler;
import dev.vigil.plan.TstatsPlan;
import dev.vigil.spl.Command;
import dev.vigil.spl.MacroExpander;
import dev.vigil.spl.Pipeline;
import dev.vigil.spl.SplParser;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Which filters after tstats become the condition a backend may test on a group's by-values before aggregating
 * it, and what that condition decides: only filters whose fields come from by-fields alone, followed through
 * renames and evals, up to the first command that is not row by row (SEMANTICS §4.5; docs/architecture.md).
 */
class PushedFiltersTest {
  private static final String TSTATS = "| tstats count min(_time) as firstTime from datamodel=Endpoint.Processes"
      + " by Processes.dest Processes.user Processes.process_name Processes.process";

  private static GroupCondition condition(String spl) {
    Pipeline pipeline = SplParser.parse(spl);
    TstatsPlan plan = PlanCompiler.compile((Command.Tstats) pipeline.first());
    ExprEvaluator evaluator = new ExprEvaluator(spl, ZoneOffset.UTC, Instant.EPOCH, new EvalPatterns());
    return PushedFilters.of(plan, pipeline.rest(), evaluator);
  }

  /** By-values in the order of {@link #TSTATS}: dest, user, process_name, process. */
  private static String[] group(String processName, String process) {
    return new String[] {"web01", "CORP\\alice", processName, process};
  }

  private static GroupCondition shipped(String stem) {
    String expanded = new MacroExpander(Searches.macros(Searches.filter(stem, "search *"))).expand(Searches.detectionSearch(stem)).text();
    return condition(expanded);
  }

  @Test
  void thePathTraversalHuntTestsTheCommandLineAlone() {
    GroupCondition condition = shipped("windows_command_and_scripting_interpreter_hunting_path_traversal");
    assertEquals(List.of(8), condition.byFields(), "by original_file_name … process_name process");
    String[] byValues = new String[9];
    byValues[8] = "cmd.exe /c type ../../../../windows/win.ini";
    assertTrue(condition.test(byValues));
    byValues[8] = "cmd.exe /c type ..\\notes.txt";
    assertFalse(condition.test(byValues));
  }

  @Test
  void theSingleLetterHuntTestsTheProcessNameAlone() {
    GroupCondition condition = shipped("single_letter_process_on_endpoint");
    String[] byValues = new String[4];
    byValues[3] = "a.exe"; // by dest, user, process, process_name
    assertTrue(condition.test(byValues));
    byValues[3] = "cmd.exe";
    assertFalse(condition.test(byValues));
    assertEquals(List.of(3), condition.byFields());
  }

  @Test
  void filtersAfterRenamesAndEvalsOfByFieldsArePushed() {
    GroupCondition condition = condition(TSTATS + " | rename Processes.* as * | eval n=len(process_name)"
        + " | where n>6 | search process=\"*whoami*\"");
    assertEquals(List.of(2, 3), condition.byFields());
    assertTrue(condition.test(group("cmd.exe", "cmd /c whoami")));
    assertFalse(condition.test(group("a.exe", "cmd /c whoami")));
    assertFalse(condition.test(group("cmd.exe", "cmd /c dir")));
  }

  @Test
  void aFilterOnAnAggregateStaysButTheOthersArePushed() {
    GroupCondition condition = condition(TSTATS + " | rename Processes.* as * | where count>1 | search user=bob");
    assertEquals(List.of(1), condition.byFields());
    assertFalse(condition.test(group("cmd.exe", "cmd")), "alice is not bob");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      " | where count>1",
      " | eval x=count | rename Processes.* as * | where x>1 AND process_name=\"a.exe\"",
      " | rename Processes.* as * | eval user=firstTime | search user=1*",
      " | rename Processes.dest as Processes.user | search Processes.user=web01",
      " | rename count as Processes.user | search Processes.user=1",
      " | convert ctime(Processes.dest) | search Processes.dest=web01",
      " | stats count by Processes.dest | search Processes.dest=web01",
      " | head 10 | search Processes.dest=web01",
      " | search Processes.dest=web01 OR count>1",
      " | search [| inputlookup x.csv | table Processes.dest]",
      " | search *"})
  void nothingIsPushedWhenNoFilterReadsByFieldsAlone(String rest) {
    assertSame(GroupCondition.ALL, condition(TSTATS + rest));
  }

  @Test
  void withoutByFieldsNothingIsPushed() {
    assertSame(GroupCondition.ALL, condition("| tstats count from datamodel=Endpoint.Processes | where 1=2"));
  }

  @Test
  void anEvalThatOverwritesAByFieldIsReplayed() {
    GroupCondition condition = condition(TSTATS
        + " | rename Processes.* as * | eval process_name=upper(process_name) | where process_name=\"CMD.EXE\"");
    assertTrue(condition.test(group("cmd.exe", "cmd")));
    assertFalse(condition.test(group("a.exe", "cmd")));
  }
}
