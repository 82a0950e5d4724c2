package dev.vigil.cli;

import static dev.vigil.cli.Cli.vigil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.TestHomes;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vigil rules show RULE --plan}: the plan the rule's tstats compiles to, as text. */
class RulesShowPlanTest {
  @TempDir
  Path temp;

  @Test // the seed rule's where, by and aggregations, clause by clause; fillnull_value comes from its
        // security_content_summariesonly macro
  void seedRulePlan() {
    Path home = TestHomes.copyShipped(temp.resolve("home"));
    Cli.Outcome shown = vigil("rules", "show", "windows_iis_components_add_new_module", "--plan", "--home", home.toString());
    assertEquals(0, shown.exit(), shown.err());
    assertEquals("""
        tstats from Endpoint.Processes
        where
          and
            not
              terms-in-set parent_process_name ("msiexec.exe", "iissetup.exe")
            term process_name = "appcmd.exe"
            wildcard process ("*install *", "*module *")
            wildcard process ("*image*")
        by
          dest as Processes.dest
          user as Processes.user
          parent_process_name as Processes.parent_process_name
          process_name as Processes.process_name
          original_file_name as Processes.original_file_name
          process as Processes.process
          process_id as Processes.process_id
          parent_process_id as Processes.parent_process_id
        fillnull_value "null"
        aggregations
          count as count
          min(_time) as firstTime
          max(_time) as lastTime
        """, shown.out());
  }

  @Test
  void unknownRuleIsAUsageError() {
    Path home = TestHomes.copyShipped(temp.resolve("home"));
    Cli.Outcome shown = vigil("rules", "show", "no_such_rule", "--plan", "--home", home.toString());
    assertEquals(ExitCodes.USAGE, shown.exit());
    assertTrue(shown.out().isEmpty(), shown.out());
  }
}
