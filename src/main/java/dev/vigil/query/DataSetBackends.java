package dev.vigil.query;

import dev.vigil.plan.DataSet;
import dev.vigil.plan.TstatsPlan;
import java.io.IOException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Runs each plan on the store of its data set: the events, or the risk events. */
public final class DataSetBackends implements TstatsBackend {
  private final Map<DataSet, TstatsBackend> backends;

  public DataSetBackends(Map<DataSet, TstatsBackend> backends) {
    this.backends = new EnumMap<>(backends);
  }

  @Override
  public List<Row> tstats(TstatsPlan plan) throws IOException {
    TstatsBackend backend = backends.get(plan.dataSet());
    if (backend == null) {
      throw new UnsupportedOperationException("no store of " + plan.dataSet().qualifiedName() + " is open here");
    }
    return backend.tstats(plan);
  }
}
