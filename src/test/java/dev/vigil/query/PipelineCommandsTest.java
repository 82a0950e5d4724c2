package dev.vigil.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vigil.lookup.LookupTable;
import dev.vigil.lookup.LookupTables;
import dev.vigil.spl.SplException;
import dev.vigil.spl.SplParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * stats, dedup, lookup, eval and inputlookup over rows (SEMANTICS §4.2, §4.5, §4.6). The rows come from
 * {@code | inputlookup procs}: five processes; the last has no user.
 */
class PipelineCommandsTest {
  @TempDir
  static Path folder;
  private static LookupTables lookups;

  @BeforeAll
  static void tables() throws IOException {
    Files.writeString(folder.resolve("procs.csv"), "host,user,process,pid,_time\n"
        + "h1,alice,cmd.exe /c whoami,10,100\n"
        + "h1,alice,cmd.exe /c whoami,11,160\n"
        + "h1,bob,powershell.exe -enc AAA,12,200\n"
        + "h2,alice,reg save hklm\\sam,13,400\n"
        + "h2,,notepad.exe,14,300\n");
    Files.writeString(folder.resolve("one.csv"), "s,n,path\nHello World,7,C:\\Windows\\System32\\cmd.exe\n");
    Files.writeString(folder.resolve("tools.csv"), "pattern,category,severity\n"
        + "*WHOAMI*,discovery,low\n"
        + "powershell.exe -enc *,execution,high\n"
        + "*\\sam*,credential,high\n"
        + "*hklm*,registry,medium\n");
    Files.writeString(folder.resolve("tools.yml"), "name: tools\nfilename: tools.csv\nmatch_type: WILDCARD(pattern)\n"
        + "case_sensitive_match: 'false'\ndefault_match: unknown\nmin_matches: 1\n");
    Files.writeString(folder.resolve("tools_first.yml"), "name: tools_first\nfilename: tools.csv\n"
        + "match_type: WILDCARD(pattern)\ncase_sensitive_match: 'false'\nmax_matches: 1\n");
    Files.writeString(folder.resolve("tools_strict.yml"), "name: tools_strict\nfilename: tools.csv\n"
        + "match_type: WILDCARD(pattern)\ncase_sensitive_match: 'true'\n");
    lookups = LookupTables.load(folder);
  }

  private static List<Row> run(String spl) {
    TstatsBackend none = plan -> {
      throw new AssertionError("no tstats here");
    };
    try {
      return new SearchExecutor(none, Searches.UTC, lookups).execute(SplParser.parse(spl), Searches.ALL_TIME, Searches.ALL_TIME.latest(), spl);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  /** Each row as {@code f=v f=a|b}, in field order; rows separated by "; ". */
  private static String show(List<Row> rows) {
    List<String> shown = new ArrayList<>();
    for (Row row : rows) {
      shown.add(row.fieldNames().stream().map(f -> f + "=" + String.join("|", row.values(f)))
          .collect(Collectors.joining(" ")));
    }
    return String.join("; ", shown);
  }

  private static String field(List<Row> rows, String field) {
    return rows.stream().map(r -> r.has(field) ? String.join("|", r.values(field)) : "-").collect(Collectors.joining(" "));
  }

  // ---- inputlookup (§4.6) ---------------------------------------------------------------------------------

  @Test // one row per table row; empty cells are absent fields
  void inputlookupRows() {
    List<Row> rows = run("| inputlookup procs.csv");
    assertEquals(5, rows.size());
    assertEquals("host=h2 process=notepad.exe pid=14 _time=300", show(rows.subList(4, 5)));
    assertEquals(5, run("| inputlookup procs").size()); // by name as well as by file name
  }

  // ---- stats (§4.2, §4.5) ---------------------------------------------------------------------------------

  @Test
  void statsCountBy() {
    assertEquals("host=h1 count=3; host=h2 count=2", show(run("| inputlookup procs | stats count by host")));
  }

  @Test // every aggregation; earliest/latest by _time; count(f) counts rows that have f
  void statsEveryAggregation() {
    List<Row> rows = run("| inputlookup procs | stats count(user) as users dc(user) as du distinct_count(pid) as dp "
        + "values(user) min(pid) as lo max(pid) as hi sum(pid) as total avg(pid) as mean "
        + "earliest(process) as first latest(process) as last by host");
    assertEquals("host=h1 users=3 du=2 dp=3 values(user)=alice|bob lo=10 hi=12 total=33 mean=11 "
        + "first=cmd.exe /c whoami last=powershell.exe -enc AAA; "
        + "host=h2 users=1 du=1 dp=2 values(user)=alice lo=13 hi=14 total=27 mean=13.5 "
        + "first=notepad.exe last=reg save hklm\\sam", show(rows));
  }

  @Test // a row without the by-field joins no group
  void statsDropsRowsWithoutTheByField() {
    assertEquals("user=alice count=3; user=bob count=1", show(run("| inputlookup procs | stats count by user")));
  }

  @Test // without by: one row even over no rows
  void statsWithoutByOverNoRows() {
    assertEquals("count=0 dc(user)=0", show(run("| inputlookup procs | search host=none | stats count dc(user)")));
  }

  @Test // a multivalue by-field puts the row in one group per value
  void statsByMultivalue() {
    assertEquals("tag=x count=1; tag=y count=1",
        show(run("| inputlookup procs | search pid=10 | eval tag=split(\"x;y\", \";\") | stats count by tag")));
  }

  // ---- dedup (§4.5) ---------------------------------------------------------------------------------------

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "dedup host                        | 10 13",
      "dedup host user                   | 10 12 13",       // the row without user goes
      "dedup host user keepempty=true    | 10 12 13 14",
      "dedup 2 host                      | 10 11 13 14",
      "dedup user consecutive=true       | 10 12 13",       // alice alice bob alice: only the repeat goes
  })
  void dedup(String command, String pids) {
    assertEquals(pids, field(run("| inputlookup procs | " + command), "pid"));
  }

