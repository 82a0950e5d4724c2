package dev.vigil.plan;

import static dev.vigil.plan.RandomPatterns.instance;
import static dev.vigil.plan.RandomPatterns.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;

/**
 * A union of patterns matches exactly the values that one of its patterns matches, as a String and as UTF-8
 * bytes, whether its shapes united into one automaton each or fell back to the patterns in turn. The seed is
 * fixed; {@code -Dvigil.seed=S} tries another.
 */
class WildcardUnionTest {
  private static final long SEED = Long.getLong("vigil.seed", 8L);
  /** Letters with case, a backslash, a dot, a space and non-ASCII letters; {@code *} is added apart. */
  private static final String ALPHABET = "aAbBc\\. éÉ";

  @Test
  void agreesWithEachPatternInTurnOnRandomListsAndValues() {
    Random random = new Random(SEED);
    int matched = 0;
    int values = 0;
    for (int list = 0; list < 400; list++) {
      List<WildcardPattern> patterns = new ArrayList<>();
      for (int n = 1 + random.nextInt(8); n > 0; n--) {
        patterns.add(WildcardPattern.compile(pattern(random)));
      }
      WildcardUnion union = WildcardUnion.of(patterns);
      assertEquals(patterns, union, "seed " + SEED + ": the union lists its patterns in order");
      for (int v = 0; v < 50; v++) {
        String source = patterns.get(random.nextInt(patterns.size())).source();
        String value = random.nextBoolean() ? instance(random, source, ALPHABET) : text(random, ALPHABET, 10);
        boolean expected = patterns.stream().anyMatch(p -> p.matches(value));
        String context = "seed " + SEED + ", patterns " + patterns + ", value '" + value + "'";
        assertEquals(expected, union.matches(value), context);
        assertEquals(expected, union.matches(new BytesRef(value)), context + " (bytes)");
        matched += expected ? 1 : 0;
        values++;
      }
    }
    assertTrue(matched > values / 5 && matched < values * 4 / 5, "both outcomes well represented: " + matched);
  }

  /**
   * {@code *literal*} patterns of ASCII run as a literal search over bytes: it agrees with the automata on
   * values of ASCII letters in both cases, other ASCII and multi-byte characters (whose bytes are never ASCII),
   * also when the value's bytes start inside a larger array, as doc values hand them out.
   */
  @Test
  void literalSearchAgreesWithTheAutomataOnRandomValues() {
    Random random = new Random(SEED);
    String asciiAlphabet = "aAbBkK-/ .";
    String valueAlphabet = asciiAlphabet + "éÉ\u212Aſ";
    int matched = 0;
    int values = 0;
    for (int list = 0; list < 300; list++) {
      List<WildcardPattern> patterns = new ArrayList<>();
      for (int n = 1 + random.nextInt(4); n > 0; n--) {
        patterns.add(WildcardPattern.compile("*" + text(random, asciiAlphabet, 4)
            + asciiAlphabet.charAt(random.nextInt(asciiAlphabet.length())) + "*"));
      }
      WildcardUnion union = WildcardUnion.of(patterns);
      assertEquals(1, union.literalSearchCount(), "seed " + SEED + ": " + patterns);
      for (int v = 0; v < 50; v++) {
        String source = patterns.get(random.nextInt(patterns.size())).source();
        String value = random.nextBoolean() ? instance(random, source, valueAlphabet) : text(random, valueAlphabet, 12);
        boolean expected = patterns.stream().anyMatch(p -> p.matches(value));
        byte[] utf8 = value.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] inside = new byte[utf8.length + 6];
        java.util.Arrays.fill(inside, (byte) 'a');
        System.arraycopy(utf8, 0, inside, 3, utf8.length);
        String context = "seed " + SEED + ", patterns " + patterns + ", value '" + value + "'";
        assertEquals(expected, union.matches(new BytesRef(utf8)), context);
        assertEquals(expected, union.matches(new BytesRef(inside, 3, utf8.length)), context + " (offset)");
        matched += expected ? 1 : 0;
        values++;
      }
    }
    assertTrue(matched > values / 5 && matched < values * 4 / 5, "both outcomes well represented: " + matched);
  }

  @Test // ESCU's appcmd.exe rule: Processes.process IN ("*install *", "*module *")
  void asciiLiteralsBetweenStarsRunAsOneLiteralSearch() {
    WildcardUnion union = WildcardUnion.of(List.of(WildcardPattern.compile("*install *"),
        WildcardPattern.compile("*module *"), WildcardPattern.compile("*é*"), WildcardPattern.compile("*a*b*")));
    assertEquals(1, union.literalSearchCount(), "the non-ASCII and the inner-star patterns run as automata");
    assertTrue(union.matches(new BytesRef("appcmd.exe INSTALL MODULE /name:x")));
    assertTrue(union.matches(new BytesRef("appcmd.exe add module /name:x")));
    assertTrue(!union.matches(new BytesRef("appcmd.exe installmodule")));
    assertTrue(union.matches(new BytesRef("cafÉ")));
  }

  @Test
  void patternsOfOneShapeRunAsOneAutomaton() {
    List<WildcardPattern> patterns = new ArrayList<>();
    for (String pattern : List.of("*whoami*", "*net user*", "*\\rclone.exe", "*\\RCLONE64.EXE", "cat /etc/*",
        "cat /proc/*", "id", "*nltest*")) {
      patterns.add(WildcardPattern.compile(pattern));
    }
    WildcardUnion union = WildcardUnion.of(patterns);
    assertEquals(4, union.automataCount(), "shapes *x*, *x, x* and x");
    assertTrue(union.matches("C:\\tools\\Rclone64.exe"));
    assertTrue(union.matches("cmd /c WHOAMI /all"));
    assertTrue(union.matches(new BytesRef("cat /proc/version")));
    assertTrue(!union.matches("ida") && union.matches("ID"));
    assertSame(union, WildcardUnion.of(union), "a union is built once");
  }

  /** Patterns with several inner stars unite into more states than the work limit allows. */
  @Test
  void aShapeTooComplexToUniteFallsBackToItsPatternsAndStillAgrees() {
    Random random = new Random(SEED);
    List<WildcardPattern> patterns = new ArrayList<>();
    for (int n = 0; n < 40; n++) {
      StringBuilder pattern = new StringBuilder("*");
      for (int part = 0; part < 4; part++) {
        pattern.append(Integer.toHexString(random.nextInt(256))).append('*');
      }
      patterns.add(WildcardPattern.compile(pattern.toString()));
    }
    WildcardUnion union = WildcardUnion.of(patterns);
    assertEquals(patterns.size(), union.automataCount(), "seed " + SEED + ": the patterns are tried in turn");
    for (int v = 0; v < 2000; v++) {
      String value = v % 2 == 0 ? instance(random, patterns.get(random.nextInt(patterns.size())).source(), ALPHABET)
          : Long.toHexString(random.nextLong()) + Long.toHexString(random.nextLong());
      boolean expected = patterns.stream().anyMatch(p -> p.matches(value));
      assertEquals(expected, union.matches(new BytesRef(value)), "seed " + SEED + ", value '" + value + "'");
    }
  }

  /** Random text with {@code *} at either end or inside, now and then. */
  private static String pattern(Random random) {
    String core = text(random, ALPHABET, 5) + ALPHABET.charAt(random.nextInt(ALPHABET.length()));
    if (random.nextInt(3) == 0) {
      int at = random.nextInt(core.length());
      core = core.substring(0, at) + "*" + core.substring(at);
    }
    return (random.nextBoolean() ? "*" : "") + core + (random.nextBoolean() ? "*" : "");
  }
}
