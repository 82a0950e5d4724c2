package dev.vigil.lucene;

import dev.vigil.plan.WildcardPattern;
import dev.vigil.plan.WildcardUnion;
import java.io.IOException;
import java.util.Objects;
import java.util.stream.Collectors;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.search.ConstantScoreScorer;
import org.apache.lucene.search.ConstantScoreWeight;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.TwoPhaseIterator;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.FixedBitSet;

/**
 * {@code field=pattern} with {@code *} wildcards, or any of several such patterns (an {@code IN} list, a
 * subsearch's values), checked on candidates only: the approximation is every document that has the field,
 * and {@link TwoPhaseIterator#matches()} runs the patterns' one automaton ({@link WildcardUnion}, built with
 * the plan) over the value's doc-values bytes. Inside a conjunction Lucene leads with the cheaper clauses
 * (term lookups, the time range) and confirms this one last, so the index's terms are never enumerated. A
 * segment of few distinct values remembers each one's verdict; in a larger one each candidate is checked,
 * so that memory follows the candidates, not the segment's values.
 */
final class WildcardDocValuesQuery extends Query {
  /** Up to this many distinct values a segment remembers verdicts, in two bit sets of 8 KiB at most. */
  static final int MAX_REMEMBERED_VALUES = 1 << 16;

  private final String field;
  private final WildcardUnion patterns;

  WildcardDocValuesQuery(String field, WildcardUnion patterns) {
    this.field = Objects.requireNonNull(field);
    this.patterns = Objects.requireNonNull(patterns);
  }

  @Override
  public Weight createWeight(IndexSearcher searcher, ScoreMode scoreMode, float boost) {
    return new ConstantScoreWeight(this, boost) {
      @Override
      public Scorer scorer(LeafReaderContext context) throws IOException {
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

  /** Each candidate's value run through the automaton. */
  private static class CandidateCheck extends TwoPhaseIterator {
    final SortedDocValues values;
    private final WildcardUnion patterns;

    CandidateCheck(SortedDocValues values, WildcardUnion patterns) {
      super(values);
      this.values = values;
      this.patterns = patterns;
    }

    @Override
    public boolean matches() throws IOException {
      return check(values.ordValue());
    }

    boolean check(int ordinal) throws IOException {
      return patterns.matches(values.lookupOrd(ordinal));
    }

    @Override
    public float matchCost() {
      return 64f;
    }
  }

  /** As {@link CandidateCheck}, each distinct value checked once: its ordinal's verdict is remembered. */
  private static final class RememberingCheck extends CandidateCheck {
    private final FixedBitSet checked;
    private final FixedBitSet matched;

    RememberingCheck(SortedDocValues values, WildcardUnion patterns) {
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

  @Override
  public void visit(QueryVisitor visitor) {
    if (visitor.acceptField(field)) {
      visitor.visitLeaf(this);
    }
  }

  @Override
  public String toString(String defaultField) {
    return field + ":wildcard(" + patterns.stream().map(WildcardPattern::toString).collect(Collectors.joining(" OR ")) + ")";
  }

  @Override
  public boolean equals(Object other) {
    return sameClassAs(other)
        && field.equals(((WildcardDocValuesQuery) other).field)
        && patterns.equals(((WildcardDocValuesQuery) other).patterns);
  }

  @Override
  public int hashCode() {
    return Objects.hash(classHash(), field, patterns);
  }
}
