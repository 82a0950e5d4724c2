package dev.vigil.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.automaton.Automata;
import org.apache.lucene.util.automaton.Automaton;
import org.apache.lucene.util.automaton.Operations;

/**
 * An SPL value pattern: {@code *} matches any run of characters, also none; every other character, the
 * backslash included, is literal; matching ignores case (SEMANTICS §4.3). Compiled once into automata that
 * run over a String or directly over UTF-8 bytes from doc values, so checking a candidate allocates nothing.
 * Several patterns of one field match as one automaton: {@link WildcardUnion}.
 */
public final class WildcardPattern {
  private final String pattern;
  private final PatternAutomaton automaton;

  private WildcardPattern(String pattern, PatternAutomaton automaton) {
    this.pattern = pattern;
    this.automaton = automaton;
  }

  public static boolean hasWildcard(String value) {
    return value.indexOf('*') >= 0;
  }

  public static WildcardPattern compile(String pattern) {
    int limit = Operations.DEFAULT_DETERMINIZE_WORK_LIMIT;
    return new WildcardPattern(pattern, PatternAutomaton.of(Operations.determinize(automatonOf(pattern), limit), limit));
  }

  /** A nondeterministic automaton of the pattern. */
  static Automaton automatonOf(String pattern) {
    List<Automaton> parts = new ArrayList<>();
    for (int i = 0; i < pattern.length(); ) {
      int codePoint = pattern.codePointAt(i);
      parts.add(codePoint == '*' ? Automata.makeAnyString() : anyCase(codePoint));
      i += Character.charCount(codePoint);
    }
    return parts.isEmpty() ? Automata.makeEmptyString() : Operations.concatenate(parts);
  }

  boolean startsWithStar() {
    return pattern.startsWith("*");
  }

  boolean endsWithStar() {
    return pattern.endsWith("*");
  }

  /** The pattern without its leading and trailing {@code *}s. */
  String core() {
    int start = 0;
    int end = pattern.length();
    while (start < end && pattern.charAt(start) == '*') {
      start++;
    }
    while (end > start && pattern.charAt(end - 1) == '*') {
      end--;
    }
    return pattern.substring(start, end);
  }

  private static Automaton anyCase(int codePoint) {
    int lower = Character.toLowerCase(codePoint);
    int upper = Character.toUpperCase(codePoint);
    int title = Character.toTitleCase(codePoint);
    List<Automaton> variants = new ArrayList<>(3);
    variants.add(Automata.makeChar(codePoint));
    for (int variant : new int[] {lower, upper, title}) {
      if (variant != codePoint) {
        variants.add(Automata.makeChar(variant));
      }
    }
    return variants.size() == 1 ? variants.get(0) : Operations.union(variants);
  }

  public boolean matches(String value) {
    return automaton.matches(value);
  }

  public boolean matches(BytesRef utf8) {
    return automaton.matches(utf8);
  }

  PatternAutomaton automaton() {
    return automaton;
  }

  /** The pattern's deterministic automaton, matching without regard to case: for a Lucene query over terms. */
  public Automaton deterministic() {
    return automaton.automaton();
  }

  /** The pattern as written. */
  public String source() {
    return pattern;
  }

  /** True when the whole pattern is {@code *}, i.e. it matches any present value. */
  public boolean matchesAnything() {
    return !pattern.isEmpty() && pattern.chars().allMatch(c -> c == '*');
  }

  @Override
  public String toString() {
    return pattern;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof WildcardPattern other && pattern.toLowerCase(Locale.ROOT).equals(other.pattern.toLowerCase(Locale.ROOT));
  }

  @Override
  public int hashCode() {
    return pattern.toLowerCase(Locale.ROOT).hashCode();
  }
}