  // ---- lookup (§4.6) --------------------------------------------------------------------------------------

  @Test // WILDCARD(pattern), case-insensitive ("*WHOAMI*" matches "whoami"); two matches → multivalue;
        // no match → default_match (min_matches 1)
  void lookupWildcardCaseInsensitiveDefault() {
    List<Row> rows = run("| inputlookup procs | lookup tools pattern AS process OUTPUT category AS cat");
    assertEquals("discovery discovery execution credential|registry unknown", field(rows, "cat"));
  }

  @Test // max_matches 1: the first matching row in file order; no default: the field stays absent
  void lookupMaxMatchesAndNoDefault() {
    List<Row> rows = run("| inputlookup procs | lookup tools_first pattern AS process OUTPUT category");
    assertEquals("discovery discovery execution credential -", field(rows, "category"));
  }

  @Test // case_sensitive_match true: *WHOAMI* no longer matches "cmd.exe /c whoami"
  void lookupCaseSensitive() {
    List<Row> rows = run("| inputlookup procs | lookup tools_strict pattern AS process OUTPUT category");
    assertEquals("- - execution credential|registry -", field(rows, "category"));
  }

  @Test // OUTPUT replaces an existing field (and clears it on no match); OUTPUTNEW keeps it
  void outputVersusOutputNew() {
    String base = "| inputlookup procs | search pid=10 OR pid=14 | eval category=\"preset\" | ";
    assertEquals("discovery unknown", field(run(base + "lookup tools pattern AS process OUTPUT category"), "category"));
    assertEquals("discovery -", field(run(base + "lookup tools_first pattern AS process OUTPUT category"), "category"));
    List<Row> kept = run(base + "lookup tools pattern AS process OUTPUTNEW category severity");
    assertEquals("preset preset", field(kept, "category"));
    assertEquals("low unknown", field(kept, "severity"));
  }

  @Test // without OUTPUT every column but the input is written
  void lookupWithoutOutputWritesAllColumns() {
    assertEquals("host=h1 user=alice process=cmd.exe /c whoami pid=10 _time=100 category=discovery severity=low",
        show(run("| inputlookup procs | search pid=10 | lookup tools pattern AS process")));
  }

  @Test // the table and its columns are checked before the search runs, with a caret (§4.7)
  void lookupErrors() {
    String spl = "| inputlookup procs | lookup nope a";
    SplException e = assertThrows(SplException.class, () -> run(spl));
    assertEquals("unknown lookup table 'nope'\n" + spl + "\n" + " ".repeat(29) + "^", e.getMessage());

    String columns = "| inputlookup procs | lookup tools name AS process OUTPUT category";
    e = assertThrows(SplException.class, () -> run(columns));
    assertEquals("lookup table 'tools' has no field 'name' (it has pattern, category, severity)", e.reason());
    assertEquals(29, e.position());
  }

