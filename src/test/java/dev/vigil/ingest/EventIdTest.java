package dev.vigil.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EventIdTest {

  @Test
  void reingestingTheSameLinesGivesTheSameIds() {
    List<EventId> first = Ingested.dataset("certutil_exe_certificate_extraction.raw").events().stream()
        .map(EventId::of).toList();
    List<EventId> second = Ingested.dataset("certutil_exe_certificate_extraction.raw").events().stream()
        .map(EventId::of).toList();

    assertEquals(first, second);
    assertEquals(40, new HashSet<>(first).size());
    assertEquals(true, first.get(0).toString().matches("[0-9a-f]{32}"));
    assertEquals(EventId.BYTES, first.get(0).toBytes().length);
  }

  @Test
  void theSplitFileGivesTheSameIdsAsTheMixedOne() {
    Set<EventId> mixed = new HashSet<>();
    Ingested.dataset("certutil_exe_certificate_extraction.raw").events().forEach(e -> mixed.add(EventId.of(e)));

    Ingested.dataset("certutil_sysmon_eid1.xml.log").events()
        .forEach(e -> assertEquals(true, mixed.contains(EventId.of(e))));
  }

  @Test
  void idDependsOnSourcetypeSourceAndRawOnly() {
    ProcessEvent a = new ProcessEvent(1, "src", "st", "raw", Map.of("dest", "x"));

    assertEquals(EventId.of(a), EventId.of(new ProcessEvent(2, "src", "st", "raw", Map.of("dest", "y"))));
    assertNotEquals(EventId.of(a), EventId.of(new ProcessEvent(1, "src2", "st", "raw", Map.of())));
    assertNotEquals(EventId.of(a), EventId.of(new ProcessEvent(1, "src", "st2", "raw", Map.of())));
    assertNotEquals(EventId.of(a), EventId.of(new ProcessEvent(1, "src", "st", "raw2", Map.of())));
    // moving text across the boundary between parts changes the id
    assertNotEquals(EventId.of(new ProcessEvent(1, "ab", "st", "c", Map.of())),
        EventId.of(new ProcessEvent(1, "a", "st", "bc", Map.of())));
  }
}
