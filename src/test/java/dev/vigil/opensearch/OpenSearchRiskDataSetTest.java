package dev.vigil.opensearch;

import dev.vigil.Warnings;
import dev.vigil.query.TstatsBackend;
import dev.vigil.risk.RiskDataSetContract;
import dev.vigil.risk.RiskStore;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** The risk data set contract over an index of an embedded OpenSearch node that follows the risk events file. */
@ExtendWith(EmbeddedOpenSearch.class)
@Timeout(120)
class OpenSearchRiskDataSetTest extends RiskDataSetContract {
  private String index;

  @BeforeEach
  void newIndex() {
    index = EmbeddedOpenSearch.newIndex("risk");
  }

  @Override
  protected RiskStore<?> open(Path indexDir, Path riskFile) throws IOException {
    return RiskStore.open(riskFile, new OpenSearchFileIndex(EmbeddedOpenSearch.cluster(), index, riskFile,
        "risk events file", "risk_event_id", Warnings.UNEXPECTED).open(EmbeddedOpenSearch.shards(), EmbeddedOpenSearch.replicas()), Warnings.UNEXPECTED);
  }

  @Override
  protected TstatsBackend allRisk(RiskStore<?> store) {
    return new OpenSearchRiskTstats(EmbeddedOpenSearch.cluster(), index, "risk_event_id");
  }
}
