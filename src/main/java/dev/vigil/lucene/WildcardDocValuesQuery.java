package dev.vigil.lucene;

import dev.vigil.plan.WildcardPattern;
import java.io.IOException;
import java.util.List;
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
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.FixedBitSet;

/**
 * {@code field=pattern} with {@code *} wildcards, or any of several such patterns (an {@code IN} list, a
 * subsearch's values), checked on candidates only: the approximation is every
 * document that has the field, and {@link TwoPhaseIterator#matches()} runs the patterns' automata over the
 * value's doc-values bytes. Inside a conjunction Lucene leads with the cheaper clauses (term lookups, the
 * time range) and confirms this one last, so the index's terms are never enumerated. Each distinct value
 * of a segment is checked once: its ordinal's verdict is remembered.
 */
final class WildcardDocValuesQuery extends Query {
  private final String field;
  private final List<WildcardPattern> patterns;

  WildcardDocValuesQuery(String field, List<WildcardPattern> patterns) {
    this.field = Objects.requireNonNull(field);
    this.patterns = List.copyOf(patterns);
  }

  @Override
  public Weight createWeight(IndexSearcher searcher, ScoreMode scoreMode, float boost) {
    return new ConstantScoreWeight(this, boost) {
      @Override
      public Scorer scorer(LeafReaderContext context) throws IOException {
        SortedDocValues values = DocValues.getSorted(context.reader(), field);
        int ordinals = values.getValueCount();
        FixedBitSet checked = new FixedBitSet(Math.max(1, ordinals));
        FixedBitSet matched = new FixedBitSet(Math.max(1, ordinals));
        TwoPhaseIterator twoPhase = new TwoPhaseIterator(values) {
          @Override
          public boolean matches() throws IOException {
            int ord = values.ordValue();
            if (!checked.getAndSet(ord)) {
              BytesRef value = values.lookupOrd(ord);
              if (patterns.stream().anyMatch(p -> p.matches(value))) {
                matched.set(ord);
              }
            }
            return matched.get(ord);
          }

          @Override
          public float matchCost() {
            return 64f;
          }
        };
        return new ConstantScoreScorer(this, score(), scoreMode, twoPhase);
      }

      @Override
      public boolean isCacheable(LeafReaderContext context) {
        return DocValues.isCacheable(context, field);
      }
    };
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
