package dev.vigil.query;

import static dev.vigil.query.Rows.field;
import static dev.vigil.query.Rows.show;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vigil.lookup.LookupTables;
import dev.vigil.spl.SplException;
import dev.vigil.spl.SplParser;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** eventstats, fillnull, sort, head, bin and transaction over hand-written rows. */
class RowCommandsTest {
  @TempDir
  static Path folder;
  private static LookupTables lookups;

  @BeforeAll
  static void tables() {
    lookups = Rows.tables(folder,
        // pid 15 has no dest; size holds numbers and one word
        "procs", "pid,dest,process,size,_time\n"
            + "11,h1,systeminfo,10,1000\n"
            + "12,h1,hostname,9,1060\n"
            + "13,h1,systeminfo,100,1200\n"
            + "14,h2,hostname,B,1300\n"
            + "15,,wmic qfe,a,1400\n",
        // system_network_configuration_discovery: pauses of 100 s, then 301 s, then 300 s and 200 s
        "net", "dest,process_name,_time\n"
            + "d1,arp.exe,1000\n"
            + "d1,net.exe,1100\n"
            + "d1,ipconfig.exe,1401\n"
            + "d1,net.exe,1701\n"
            + "d1,whoami.exe,1901\n"
            + "d2,arp.exe,1000\n");
  }

  private static List<Row> run(String spl) {
    return Rows.run(lookups, spl);
  }

  // ---- eventstats ------------------------------------------------------------------------------------------

  @Test // system_information_discovery_detection: every row keeps its place and gets its group's dc; no by-field, none
  void eventstatsAddsWithoutCollapsing() {
    List<Row> rows = run("| inputlookup procs | eventstats dc(process) as dc_processes_by_dest count by dest");
    assertEquals("11 12 13 14 15", field(rows, "pid"));
    assertEquals("2 2 2 1 -", field(rows, "dc_processes_by_dest"));
    assertEquals("3 3 3 1 -", field(rows, "count"));
    assertEquals("11 12 13", field(run("| inputlookup procs | eventstats dc(process) as n by dest | where n > 1"), "pid"));
  }

  @Test // without by, one group of all rows
  void eventstatsWithoutBy() {
    assertEquals("15 15 15 15 15", field(run("| inputlookup procs | eventstats max(pid) as biggest"), "biggest"));
  }

  // ---- fillnull --------------------------------------------------------------------------------------------

  @Test // without fields: every field some row has; default value 0
  void fillnullAllFields() {
    assertEquals("h1 h1 h1 h2 0", field(run("| inputlookup procs | fillnull"), "dest"));
  }

  @Test // named fields only, with value=; fields no row had are created
  void fillnullNamedFields() {
    List<Row> rows = run("| inputlookup procs | search pid=15 | fillnull value=unknown dest user");
    assertEquals("pid=15 process=wmic qfe size=a _time=1400 dest=unknown user=unknown", show(rows));
    assertEquals("h1", field(run("| inputlookup procs | search pid=11 | fillnull value=unknown dest"), "dest"));
  }

