package dev.vigil.plan;

import java.util.Random;

/** Random text and values that a pattern matches, for the pattern property tests. */
final class RandomPatterns {
  private RandomPatterns() {}

  /** Up to {@code maxLength} characters of the alphabet. */
  static String text(Random random, String alphabet, int maxLength) {
    StringBuilder s = new StringBuilder();
    for (int i = random.nextInt(maxLength + 1); i > 0; i--) {
      s.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return s.toString();
  }

  /** A value the pattern matches: case flipped at random, each {@code *} filled with random text. */
  static String instance(Random random, String pattern, String alphabet) {
    StringBuilder s = new StringBuilder();
    for (char c : pattern.toCharArray()) {
      if (c == '*') {
        s.append(text(random, alphabet, 3));
      } else {
        s.append(random.nextBoolean() ? Character.toUpperCase(c) : Character.toLowerCase(c));
      }
    }
    return s.toString();
  }
}
