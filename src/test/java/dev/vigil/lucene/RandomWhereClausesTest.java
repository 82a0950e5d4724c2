package dev.vigil.lucene;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vigil.ingest.ProcessEvent;
import dev.vigil.plan.TstatsPlan;
import dev.vigil.query.RandomTstatsCases;
import dev.vigil.query.ReferenceTstats;
import dev.vigil.query.Row;
import dev.vigil.store.EventIndex;
import java.io.IOException;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Random where clauses, by-fields, spans and windows over random events in randomly flushed and merged
 * segments: the Lucene backend returns exactly the rows of the reference backend. Each seed is in the test's
 * name and in every failure; {@code -Dvigil.seed=S} replays one.
 */
class RandomWhereClausesTest {
  private static final int QUERIES_PER_INDEX = 40;

  static Stream<Long> seeds() {
    return RandomSeeds.fresh(8);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void luceneAndReferenceReturnTheSameRows(long seed) throws IOException {
    Random random = new Random(seed);
    List<ProcessEvent> events = RandomTstatsCases.events(random);
    ReferenceTstats reference = new ReferenceTstats(events);
    try (EventIndex index = LuceneIndexes.randomlySegmented(events, random)) {
      LuceneTstats lucene = new LuceneTstats(index);
      for (int i = 0; i < QUERIES_PER_INDEX; i++) {
        TstatsPlan plan = RandomTstatsCases.plan(random);
        List<Row> expected = reference.tstats(plan);
        assertEquals(expected, lucene.tstats(plan),
            "seed " + seed + " (rerun with -Dvigil.seed=" + seed + "), query " + i + ":\n" + plan.explain());
      }
    }
  }
}
