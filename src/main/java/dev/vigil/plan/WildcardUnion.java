package dev.vigil.plan;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;
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
 * determinize within the work limit falls back to trying its patterns in turn.
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

  private WildcardUnion(List<WildcardPattern> patterns, List<PatternAutomaton> automata) {
    this.patterns = patterns;
    this.automata = automata;
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
    byShape.forEach((shape, members) -> automata.addAll(united(shape, members)));
    return new WildcardUnion(copy, List.copyOf(automata));
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
    for (PatternAutomaton automaton : automata) {
      if (automaton.matches(utf8)) {
        return true;
      }
    }
    return false;
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
