package dev.vigil.lucene;

import dev.vigil.Warnings;
import dev.vigil.query.TstatsBackend;
import dev.vigil.risk.RiskDataSetContract;
import dev.vigil.risk.RiskStore;
import dev.vigil.store.RiskIndex;
import java.io.IOException;
import java.nio.file.Path;

/** The risk data set contract over the Lucene risk index beside the events. */
class LuceneRiskDataSetTest extends RiskDataSetContract {
  @Override
  protected RiskStore<?> open(Path indexDir, Path riskFile) throws IOException {
    return RiskStore.open(indexDir, riskFile, Warnings.UNEXPECTED);
  }

  @Override
  protected TstatsBackend allRisk(RiskStore<?> store) {
    return new LuceneRiskTstats((RiskIndex) store.index());
  }
}
