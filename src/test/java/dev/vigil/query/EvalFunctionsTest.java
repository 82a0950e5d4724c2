package dev.vigil.query;

import static dev.vigil.query.Rows.field;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vigil.lookup.LookupTables;
import dev.vigil.spl.SplException;
import dev.vigil.spl.SplParser;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The eval functions the ESCU Endpoint.Processes searches use beyond SEMANTICS §4.5 (mvfilter, mvdedup, now,
 * strptime, relative_time in remote_access_software_usage_exceptions) and their siblings. One row:
 * {@code ex="false;true;false;TRUE"}, {@code day="2024-05-01"}, {@code ttl=30}, {@code pad="  x y \t"},
 * {@code url="a%20b+c%2Fd"}; now() is 2024-05-15T14:00:00Z (1715781600); zone UTC.
 */
class EvalFunctionsTest {
  @TempDir
  static Path folder;
  private static LookupTables lookups;

  @BeforeAll
  static void tables() {
    lookups = Rows.tables(folder, "one", "ex,day,ttl,pad,url,n\n"
        + "false;true;false;TRUE,2024-05-01,30,\"  x y \t\",a%20b+c%2Fd,-2.5\n");
  }

  private static String eval(String expression) {
    return field(Rows.run(lookups, "| inputlookup one | eval mv=split(ex, \";\") | eval x = " + expression), "x");
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '~', quoteCharacter = '\'', value = {
      // mvfilter tests each value of its one field; NOT match(…,"false") keeps true and TRUE
      "mvfilter(NOT match(mv, \"false\"))                 ~ true|TRUE",
      "mvfilter(match(mv, \"(?i)^true$\"))                ~ true|TRUE",
      "mvfilter(mv = \"none\")                            ~ -",             // nothing passes: null
      "mvfilter(NOT match(missing, \"false\"))            ~ -",
      "mvdedup(mv)                                      ~ false|true|TRUE",
      "mvdedup(mvfilter(NOT match(mv, \"TRUE\")))         ~ false|true",
      "mvsort(mv)                                       ~ TRUE|false|false|true", // by character code
      "mvappend(mv, \"z\", missing, ttl)                  ~ false|true|false|TRUE|z|30",
      "mvfind(mv, \"^t\")                                 ~ 1",
      "mvfind(mv, \"^q\")                                 ~ -",
      "now()                                            ~ 1715781600",
      "strptime(day, \"%Y-%m-%d\")                        ~ 1714521600",
      "strptime(\"05/15/2024 13:05:09\", \"%m/%d/%Y %H:%M:%S\") ~ 1715778309",
      "strptime(\"not a date\", \"%Y-%m-%d\")              ~ -",
      // the exception end date: the day plus ttl days, as the macro builds it
      "relative_time(strptime(day, \"%Y-%m-%d\"), \"+\" + ttl + \"d\") ~ 1717113600",
      "relative_time(now(), \"-1d@d\")                    ~ 1715644800",
      "relative_time(now(), \"bogus\")                    ~ -",
      "strftime(1715778309, \"%Y-%m-%dT%H:%M:%S\")         ~ 2024-05-15T13:05:09",
      "if(now() >= relative_time(strptime(day, \"%Y-%m-%d\"), \"+\" + ttl + \"d\"), \"TRUE\", \"FALSE\") ~ FALSE",
      "trim(pad)                                        ~ x y",
      "ltrim(pad)                                       ~ 'x y \t'",
      "rtrim(pad)                                       ~ '  x y'",
      "trim(\"xxaxx\", \"x\")                               ~ a",
      "urldecode(url)                                   ~ a b c/d",
      "round(n)                                         ~ -3",             // half away from zero
      "round(2.5)                                       ~ 3",
      "round(3.14159, 2)                                ~ 3.14",
      "floor(n)                                         ~ -3",
      "ceiling(n)                                       ~ -2",
      "ceil(2.1)                                        ~ 3",
      "abs(n)                                           ~ 2.5",
      // a dotted name is a concatenation; a field whose name has a dot goes in single quotes (detect_rtlo_in_process)
      "ttl.day                                          ~ 302024-05-01",
      "ttl.\"d\".ttl                                      ~ 30d30",
  })
  void function(String expression, String expected) {
    assertEquals(expected, eval(expression.strip()));
  }

  @Test // mvfilter must name exactly one field, at load time with a caret
  void mvfilterNamesOneField() {
    String spl = "| inputlookup one | eval x=mvfilter(a = b)";
    SplException e = assertThrows(SplException.class, () -> SplParser.parse(spl));
    assertEquals("mvfilter's expression must name exactly one field, not [a, b] (found 'mvfilter')", e.reason());
    assertEquals(27, e.position());
  }

  @Test // a strptime format with a conversion Vigil cannot parse fails when it runs, pointing at the call
  void strptimeUnsupportedConversion() {
    SplException e = assertThrows(SplException.class, () -> eval("strptime(day, \"%Q\")"));
    assertEquals("strptime format '%Q' uses a conversion Vigil does not support", e.reason());
  }
}
