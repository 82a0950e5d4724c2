package dev.vigil.lucene;

import dev.vigil.plan.WildcardPattern;
import dev.vigil.plan.WildcardUnion;
import java.io.IOException;
import dev.vigil.store.EventSchema;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.ConstantScoreScorer;
import org.apache.lucene.search.ConstantScoreWeight;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.TwoPhaseIterator;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.FixedBitSet;
import org.apache.lucene.util.SparseFixedBitSet;

/**
 * {@code field=pattern} with {@code *} wildcards, or any of several such patterns (an {@code IN} list, a
 * subsearch's values), or one of exact values ({@link #exact}) for a field without terms, checked on candidates only: the approximation is every document that has the field,
 * and {@link TwoPhaseIterator#matches()} runs the patterns' one automaton ({@link WildcardUnion}, built with
 * the plan) over the value's doc-values bytes. Inside a conjunction Lucene leads with the cheaper clauses
 * (term lookups, the time range) and confirms this one last. Memory follows the candidates and the matches,
 * not the segment's values: a field of binary doc values has each candidate's value checked; for sorted doc
 * values a segment of few distinct values remembers each one's verdict, and in a larger one each candidate is
 * checked, until there are so many that one pass over the segment's values is cheaper.
 */
final class WildcardDocValuesQuery extends Query {
  /** Up to this many distinct values a segment remembers verdicts, in two bit sets of 8 KiB at most. */
  static final int MAX_REMEMBERED_VALUES = 1 << 16;
  /**
   * Lucene's doc values keep a segment's values in compressed blocks of 64, and a candidate's value costs
   * the decompression of its block: after checking a sixteenth as many candidates as there are values, a
   * pass over all of them, block by block, costs about as much as the checks did.
   */
  static final int CANDIDATES_PER_PASS = 16;

  private final String field;
  private final Predicate<BytesRef> patterns;
  /** What the check is, for equality (Lucene's query cache) and for {@link #toString}. */
  private final Object identity;

  private WildcardDocValuesQuery(String field, Predicate<BytesRef> patterns, Object identity) {
    this.field = Objects.requireNonNull(field);
    this.patterns = patterns;
    this.identity = identity;
  }

  /** @param patterns a plan's {@link WildcardUnion} is used as it is; other lists are united here */
  WildcardDocValuesQuery(String field, List<WildcardPattern> patterns) {
    this(field, WildcardUnion.of(patterns));
  }

  private WildcardDocValuesQuery(String field, WildcardUnion union) {
    this(field, union::matches, union);
  }

  /**
   * {@code field} equals one of {@code values}, ignoring case as the terms of other fields do ({@link
   * EventSchema#normalize}): a set lookup, built in time linear in the values (an automaton of a thousand GUIDs
   * would take a quarter of a second to determinize on every run).
   */
  static WildcardDocValuesQuery exact(String field, Collection<String> values) {
    Set<String> normalized = values.stream().map(EventSchema::normalize).collect(Collectors.toUnmodifiableSet());
    return new WildcardDocValuesQuery(field, utf8 -> normalized.contains(EventSchema.normalize(utf8.utf8ToString())),
        new ExactValues(normalized));
  }

  private record ExactValues(Set<String> values) {
    @Override
    public String toString() {
      return "exact" + new TreeSet<>(values);
    }
  }

  @Override
  public Weight createWeight(IndexSearcher searcher, ScoreMode scoreMode, float boost) {
    return new ConstantScoreWeight(this, boost) {
      @Override
      public Scorer scorer(LeafReaderContext context) throws IOException {
        if (!EventSchema.hasOrdinals(field)) {
          if (context.reader().getFieldInfos().fieldInfo(field) == null) {
            return null;
          }
          return new ConstantScoreScorer(this, score(), scoreMode,
              new BinaryCheck(DocValues.getBinary(context.reader(), field), patterns));
        }
        SortedDocValues values = DocValues.getSorted(context.reader(), field);
        if (values.getValueCount() == 0) {
          return null;
        }
        TwoPhaseIterator check = values.getValueCount() <= MAX_REMEMBERED_VALUES
            ? new RememberingCheck(values, patterns)
            : new CandidateCheck(values, patterns);
        return new ConstantScoreScorer(this, score(), scoreMode, check);
      }

      @Override
      public boolean isCacheable(LeafReaderContext context) {
        return DocValues.isCacheable(context, field);
      }
    };
  }

