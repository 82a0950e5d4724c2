package dev.vigil.plan;

import java.util.List;

/**
 * A test on a group's by-values that the search applies to the group's row after tstats anyway: the filters
 * that follow tstats and read only by-fields (SEMANTICS §4.5). A backend may drop a group's events as soon as
 * the by-values the test reads are known, before anything is aggregated; the rows of the search are the same
 * whether it does or not, since the filters run on the rows again.
 */
public interface GroupCondition {
  /** Keeps every group: nothing after tstats filters on by-fields alone. */
  GroupCondition ALL = new GroupCondition() {
    @Override
    public List<Integer> byFields() {
      return List.of();
    }

    @Override
    public boolean test(String[] byValues) {
      return true;
    }
  };

  /** The positions, in {@link TstatsPlan#groupBy()}, of the by-fields the test reads. */
  List<Integer> byFields();

  /**
   * Whether the group goes on to the rest of the search.
   *
   * @param byValues a group's by-values in {@link TstatsPlan#groupBy()} order, as its row will hold them (null
   *     fields filled, {@code _time} bucketed); only the positions of {@link #byFields()} are read
   */
  boolean test(String[] byValues);
}
