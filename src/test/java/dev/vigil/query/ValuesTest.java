package dev.vigil.query;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Text reads as a number exactly as Java reads a double, surrounding whitespace ignored, whichever way
 * {@link Values#parseNumber} takes to it. The seed is fixed; {@code -Dvigil.seed=S} tries another.
 */
class ValuesTest {
  private static final long SEED = Long.getLong("vigil.seed", 3L);
  private static final String ALPHABET = "0123456789-+.eEdfxXNaIiny \t";

  /** The plain definition: what Double.valueOf makes of the trimmed text, null where it refuses it. */
  private static Double asJavaReadsIt(String value) {
    if (value.isBlank()) {
      return null;
    }
    try {
      return Double.valueOf(value.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  @ParameterizedTest(name = "''{0}''")
  @ValueSource(strings = {"0", "-0", "007", "-12", "1715781600", "999999999999999", "9999999999999999",
      "-999999999999999999", " 5 ", "+5", "1e3", "1d", "0x10", ".5", "5.", "NaN", "-Infinity", "abc", "", " ",
      "-", "--1", "1-", "\u20035"})
  void readsAsJavaReadsADouble(String value) {
    assertEquals(asJavaReadsIt(value), Values.parseNumber(value), "'" + value + "'");
  }

  @Test
  void randomTextReadsAsJavaReadsADouble() {
    Random random = new Random(SEED);
    for (int n = 0; n < 50_000; n++) {
      StringBuilder value = new StringBuilder();
      for (int i = random.nextInt(8); i > 0; i--) {
        value.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
      }
      String text = value.toString();
      assertEquals(asJavaReadsIt(text), Values.parseNumber(text), "seed " + SEED + ", '" + text + "'");
    }
  }
}
