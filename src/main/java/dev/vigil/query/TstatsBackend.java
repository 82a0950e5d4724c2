package dev.vigil.query;

import dev.vigil.plan.TstatsPlan;
import java.io.IOException;
import java.util.List;

/**
 * A store that runs tstats plans. It finds the events of the plan's filter (its time range included) and
 * feeds each one's values of {@link TstatsPlan#eventFields()} to a {@link TstatsGroups}, whose rows it
 * returns: the aggregation semantics are the same whatever the store.
 */
public interface TstatsBackend {
  List<Row> tstats(TstatsPlan plan) throws IOException;
}
