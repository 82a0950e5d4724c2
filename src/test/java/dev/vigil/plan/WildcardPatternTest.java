package dev.vigil.plan;

import static dev.vigil.plan.RandomPatterns.instance;
import static dev.vigil.plan.RandomPatterns.text;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.regex.Pattern;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** SPL value patterns (SEMANTICS §4.3): {@code *} any run (also none), case-insensitive, all else literal. */
class WildcardPatternTest {

  @ParameterizedTest(name = "[{index}] ''{0}'' vs ''{1}'' -> {2}")
  @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
      "*            | ''                    | true",  // * matches the empty string
      "**           | ''                    | true",
      "''           | ''                    | true",
      "''           | a                     | false",
      "a*b          | ab                    | true",  // * matches none between
      "a*b          | aXYZb                 | true",
      "a*b          | abc                   | false", // anchored at both ends
      "*x           | x                     | true",
      "x*           | x                     | true",
      "*x*          | yyy                   | false",
      "APPCMD.EXE   | appcmd.exe            | true",  // case-insensitive both ways
      "appcmd.exe   | AppCmd.EXE            | true",
      "a.c          | abc                   | false", // . is literal
      "a?c          | abc                   | false", // ? is literal, not a one-character wildcard
      "a?c          | a?c                   | true",
      "[ab]         | a                     | false", // brackets are literal
      "[ab]         | [AB]                  | true",
      "*\\appdata\\*| C:\\Users\\x\\AppData\\Local\\t.exe | true", // backslash literal
      "*\\appdata\\*| C:/Users/x/AppData/Local | false",
      "*\\sam *     | reg save hklm\\sam sam.save | true",
      "*\\sam *     | reg save hklm\\sam     | false",   // the trailing space is part of the pattern
      "*\\*         | C:\\                   | true",
      "\\*          | \\anything             | true",   // \ does not escape *
      "\\*          | *                      | false",
      "é*           | École                  | true",   // non-ASCII letters ignore case too
      "*install *   | appcmd install module  | true",
      "*install *   | appcmd /install:x     | false",
  })
  void matches(String pattern, String value, boolean expected) {
    WildcardPattern p = WildcardPattern.compile(pattern);
    assertEquals(expected, p.matches(value), "String");
    assertEquals(expected, p.matches(new BytesRef(value)), "UTF-8 bytes"); // the doc-values path agrees
  }

  @ParameterizedTest(name = "''{0}'' matchesAnything={1}")
  @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {"* | true", "*** | true", "'' | false", "a* | false",
      "*a* | false"})
  void matchesAnything(String pattern, boolean expected) {
    assertEquals(expected, WildcardPattern.compile(pattern).matchesAnything());
  }

  @Test // patterns that differ only in case are equal (they match the same values)
  void equalityIgnoresCase() {
    assertEquals(WildcardPattern.compile("*AppCmd*"), WildcardPattern.compile("*appcmd*"));
    assertEquals(WildcardPattern.compile("*AppCmd*").hashCode(), WildcardPattern.compile("*appcmd*").hashCode());
  }

  // ---- property: agrees with a reference regex --------------------------------------------------------

  private static final String ALPHABET = "aAbB*?\\. éÉ-";

  /** The reference: every non-* run quoted literally, * as .*, case-insensitive (Unicode), . matches all. */
  private static boolean reference(String pattern, String value) {
    String regex = Arrays.stream(pattern.split("\\*", -1)).map(Pattern::quote).collect(Collectors.joining(".*"));
    return Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL)
        .matcher(value).matches();
  }

  @Test
  void agreesWithAReferenceRegexOnRandomInputs() {
    long seed = Long.getLong("vigil.seed", System.nanoTime());
    System.out.println("WildcardPatternTest seed: " + seed + " (rerun with -Dvigil.seed=" + seed + ")");
    Random random = new Random(seed);
    int matched = 0;
    for (int n = 0; n < 20_000; n++) {
      String pattern = text(random, ALPHABET, 8);
      // half the values are instances of the pattern (case flipped, * filled in), so both outcomes occur often
      String value = random.nextBoolean() ? instance(random, pattern, ALPHABET) : text(random, ALPHABET, 10);
      boolean expected = reference(pattern, value);
      WildcardPattern p = WildcardPattern.compile(pattern);
      String context = "seed " + seed + ", pattern '" + pattern + "', value '" + value + "'";
      assertEquals(expected, p.matches(value), context);
      assertEquals(expected, p.matches(new BytesRef(value)), context + " (bytes)");
      matched += expected ? 1 : 0;
    }
    assertEquals(true, matched > 5_000 && matched < 15_000, "both outcomes well represented: " + matched);
  }
}
