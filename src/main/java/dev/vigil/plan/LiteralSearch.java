package dev.vigil.plan;

import java.util.Arrays;
import java.util.List;
import org.apache.lucene.util.BytesRef;

/**
 * Whether UTF-8 bytes contain any of some ASCII literals, ignoring ASCII case: what {@code *literal*} patterns
 * ask of a command line, answered by Horspool's search, which skips ahead by up to a literal's length where an
 * automaton reads every byte. Only ASCII letters have case here, as in {@link WildcardPattern}'s automata for an
 * ASCII literal: no other character's case variants are ASCII, and a byte of a multi-byte character is never
 * ASCII, so the two agree.
 */
final class LiteralSearch {
  private static final byte[] FOLD = new byte[256];

  static {
    for (int b = 0; b < 256; b++) {
      FOLD[b] = (byte) (b >= 'A' && b <= 'Z' ? b + ('a' - 'A') : b);
    }
  }

  private final byte[][] literals;
  /** Per literal, how far to move on when the byte under its last position is {@code b}. */
  private final int[][] shifts;

  private LiteralSearch(byte[][] literals) {
    this.literals = literals;
    this.shifts = new int[literals.length][];
    for (int l = 0; l < literals.length; l++) {
      byte[] literal = literals[l];
      int[] shift = new int[256];
      Arrays.fill(shift, literal.length);
      for (int i = 0; i < literal.length - 1; i++) {
        int folded = literal[i] & 0xff;
        shift[folded] = literal.length - 1 - i;
        if (folded >= 'a' && folded <= 'z') {
          shift[folded - ('a' - 'A')] = literal.length - 1 - i;
        }
      }
      shifts[l] = shift;
    }
  }

  /** Whether {@code pattern} is {@code *literal*} (stars either side, none inside) with an ASCII literal. */
  static boolean handles(WildcardPattern pattern) {
    String core = pattern.core();
    return pattern.startsWithStar() && pattern.endsWithStar() && !core.isEmpty()
        && core.chars().allMatch(c -> c < 0x80 && c != '*');
  }

  /** @param literals ASCII, none empty: the cores of patterns it {@link #handles} */
  static LiteralSearch of(List<String> literals) {
    byte[][] folded = new byte[literals.size()][];
    for (int l = 0; l < literals.size(); l++) {
      String literal = literals.get(l);
      folded[l] = new byte[literal.length()];
      for (int i = 0; i < literal.length(); i++) {
        folded[l][i] = FOLD[literal.charAt(i)];
      }
    }
    return new LiteralSearch(folded);
  }

  boolean matches(BytesRef utf8) {
    for (int l = 0; l < literals.length; l++) {
      if (contains(utf8.bytes, utf8.offset, utf8.offset + utf8.length, literals[l], shifts[l])) {
        return true;
      }
    }
    return false;
  }

  private static boolean contains(byte[] text, int from, int to, byte[] literal, int[] shift) {
    int last = literal.length - 1;
    for (int end = from + last; end < to; end += shift[text[end] & 0xff]) {
      int i = last;
      while (FOLD[text[end - last + i] & 0xff] == literal[i]) {
        if (i-- == 0) {
          return true;
        }
      }
    }
    return false;
  }
}
