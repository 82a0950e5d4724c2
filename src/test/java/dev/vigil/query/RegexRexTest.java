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

/**
 * regex and rex over hand-written rows, in the forms ESCU writes them. The regular expressions are read as
 * SPL reads a quoted argument: {@code \\} is one backslash, {@code \"} a quote.
 */
class RegexRexTest {
  @TempDir
  static Path folder;
  private static LookupTables lookups;

  @BeforeAll
  static void tables() {
    lookups = Rows.tables(folder,
        "procs", "pid,process\n"
            + "1,C:\\Windows\\System32\\rundll32.exe\n"      // no arguments: the ESCU rules' hit
            + "2,\"\"\"C:\\Windows\\System32\\RUNDLL32.EXE\"\"\"\n" // quoted, upper case: {0,4} covers the quote
            + "3,rundll32.exe shell32.dll,Control_RunDLL\n"  // near miss: has arguments
            + "4,notepad.exe\n"
            + "5,\"invoice\u202Etxt.exe\"\n"                   // right-to-left override inside
            + "6,iptables -A INPUT --dport 636 -j ACCEPT --dport 8443\n"
            + "7,base64 -d payload | sh\n"
            + "8,base64 --decode payload\n"
            + "9,base64 payload\n",                          // near miss: encodes
        "paths", "p\nC:\\Users\\bob\\Desktop\\notes.ISO\\setup.exe\n");
  }

  private static List<Row> run(String spl) {
    return Rows.run(lookups, spl);
  }

