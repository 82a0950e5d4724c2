package dev.vigil.query;

import static dev.vigil.query.Rows.show;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vigil.lookup.LookupTables;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * rename, table and fields over rows whose fields differ from row to row (an empty cell is no field), so that
 * what a command works out for one row's field names must not leak into the next row's (SEMANTICS §4.5).
 */
class FieldCommandsTest {
  @TempDir
  static Path folder;
  private static LookupTables lookups;

  @BeforeAll
  static void tables() {
    lookups = Rows.tables(folder, "dm", "Processes.dest,dest,Processes.user,pid\n"
        + "h1,old,alice,1\n"
        + "h2,,bob,2\n"
        + ",old,,3\n"
        + "h1,old,alice,4\n");
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(delimiter = '|', value = {
      // a rename onto an existing field replaces it; the renamed field keeps its place
      "rename \"Processes.*\" as *        | dest=h1 user=alice pid=1; dest=h2 user=bob pid=2; dest=old pid=3;"
          + " dest=h1 user=alice pid=4",
      // renamings apply in order: what the first names, the second renames again
      "rename pid as a, a as b            | Processes.dest=h1 dest=old Processes.user=alice b=1;"
          + " Processes.dest=h2 Processes.user=bob b=2; dest=old b=3; Processes.dest=h1 dest=old Processes.user=alice b=4",
      "rename pid as dest                 | Processes.dest=h1 Processes.user=alice dest=1;"
          + " Processes.dest=h2 Processes.user=bob dest=2; dest=3; Processes.dest=h1 Processes.user=alice dest=4",
      "rename * as x_*                    | x_Processes.dest=h1 x_dest=old x_Processes.user=alice x_pid=1;"
          + " x_Processes.dest=h2 x_Processes.user=bob x_pid=2; x_dest=old x_pid=3;"
          + " x_Processes.dest=h1 x_dest=old x_Processes.user=alice x_pid=4",
      "rename nothing as x                | Processes.dest=h1 dest=old Processes.user=alice pid=1;"
          + " Processes.dest=h2 Processes.user=bob pid=2; dest=old pid=3; Processes.dest=h1 dest=old Processes.user=alice pid=4",
      // table: the list's order, wildcards in the row's order, each field once
      "table pid Processes.* dest pid     | pid=1 Processes.dest=h1 Processes.user=alice dest=old;"
          + " pid=2 Processes.dest=h2 Processes.user=bob; pid=3 dest=old; pid=4 Processes.dest=h1 Processes.user=alice dest=old",
      "fields - Processes.*               | dest=old pid=1; pid=2; dest=old pid=3; dest=old pid=4",
      "fields dest, pid                   | dest=old pid=1; pid=2; dest=old pid=3; dest=old pid=4",
  })
  void renameTableAndFields(String command, String expected) {
    assertEquals(expected, show(Rows.run(lookups, "| inputlookup dm | " + command)));
  }
}