  // ---- eval functions (§4.5); one row: s="Hello World", n=7, path=C:\Windows\System32\cmd.exe ----------

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '~', quoteCharacter = '\'', value = {
      "if(n>5, \"big\", \"small\")                     ~ big",
      "if(missing>5, \"big\", \"small\")               ~ small",          // null comparison is not true
      "case(n>10, \"big\", n>5, \"mid\")                ~ mid",
      "if(match(s, \"^H.*d$\"), 1, 0)                  ~ 1",
      "if(match(s, \"^h\"), 1, 0)                      ~ 0",              // regex is case-sensitive
      "if(like(s, \"Hello%\"), 1, 0)                   ~ 1",
      "if(like(s, \"hello%\"), 1, 0)                   ~ 0",              // like is case-sensitive
      "if(like(s, \"H_llo W%\"), 1, 0)                 ~ 1",
      "lower(s)                                        ~ hello world",
      "upper(s)                                        ~ HELLO WORLD",
      "len(s)                                          ~ 11",
      "substr(s, 1, 5)                                 ~ Hello",
      "substr(s, 7)                                    ~ World",
      "substr(s, -5)                                   ~ World",
      "split(s, \" \")                                 ~ Hello|World",
      "mvcount(split(path, \"\\\\\"))                  ~ 4",              // "\\" is one backslash
      "mvindex(split(path, \"\\\\\"), -1)              ~ cmd.exe",
      "mvindex(split(path, \"\\\\\"), 1, 2)            ~ Windows|System32",
      "lower(split(\"A,B\", \",\"))                     ~ a|b",
      "mvjoin(split(\"/../x/..\", \"/..\"), \"+\")          ~ +/x+",           // empty pieces at both ends kept
      "mvcount(split(\"a.*b\", \".*\"))                 ~ 2",              // the delimiter is literal, not a regex
      "mvcount(split(s, \"zz\"))                      ~ 1",
      "mvcount(missing)                                ~ -",
      "if(isnull(missing), 1, 0)                       ~ 1",
      "if(isnotnull(s), 1, 0)                          ~ 1",
      "n * 2 + 1                                       ~ 15",
      "n / 2                                           ~ 3.5",
      "n % 4                                           ~ 3",
      "n - 10                                          ~ -3",
      "-n                                              ~ -7",
      "\"a\" . n . \"b\"                               ~ a7b",
      "s . missing                                     ~ -",              // concatenating null gives null
      "\"x\" + \"y\"                                   ~ xy",
      "\"x\" + 1                                       ~ -",
      "if(n = 7, 1, 0)                                 ~ 1",
      "if(n == 7.0, 1, 0)                              ~ 1",              // numbers compare as numbers
      "if(s == \"hello world\", 1, 0)                  ~ 0",              // strings compare case-sensitively
      "if(n < 10 AND NOT s = \"x\", 1, 0)              ~ 1",
      "if(\"10\" < \"9\", 1, 0)                         ~ 0",              // numeric strings compare as numbers
  })
  void evalFunction(String expression, String expected) {
    assertEquals(expected, field(run("| inputlookup one | eval x = " + expression.strip()), "x"));
  }

  @Test // where keeps rows whose expression is true; NOT LIKE as the copy rule writes it
  void whereWithNotLike() {
    assertEquals("10 11 13 14", field(run("| inputlookup procs | where NOT LIKE(process, \"%powershell%\")"), "pid"));
    assertEquals("12", field(run("| inputlookup procs | where pid > 11 AND len(process) > 20"), "pid"));
  }

  @Test // a table built in memory, for callers without a folder
  void inMemoryTables() throws IOException {
    LookupTables memory = LookupTables.of(LookupTable.plain("t", List.of("a"), List.of(List.of("1"), List.of("2"))));
    List<Row> rows = new SearchExecutor(plan -> List.of(), Searches.UTC, memory)
        .execute(SplParser.parse("| inputlookup t.csv | stats sum(a) as s"), Searches.ALL_TIME, Searches.ALL_TIME.latest(), "");
    assertEquals("s=3", show(rows));
  }
}