  /** A field of binary doc values: each candidate's value read and checked, at the cost of reading it. */
  private static final class BinaryCheck extends TwoPhaseIterator {
    private final BinaryDocValues values;
    private final Predicate<BytesRef> patterns;

    BinaryCheck(BinaryDocValues values, Predicate<BytesRef> patterns) {
      super(values);
      this.values = values;
      this.patterns = patterns;
    }

    @Override
    public boolean matches() throws IOException {
      return patterns.test(values.binaryValue());
    }

    @Override
    public float matchCost() {
      return 8f;
    }
  }

  /** The patterns run over the current candidate's value. */
  private abstract static class PatternCheck extends TwoPhaseIterator {
    final SortedDocValues values;
    final Predicate<BytesRef> patterns;

    PatternCheck(SortedDocValues values, Predicate<BytesRef> patterns) {
      super(values);
      this.values = values;
      this.patterns = patterns;
    }

    boolean check(int ordinal) throws IOException {
      return patterns.test(values.lookupOrd(ordinal));
    }

    @Override
    public float matchCost() {
      return 64f;
    }
  }

  /** Each distinct value checked once: its ordinal's verdict is remembered. */
  private static final class RememberingCheck extends PatternCheck {
    private final FixedBitSet checked;
    private final FixedBitSet matched;

    RememberingCheck(SortedDocValues values, Predicate<BytesRef> patterns) {
      super(values, patterns);
      checked = new FixedBitSet(values.getValueCount());
      matched = new FixedBitSet(values.getValueCount());
    }

    @Override
    public boolean matches() throws IOException {
      int ordinal = values.ordValue();
      if (!checked.getAndSet(ordinal) && check(ordinal)) {
        matched.set(ordinal);
      }
      return matched.get(ordinal);
    }
  }

  /**
   * Each candidate's value checked, until {@link #CANDIDATES_PER_PASS} says a pass is cheaper (when nearly
   * every document is a candidate, e.g. when Lucene caches the clause for a whole segment): then every value
   * is checked once, in order, and the matching ordinals kept in a sparse bit set.
   */
  private static final class CandidateCheck extends PatternCheck {
    private int checksBeforePass;
    private SparseFixedBitSet matching;

    CandidateCheck(SortedDocValues values, Predicate<BytesRef> patterns) {
      super(values, patterns);
      checksBeforePass = values.getValueCount() / CANDIDATES_PER_PASS;
    }

    @Override
    public boolean matches() throws IOException {
      int ordinal = values.ordValue();
      if (matching == null && checksBeforePass-- > 0) {
        return check(ordinal);
      }
      if (matching == null) {
        matching = matchingOrdinals();
      }
      return matching.get(ordinal);
    }

    private SparseFixedBitSet matchingOrdinals() throws IOException {
      SparseFixedBitSet matches = new SparseFixedBitSet(values.getValueCount());
      TermsEnum terms = values.termsEnum();
      for (BytesRef value = terms.next(); value != null; value = terms.next()) {
        if (patterns.test(value)) {
          matches.set((int) terms.ord());
        }
      }
      return matches;
    }
  }

  @Override
  public void visit(QueryVisitor visitor) {
    if (visitor.acceptField(field)) {
      visitor.visitLeaf(this);
    }
  }

  @Override
  public String toString(String defaultField) {
    String check = identity instanceof WildcardUnion union
        ? "wildcard(" + union.stream().map(WildcardPattern::toString).collect(Collectors.joining(" OR ")) + ")"
        : identity.toString();
    return field + ":" + check;
  }

  @Override
  public boolean equals(Object other) {
    return sameClassAs(other)
        && field.equals(((WildcardDocValuesQuery) other).field)
        && identity.equals(((WildcardDocValuesQuery) other).identity);
  }

  @Override
  public int hashCode() {
    return Objects.hash(classHash(), field, identity);
  }
}
