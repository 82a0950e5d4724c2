package dev.vigil.query;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vigil.spl.SearchExpr;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Free-text terms match whole tokens of {@code _raw} in any case, {@code *} within a token (docs/search.md). */
class FreeTextTest {
  private static final String RAW = "<Data Name='CommandLine'>\"C:\\Windows\\system32\\certutil.exe\" -p password1234"
      + " .\\powershellcert.pfx</Data><Data Name='User'>ATTACKRANGE\\Administrator</Data>";

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource({
      "certutil, true", "CERTUTIL, true", "certutil.exe, true", "ertutil, false", "certuti, false",
      "exe, true", "administrator, true", "attackrange\\administrator, true", "password, false",
      "password1234, true", "*1234, true", "pass*, true", "*shellcert*, true", "*.pfx, true", "c*l.exe, true",
      "\"-p password1234\", true", "\"password1234 -p\", false", "Data, true", "*zzz*, false"})
  void aTermIsFoundAsWholeTokens(String term, boolean found) {
    assertEquals(found, FreeText.matcher(term.replace("\"", "")).test(RAW));
  }

  // Reference: a term of letters and digits matches when it is one of the text's maximal runs of them.
  @Test
  void aWordTermMatchesExactlyTheRunsOfLettersAndDigits() {
    Random random = new Random(11);
    char[] alphabet = "abAB1. -\\\"=".toCharArray();
    char[] word = "abAB1".toCharArray();
    for (int trial = 0; trial < 5000; trial++) {
      String text = randomText(random, alphabet, random.nextInt(25));
      String term = randomText(random, word, 1 + random.nextInt(3));
      Set<String> runs = Arrays.stream(text.toLowerCase(Locale.ROOT).split("[^a-z0-9]+")).collect(Collectors.toSet());
      assertEquals(runs.contains(term.toLowerCase(Locale.ROOT)), FreeText.matcher(term).test(text),
          "'" + term + "' in '" + text + "'");
    }
  }

  @Test
  void aRowWithoutRawIsSearchedInEveryField() {
    Row result = new Row().put("dest", "web-01").put("count", "3");
    assertEquals(true, FreeText.rows(new SearchExpr.Term("web")).test(result));
    assertEquals(false, FreeText.rows(new SearchExpr.Term("we")).test(result));
    Row event = new Row().put("_raw", "cmd.exe /c whoami").put("dest", "web-01");
    assertEquals(false, FreeText.rows(new SearchExpr.Term("web")).test(event), "an event is searched in _raw only");
  }

  private static String randomText(Random random, char[] alphabet, int length) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < length; i++) {
      text.append(alphabet[random.nextInt(alphabet.length)]);
    }
    return text.toString();
  }
}
