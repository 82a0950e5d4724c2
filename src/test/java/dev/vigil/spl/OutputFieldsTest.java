package dev.vigil.spl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What a search's rows can carry, known before it runs: the ground of validate's risk object checks. */
class OutputFieldsTest {
  private static final String TSTATS = "| tstats count min(_time) as firstTime from datamodel=Endpoint.Processes "
      + "by Processes.dest Processes.process | rename Processes.* as * ";

  private static OutputFields of(String pipeline) {
    return OutputFields.of(SplParser.parse(TSTATS + pipeline));
  }

  @Test
  void rexAddsItsNamedGroupsAndEventstatsItsAggregations() {
    OutputFields out = of("| rex field=process \"(?<encoded_arg>-e \\\\S+)\" | eventstats dc(dest) as hosts by process");
    assertEquals(Set.of("dest", "process", "count", "firstTime", "encoded_arg", "hosts"), out.fields());
    assertFalse(out.open());
    assertEquals(Optional.of(false), out.has("user"));
  }

  @Test
  void rowFiltersAddNothingAndCloseNothing() {
    OutputFields out = of("| regex process=\"x\" | rex field=process mode=sed \"s/a/b/g\" | sort - count | head 5");
    assertEquals(Set.of("dest", "process", "count", "firstTime"), out.fields());
    assertFalse(out.open());
  }

  @Test
  void fillnullBinAndTransactionAddTheirFields() {
    OutputFields out = of("| fillnull value=none user | bin firstTime span=1h as hour | transaction dest maxpause=5m");
    assertTrue(out.fields().containsAll(Set.of("user", "hour", "eventcount", "duration")), out.fields().toString());
    assertFalse(out.open());
  }

  @Test
  void joinAddsTheSubsearchFieldsAndIsOpenWhenTheyAreUnknown() {
    OutputFields known = of("| join dest [| tstats count as other from datamodel=Endpoint.Processes by Processes.dest"
        + " Processes.user | rename Processes.* as *]");
    assertTrue(known.fields().containsAll(Set.of("user", "other")), known.fields().toString());
    assertFalse(known.open());
    OutputFields unknown = of("| join dest [| inputlookup some_table]");
    assertTrue(unknown.open());
    assertEquals(Optional.empty(), unknown.has("anything"));
  }
}