  // ---- regex -----------------------------------------------------------------------------------------------

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '~', quoteCharacter = '\'', value = {
      // the *_no_command_line_arguments rules: the program name then at most 4 characters to the end
      "regex process=\"(?i)(rundll32\\.exe.{0,4}$)\"       ~ 1 2",
      // without (?i) the match is case-sensitive, as in PCRE
      "regex process=\"(rundll32\\.exe.{0,4}$)\"           ~ 1",
      // != keeps the rows that do not match
      "regex process!=\"(?i)rundll32\"                     ~ 4 5 6 7 8 9",
      // PCRE's \\x{hhhh} (written \\\\x{202E} in SPL) is a code point
      "regex process=\"\\\\x{202E}\"                        ~ 5",
      // unanchored: a match anywhere keeps the row
      "regex process=\"dport\"                             ~ 6",
      // a field that no row has: = keeps none, != keeps all
      "regex missing=\"x\"                                 ~ ''",
  })
  void regexKeepsMatchingRows(String command, String pids) {
    assertEquals(pids, field(run("| inputlookup procs | " + command.strip()), "pid"));
  }

  @Test // a row without the field is kept by != (it does not match), dropped by =
  void regexNotEqualKeepsRowsWithoutTheField() {
    assertEquals(9, run("| inputlookup procs | regex missing!=\"x\"").size());
  }

  // ---- rex -------------------------------------------------------------------------------------------------

  @Test // linux_decode_base64_to_shell: a named group becomes a field; rows without a match get none
  void rexExtractsNamedGroups() {
    List<Row> rows = run("| inputlookup procs | rex field=process \"base64\\s+(?<decode_flag>-{1,2}d\\w*)\" "
        + "| where isnotnull(decode_flag)");
    assertEquals("pid=7 process=base64 -d payload | sh decode_flag=-d; "
        + "pid=8 process=base64 --decode payload decode_flag=--decode", show(rows));
  }

  @Test // detect_rtlo_in_process: group names with '_' and digits, which Java alone refuses
  void rexGroupNamesWithUnderscoresAndDigits() {
    List<Row> rows = run("| inputlookup procs | regex process=\"\\\\x{202E}\" "
        + "| rex field=process \"(?<RTLO_command_1>.+)(?<RTLO_exist_process>\\\\x{202E})(?<RTLO_command_2>.+)\" "
        + "| eval process=RTLO_command_1 . RTLO_command_2 | fields - RTLO* | table process");
    assertEquals("process=invoicetxt.exe", show(rows));
  }

  @Test // suspicious_process_executed_from_container_file: \\\\ in SPL is \\ in the regex, a literal backslash
  void rexWithEscapedBackslashes() {
    List<Row> rows = run("| inputlookup paths | rex field=p "
        + "\"(?i).+\\\\\\\\(?<file_name>[^\\\\\\]+\\.(ZIP|ISO))\\\\\\\\((.+\\\\\\\\)+)?(?<process_name>.+\\.(EXE|BAT))\\\"?$\"");
    assertEquals("notes.ISO setup.exe", field(rows, "file_name") + " " + field(rows, "process_name"));
  }

  @Test // max_match=0: every match, a multivalue field; the default (1) takes the first match only
  void rexMaxMatch() {
    String extract = "| inputlookup procs | search pid=6 | rex field=process %s\"--dport (?<port>\\d+)\"";
    assertEquals("636", field(run(extract.formatted("")), "port"));
    assertEquals("636|8443", field(run(extract.formatted("max_match=0 ")), "port"));
    assertEquals("636", field(run(extract.formatted("max_match=1 ")), "port"));
  }

  @Test // a non-matching rex leaves an existing field as it is
  void rexWithoutMatchKeepsTheField() {
    assertEquals("kept", field(run("| inputlookup procs | search pid=4 | eval port=\"kept\" "
        + "| rex field=process \"--dport (?<port>\\d+)\""), "port"));
  }

  @Test // mode=sed: s///g replaces every match with \\1 groups, s/// the first, y/// per character
  void rexSed() {
    String base = "| inputlookup procs | search pid=6 | rex field=process mode=sed ";
    assertEquals("iptables -A INPUT --dport=636 -j ACCEPT --dport=8443",
        field(run(base + "\"s/(--dport) /\\1=/g\""), "process"));
    assertEquals("iptables -A INPUT --port 636 -j ACCEPT --dport 8443", field(run(base + "\"s/dport/port/\""), "process"));
    assertEquals("iptables -A INPUT --dport 636 -j ACCEPT --port 8443", field(run(base + "\"s/dport/port/2\""), "process"));
    assertEquals("IPtAbles -A INPUT --dPort 636 -j ACCEPT --dPort 8443", field(run(base + "\"y/ipa/IPA/\""), "process"));
  }

  // ---- load-time errors with a caret (SEMANTICS §4.7) ----------------------------------------------------

  @ParameterizedTest(name = "{1}")
  @CsvSource(delimiterString = " ~ ", quoteCharacter = '\'', value = {
      "| inputlookup t | regex process=\"(unclosed\" ~ invalid regular expression: Unclosed group (found '\"(unclosed\"') ~ 32",
      "| inputlookup t | regex \"abc\" ~ regex without a field reads _raw, which result rows do not have: write regex field=\"…\" (found '\"abc\"') ~ 24",
      "| inputlookup t | rex \"(?<a>x)\" ~ rex without field= reads _raw, which result rows do not have: write rex field=f \"…\" (found '\"(?<a>x)\"') ~ 22",
      "| inputlookup t | rex field=p \"abc\" ~ rex extracts named groups: the expression has no (?<field>…) (found '\"abc\"') ~ 30",
      "| inputlookup t | rex field=p \"(?<a>[x)\" ~ invalid regular expression: Unclosed character class (found '\"(?<a>[x)\"') ~ 30",
      "| inputlookup t | rex field=p offset_field=o \"(?<a>x)\" ~ unsupported rex option 'offset_field' (found 'offset_field') ~ 30",
      "| inputlookup t | rex field=p max_match=all \"(?<a>x)\" ~ max_match takes a whole number (found 'all') ~ 40",
      "| inputlookup t | rex field=p mode=sed \"s/a/b/x\" ~ unsupported sed flags 'x': use g or a number (found '\"s/a/b/x\"') ~ 39",
      "| inputlookup t | rex field=p mode=sed \"y/ab/c/\" ~ y/from/to/ needs as many characters in 'to' as in 'from' (found '\"y/ab/c/\"') ~ 39",
      "| inputlookup t | rex field=p mode=sed \"q/a/b/\" ~ a sed expression is s/regex/replacement/flags or y/from/to/ (found '\"q/a/b/\"') ~ 39",
  })
  void errors(String spl, String reason, int column0) {
    SplException e = assertThrows(SplException.class, () -> SplParser.parse(spl));
    assertEquals(reason, e.reason());
    assertEquals(column0, e.position());
    assertEquals(reason + "\n" + spl + "\n" + " ".repeat(column0) + "^", e.getMessage());
  }

  @ParameterizedTest(name = "{0}") // eval's regular expressions are compiled when the search loads, not per row
  @CsvSource(delimiterString = " ~ ", value = {
      "| inputlookup procs | where match(p, \"(unclosed\") ~ invalid regular expression in match: Unclosed group ~ 28",
      "| inputlookup procs | eval q = replace(p, \"[x\", \"y\") ~ invalid regular expression in replace: Unclosed character class ~ 31",
      "| inputlookup procs | eval q = if(isnull(p), 1, mvfind(p, \"a{2\")) ~ invalid regular expression in mvfind: Unclosed counted closure ~ 48",
  })
  void invalidEvalRegexIsALoadTimeError(String spl, String reason, int column0) {
    SearchExecutor executor = new SearchExecutor(plan -> List.of(), Searches.UTC, lookups);
    SplException e = assertThrows(SplException.class, () -> executor.prepare(SplParser.parse(spl), spl));
    assertEquals(reason, e.reason());
    assertEquals(column0, e.position());
  }
}
