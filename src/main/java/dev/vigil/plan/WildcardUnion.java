package dev.vigil.plan;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;
import java.util.function.Predicate;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.automaton.Automata;
import org.apache.lucene.util.automaton.Automaton;
import org.apache.lucene.util.automaton.Operations;
import org.apache.lucene.util.automaton.TooComplexToDeterminizeException;

/**
 * The patterns of one field's alternatives (an {@code IN} list, a subsearch's values), in order, that also
 * match as one: a value matches when any pattern does, and their automata are united and determinized once,
 * when the union is built, so that a value runs through one automaton per shape of pattern however many
 * patterns there are.
 *
 * <p>Patterns of one shape (with or without a leading and a trailing {@code *}) share those stars: {@code *a*}
 * and {@code *b*} unite as {@code *(a|b)*}. United each with its own stars, a union of {@code *x*} patterns
 * determinizes into a state for every combination of the patterns already matched and the progress of the
 * others; with shared stars it stays about the size of the patterns. A shape whose union is too complex to
 * determinize within the work limit falls back to trying its patterns in turn. On UTF-8 bytes, patterns of the
 * shape {@code *literal*} with ASCII literals run as a {@link LiteralSearch} instead: the most common wildcard of
 * ESCU's detections, on the longest values, the command lines.
 */
public final class WildcardUnion extends AbstractList<WildcardPattern> implements RandomAccess {
  private static final int DETERMINIZE_WORK_LIMIT = Operations.DEFAULT_DETERMINIZE_WORK_LIMIT;

  private record Shape(boolean leadingStar, boolean trailingStar) {
    static Shape of(WildcardPattern pattern) {
      return new Shape(pattern.startsWithStar(), pattern.endsWithStar());
    }
  }

  private final List<WildcardPattern> patterns;
  /** One automaton per shape, or a shape's patterns' own when their union is too complex. */
  private final List<PatternAutomaton> automata;
  /** What runs over UTF-8 bytes: per shape, its literal search or its automata. */
  private final List<Predicate<BytesRef>> byteChecks;
  private final int literalSearches;

  private WildcardUnion(List<WildcardPattern> patterns, List<PatternAutomaton> automata,
                        List<Predicate<BytesRef>> byteChecks, int literalSearches) {
    this.patterns = patterns;
    this.automata = automata;
    this.byteChecks = byteChecks;
    this.literalSearches = literalSearches;
  }

  /** The patterns as a union; a union is returned as it is, so that it is built once. */
  public static WildcardUnion of(List<WildcardPattern> patterns) {
    if (patterns instanceof WildcardUnion union) {
      return union;
    }
    List<WildcardPattern> copy = List.copyOf(patterns);
    Map<Shape, List<WildcardPattern>> byShape = new LinkedHashMap<>();
    copy.forEach(pattern -> byShape.computeIfAbsent(Shape.of(pattern), shape -> new ArrayList<>()).add(pattern));
    List<PatternAutomaton> automata = new ArrayList<>();
    List<Predicate<BytesRef>> byteChecks = new ArrayList<>();
    int[] literalSearches = {0};
    byShape.forEach((shape, members) -> {
      List<PatternAutomaton> united = united(shape, members);
      automata.addAll(united);
      List<WildcardPattern> literal = shape.leadingStar() && shape.trailingStar()
          ? members.stream().filter(LiteralSearch::handles).toList() : List.of();
      if (literal.isEmpty()) {
        united.forEach(automaton -> byteChecks.add(automaton::matches));
        return;
      }
      byteChecks.add(LiteralSearch.of(literal.stream().map(WildcardPattern::core).toList())::matches);
      literalSearches[0]++;
      List<WildcardPattern> others = members.stream().filter(pattern -> !literal.contains(pattern)).toList();
      if (!others.isEmpty()) {
        united(shape, others).forEach(automaton -> byteChecks.add(automaton::matches));
      }
    });
    return new WildcardUnion(copy, List.copyOf(automata), List.copyOf(byteChecks), literalSearches[0]);
  }

  private static List<PatternAutomaton> united(Shape shape, List<WildcardPattern> members) {
    List<PatternAutomaton> each = members.stream().map(WildcardPattern::automaton).toList();
    if (each.size() < 2) {
      return each;
    }
    List<Automaton> cores = new ArrayList<>(members.size());
    members.forEach(pattern -> cores.add(WildcardPattern.automatonOf(pattern.core())));
    List<Automaton> parts = new ArrayList<>(3);
    if (shape.leadingStar()) {
      parts.add(Automata.makeAnyString());
    }
    parts.add(Operations.union(cores));
    if (shape.trailingStar()) {
      parts.add(Automata.makeAnyString());
    }
    try {
      Automaton union = Operations.determinize(Operations.concatenate(parts), DETERMINIZE_WORK_LIMIT);
      return List.of(PatternAutomaton.of(union, DETERMINIZE_WORK_LIMIT));
    } catch (TooComplexToDeterminizeException e) {
      return each;
    }
  }

  public boolean matches(String value) {
    for (PatternAutomaton automaton : automata) {
      if (automaton.matches(value)) {
        return true;
      }
    }
    return false;
  }

  public boolean matches(BytesRef utf8) {
    for (Predicate<BytesRef> check : byteChecks) {
      if (check.test(utf8)) {
        return true;
      }
    }
    return false;
  }

  /** How many of the byte checks are literal searches rather than automata. */
  int literalSearchCount() {
    return literalSearches;
  }

  /** How many automata a value runs through: one per shape, or each pattern of a shape too complex to unite. */
  int automataCount() {
    return automata.size();
  }

  @Override
  public WildcardPattern get(int index) {
    return patterns.get(index);
  }

  @Override
  public int size() {
    return patterns.size();
  }
}