  // ---- sort and head -------------------------------------------------------------------------------------

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      // auto: numbers as numbers (9 < 10 < 100), before text; text by character code (B before a)
      "sort size                 | 12 11 13 14 15",
      "sort - size               | 15 14 13 11 12",
      "sort -size                | 15 14 13 11 12",
      "sort str(size)            | 11 13 12 14 15",     // as text: "10" < "100" < "9" < "B" < "a"
      "sort size desc            | 15 14 13 11 12",
      "sort dest -pid            | 13 12 11 14 15",     // by dest, then pid descending; no dest sorts last
      "sort 2 size               | 12 11",
      "sort limit=3 +size        | 12 11 13",
      "sort num(size)            | 12 11 13 14 15",
      "head 2                    | 11 12",
      "head                      | 11 12 13 14 15",     // 10 by default
      "head limit=1              | 11",
      "head 0                    | ''",
  })
  void sortAndHead(String command, String pids) {
    assertEquals(pids, field(run("| inputlookup procs | " + command.strip()), "pid"));
  }

  @Test // sort is stable: equal keys keep their order
  void sortIsStable() {
    assertEquals("11 12 13 14 15", field(run("| inputlookup procs | eval k=1 | sort k"), "pid"));
  }

  // ---- bin ---------------------------------------------------------------------------------------------------

  @Test // _time floored to the span from the epoch; as writes another field; bucket is the same command
  void bin() {
    assertEquals("900 1050 1200 1200 1350", field(run("| inputlookup procs | bin _time span=150s"), "_time"));
    List<Row> rows = run("| inputlookup procs | bucket span=1m _time as minute");
    assertEquals("960 1020 1200 1260 1380", field(rows, "minute"));
    assertEquals("1000 1060 1200 1300 1400", field(rows, "_time"));
    assertEquals("0", field(run("| inputlookup procs | search pid=11 | bin _time span=1h"), "_time"));
  }

  // ---- transaction -------------------------------------------------------------------------------------------

  @Test // maxpause=5m: 300 s pauses join, the 301 s one splits; fields merge distinct and sorted; newest first
  void transactionMaxpause() {
    List<Row> rows = run("| inputlookup net | transaction dest connected=false maxpause=5m");
    assertEquals("dest=d1 process_name=ipconfig.exe|net.exe|whoami.exe _time=1401 duration=500 eventcount=3; "
        + "dest=d1 process_name=arp.exe|net.exe _time=1000 duration=100 eventcount=2; "
        + "dest=d2 process_name=arp.exe _time=1000 duration=0 eventcount=1", show(rows));
    assertEquals("3", field(run("| inputlookup net | transaction dest maxpause=5m | where eventcount>=3"), "eventcount"));
  }

  @Test // maxspan: a transaction spans less than maxspan, counted from its newest row back: 1901 and 1701 (200 s);
        // 1401 would make it span 500 s, so it opens the next one with 1100 and 1000
  void transactionMaxspan() {
    List<Row> rows = run("| inputlookup net | search dest=d1 | transaction dest maxspan=500s");
    assertEquals("2 3", field(rows, "eventcount"));
    assertEquals("1701 1000", field(rows, "_time"));
    assertEquals("200 401", field(rows, "duration"));
  }

  @Test // rows without the field form no transaction; h2's starts later, so it comes first
  void transactionDropsRowsWithoutTheField() {
    assertEquals("h2 h1", field(run("| inputlookup procs | transaction dest"), "dest"));
  }

  // ---- load-time errors with a caret (SEMANTICS §4.7) ------------------------------------------------------

  @ParameterizedTest(name = "{1}")
  @CsvSource(delimiterString = " ~ ", quoteCharacter = '\'', value = {
      "| inputlookup t | sort ~ sort needs a field to sort by (found end of command) ~ 22",
      "| inputlookup t | sort ip(a) ~ unsupported sort function 'ip': use auto, str or num (found 'ip') ~ 23",
      "| inputlookup t | sort a order=x ~ unsupported sort option 'order' (found 'order') ~ 25",
      "| inputlookup t | head count>10 ~ head takes a number of rows; an expression or option is not supported (found 'count') ~ 23",
      "| inputlookup t | fillnull v=1 ~ unsupported fillnull option 'v' (found 'v') ~ 27",
      "| inputlookup t | bin _time bins=10 ~ unsupported bin option 'bins': use span= (found 'bins') ~ 28",
      "| inputlookup t | bin _time ~ bin needs span=… (found 'bin') ~ 18",
      "| inputlookup t | bucket span=1mon _time ~ unsupported span '1mon': use s, m, h or d (found '1mon') ~ 30",
      "| inputlookup t | eventstats by a ~ eventstats needs at least one aggregation such as count (found 'by') ~ 29",
      "| inputlookup t | transaction a b ~ transaction groups by one field here; several fields (transitive grouping) are not supported (found 'transaction') ~ 18",
      "| inputlookup t | transaction a startswith=x ~ unsupported transaction option 'startswith' (found 'startswith') ~ 32",
  })
  void errors(String spl, String reason, int column0) {
    SplException e = assertThrows(SplException.class, () -> SplParser.parse(spl));
    assertEquals(reason, e.reason());
    assertEquals(column0, e.position());
    assertEquals(reason + "\n" + spl + "\n" + " ".repeat(column0) + "^", e.getMessage());
  }
}
