package dev.vigil.risk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.plan.DataSet;
import dev.vigil.plan.Filter;
import dev.vigil.plan.PlanCompiler;
import dev.vigil.plan.TstatsPlan;
import dev.vigil.query.DataSetBackends;
import dev.vigil.query.Row;
import dev.vigil.query.SearchExecutor;
import dev.vigil.query.TstatsBackend;
import dev.vigil.query.TstatsGroups;
import dev.vigil.spl.Command;
import dev.vigil.spl.SplParser;
import dev.vigil.time.Window;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The risk events as {@code Risk.All_Risk} (docs/rba.md, "The Risk data model"), for every store of them: its
 * tstats against a plain reference over the same events, ESCU-shaped correlation searches against sums
 * computed by hand, and the index kept in step with the risk events file.
 */
public abstract class RiskDataSetContract {
  private static final Instant HOUR = Instant.parse("2024-05-15T13:00:00Z");
  private static final Window WINDOW = new Window(HOUR.minusSeconds(3600), HOUR);
  private static final List<String> STORIES = List.of("Living Off The Land", "Active Directory Lateral Movement",
      "Windows Post-Exploitation", "Ransomware");
  private static final List<String> TECHNIQUES = List.of("T1105", "T1059.001", "T1003", "T1218.011", "T1021");
  private static final List<String> RULES = List.of("Certutil Download", "Rundll32 Control Panel", "Net Localgroup",
      "Powershell Encoded", "Wmic Remote");
  private static final List<String> OBJECTS = List.of("WIN-DC-01", "win-dc-01", "LAPTOP-7", "alice", "Bob");

  @TempDir
  Path temp;
  private Path indexDir;
  private Path riskFile;

  @BeforeEach
  void paths() {
    indexDir = temp.resolve("index");
    riskFile = indexDir.resolve("risk").resolve("risk-events.ndjson");
  }

  @Test
  void randomSearchesGiveTheReferenceRows() throws IOException {
    Random random = new Random(20261203);
    List<RiskEvent> events = randomEvents(random, 400);
    try (RiskStore<?> store = open(indexDir, riskFile)) {
      store.append(events);
      TstatsBackend backend = allRisk(store);
      Reference reference = new Reference(events);
      for (int i = 0; i < 300; i++) {
        String spl = randomSearch(random);
        TstatsPlan plan = PlanCompiler.compile((Command.Tstats) SplParser.parse(spl).first()).within(WINDOW);
        assertEquals(reference.tstats(plan), backend.tstats(plan), spl);
      }
    }
  }

  @Test
  void correlationSearchRowsAreTheSumsOfTheRiskEvents() throws IOException {
    Random random = new Random(7);
    List<RiskEvent> events = randomEvents(random, 300);
    String spl = "| tstats min(_time) as firstTime max(_time) as lastTime sum(All_Risk.calculated_risk_score) as "
        + "risk_score, count(All_Risk.calculated_risk_score) as risk_event_count, "
        + "values(All_Risk.annotations.mitre_attack.mitre_technique_id) as annotations.mitre_attack.mitre_technique_id, "
        + "dc(All_Risk.annotations.mitre_attack.mitre_technique_id) as mitre_technique_id_count, values(source) as "
        + "source, dc(source) as source_count from datamodel=Risk.All_Risk where All_Risk.analyticstories=\"living off "
        + "the land\" All_Risk.risk_object_type=\"system\" by All_Risk.risk_object All_Risk.risk_object_type "
        + "| rename \"All_Risk.*\" as * | where source_count >= 2";
    List<Row> rows;
    try (RiskStore<?> store = open(indexDir, riskFile)) {
      store.append(events);
      rows = executor(store).execute(SplParser.parse(spl), WINDOW, HOUR, spl);
    }
    // By hand: the events of the story on systems in the window, per risk object as written (case kept).
    Map<String, List<Map<String, Object>>> byObject = new TreeMap<>();
    for (RiskEvent event : events) {
      Map<String, Object> f = event.fields();
      long time = ((Number) f.get("_time")).longValue();
      boolean inWindow = time >= WINDOW.earliest().getEpochSecond() && time < WINDOW.latest().getEpochSecond();
      if (inWindow && f.get("risk_object_type").equals("system")
          && strings(f.get("analyticstories")).contains("Living Off The Land")) {
        byObject.computeIfAbsent((String) f.get("risk_object"), o -> new ArrayList<>()).add(f);
      }
    }
    List<String> expected = new ArrayList<>();
    byObject.forEach((object, matching) -> {
      TreeSet<String> sources = matching.stream().map(f -> (String) f.get("source"))
          .collect(Collectors.toCollection(TreeSet::new));
      TreeSet<String> techniques = matching.stream().flatMap(f -> strings(f.get("annotations.mitre_attack")).stream())
          .collect(Collectors.toCollection(TreeSet::new));
      if (sources.size() >= 2) {
        expected.add(object + " score=" + matching.stream().mapToInt(f -> (Integer) f.get("calculated_risk_score")).sum()
            + " events=" + matching.size() + " sources=" + sources.size() + " techniques=" + techniques
            + " first=" + matching.stream().mapToLong(f -> ((Number) f.get("_time")).longValue()).min().orElseThrow());
      }
    });
    List<String> actual = rows.stream().map(r -> r.first("risk_object") + " score=" + r.first("risk_score")
        + " events=" + r.first("risk_event_count") + " sources=" + r.first("source_count") + " techniques="
        + new TreeSet<>(r.values("annotations.mitre_attack.mitre_technique_id")) + " first=" + r.first("firstTime"))
        .toList();
    assertTrue(expected.size() >= 2, "the random events give correlation rows: " + expected);
    assertEquals(expected, actual);
  }

  @Test
  void anInListOfManyPatternsAsEscuWritesThemRuns() throws IOException {
    // windows_common_abused_cmd_shell_risk_behavior names 15 detections as source IN ("*title*", …).
    List<String> titles = List.of("Cmdline Tool Not Executed In CMD Shell", "Windows System Network Config Discovery"
        + " Display DNS", "Local Account Discovery With Wmic", "Net Localgroup Discovery", "Create local admin accounts"
        + " using net exe", "Local Account Discovery with Net", "Icacls Deny Command", "ICACLS Grant Command",
        "Windows Proxy Via Netsh", "Processes launching netsh", "Disabling Firewall with Netsh", "Windows System"
        + " Network Connections Discovery Netsh", "Network Connection Discovery With Arp", "Windows System Discovery"
        + " Using ldap Nslookup", "Windows System Shutdown CommandLine");
    List<RiskEvent> events = new ArrayList<>();
    for (int i = 0; i < titles.size(); i++) {
      events.add(event("t" + i, "HOST-" + (i % 4), "system", 10, List.of(), List.of(),
          "ESCU - " + titles.get(i) + " - Rule", HOUR.minusSeconds(600)));
    }
    events.add(event("other", "HOST-0", "system", 10, List.of(), List.of(), "ESCU - Something Else - Rule",
        HOUR.minusSeconds(600)));
    String spl = "| tstats dc(source) as source_count from datamodel=Risk.All_Risk where source IN ("
        + String.join(", ", titles.stream().map(t -> "\"*" + t + "*\"").toList()) + ") by All_Risk.risk_object";
    try (RiskStore<?> store = open(indexDir, riskFile)) {
      store.append(events);
      List<Row> rows = executor(store).execute(SplParser.parse(spl), WINDOW, HOUR, spl);
      assertEquals(List.of("HOST-0 4", "HOST-1 4", "HOST-2 4", "HOST-3 3"), rows.stream()
          .map(r -> r.first("All_Risk.risk_object") + " " + r.first("source_count")).toList());
    }
  }

  @Test
  void groupingByAMultivaluedFieldGivesARowPerValue() throws IOException {
    RiskEvent both = event("a", "HOST-1", "system", 40, List.of("Living Off The Land", "Ransomware"),
        List.of("T1105", "T1059.001"), "ESCU - Certutil Download - Rule", HOUR.minusSeconds(600));
    RiskEvent one = event("b", "HOST-1", "system", 10, List.of("Ransomware"), List.of("T1105"),
        "ESCU - Wmic Remote - Rule", HOUR.minusSeconds(300));
    String spl = "| tstats sum(All_Risk.calculated_risk_score) as score count from datamodel=Risk.All_Risk "
        + "by All_Risk.analyticstories All_Risk.annotations.mitre_attack.mitre_technique_id";
    try (RiskStore<?> store = open(indexDir, riskFile)) {
      store.append(List.of(both, one));
      List<Row> rows = executor(store).execute(SplParser.parse(spl), WINDOW, HOUR, spl);
      assertEquals(List.of(
          "Living Off The Land T1059.001 40 1", "Living Off The Land T1105 40 1",
          "Ransomware T1059.001 40 1", "Ransomware T1105 50 2"),
          rows.stream().map(r -> r.first("All_Risk.analyticstories") + " "
              + r.first("All_Risk.annotations.mitre_attack.mitre_technique_id") + " " + r.first("score") + " "
              + r.first("count")).toList());
    }
  }

  @Test
  void theIndexCatchesUpWithLinesItHasNotIndexedAndStoresEachEventOnce() throws IOException {
    RiskEvent first = event("a", "HOST-1", "system", 40, List.of("Ransomware"), List.of("T1105"),
        "ESCU - Certutil Download - Rule", HOUR.minusSeconds(600));
    RiskEvent second = event("b", "HOST-2", "system", 10, List.of("Ransomware"), List.of("T1105"),
        "ESCU - Wmic Remote - Rule", HOUR.minusSeconds(300));
    try (RiskStore<?> store = open(indexDir, riskFile)) {
      store.append(List.of(first));
      store.append(List.of(first));
      assertEquals(1, store.index().count());
    }
    // A crash after the file's append and before the index's commit: the line is in the file only.
    Files.writeString(riskFile, new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(second.fields())
        + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    try (RiskStore<?> store = open(indexDir, riskFile)) {
      assertEquals(2, store.index().count(), "opening indexes what the file holds beyond the index");
      store.append(List.of(first, second));
      assertEquals(2, store.index().count());
    }
    // A file replaced by a shorter one: the index follows it.
    Files.writeString(riskFile, new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(first.fields())
        + "\n", StandardCharsets.UTF_8);
    try (RiskStore<?> store = open(indexDir, riskFile)) {
      assertEquals(1, store.index().count());
    }
  }

  /** Opens the risk events of {@code riskFile} in the store under test; opening again sees what is there. */
  protected abstract RiskStore<?> open(Path indexDir, Path riskFile) throws IOException;

  /** tstats over the store's {@code Risk.All_Risk}. */
  protected abstract TstatsBackend allRisk(RiskStore<?> store);

  private SearchExecutor executor(RiskStore<?> store) {
    return new SearchExecutor(new DataSetBackends(Map.of(DataSet.RISK, allRisk(store))),
        ZoneOffset.UTC);
  }

  private static List<RiskEvent> randomEvents(Random random, int count) {
    List<RiskEvent> events = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String object = OBJECTS.get(random.nextInt(OBJECTS.size()));
      String type = Character.isUpperCase(object.charAt(0)) && object.contains("-") ? "system" : "user";
      events.add(event("e" + i, object, type, 5 * (1 + random.nextInt(16)), some(random, STORIES),
          some(random, TECHNIQUES), "ESCU - " + RULES.get(random.nextInt(RULES.size())) + " - Rule",
          // Some before and after the window, to be left out.
          HOUR.minusSeconds(4000).plusSeconds(random.nextInt(4400))));
    }
    return events;
  }

  private static List<String> some(Random random, List<String> from) {
    List<String> chosen = new ArrayList<>();
    for (String each : from) {
      if (random.nextInt(3) == 0) {
        chosen.add(each);
      }
    }
    return chosen;
  }

  private static RiskEvent event(String id, String object, String type, int score, List<String> stories,
                                 List<String> techniques, String source, Instant time) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("_time", time.getEpochSecond());
    fields.put("source", source);
    fields.put("risk_object", object);
    fields.put("normalized_risk_object", object.toLowerCase(Locale.ROOT));
    fields.put("risk_object_type", type);
    fields.put("risk_score", score);
    fields.put("calculated_risk_score", score);
    fields.put("annotations.mitre_attack", techniques);
    fields.put("annotations.mitre_attack.mitre_technique_id", techniques);
    fields.put("analyticstories", stories);
    fields.put("risk_event_id", id);
    return new RiskEvent(id, fields);
  }

  @SuppressWarnings("unchecked")
  private static List<String> strings(Object value) {
    return (List<String>) value;
  }

  private static String randomSearch(Random random) {
    List<String> fields = List.of("All_Risk.risk_object", "All_Risk.risk_object_type", "All_Risk.analyticstories",
        "All_Risk.annotations.mitre_attack.mitre_technique_id", "source", "All_Risk.normalized_risk_object");
    List<String> aggregations = List.of("count", "sum(All_Risk.calculated_risk_score) as score",
        "count(All_Risk.annotations.mitre_attack.mitre_technique_id) as techniques", "dc(source) as sources",
        "values(All_Risk.analyticstories) as stories", "min(_time) as firstTime", "max(All_Risk.risk_score) as top");
    StringBuilder spl = new StringBuilder("| tstats");
    for (String aggregation : pick(random, aggregations, 1 + random.nextInt(3))) {
      spl.append(' ').append(aggregation);
    }
    spl.append(" from datamodel=Risk.All_Risk");
    List<String> conditions = new ArrayList<>();
    if (random.nextBoolean()) {
      conditions.add("All_Risk.analyticstories=\"" + STORIES.get(random.nextInt(STORIES.size())).toUpperCase(Locale.ROOT)
          + "\"");
    }
    if (random.nextBoolean()) {
      conditions.add("source IN (\"*" + RULES.get(random.nextInt(RULES.size())) + "*\", \"*"
          + RULES.get(random.nextInt(RULES.size())).substring(0, 4).toLowerCase(Locale.ROOT) + "*\")");
    }
    if (random.nextInt(3) == 0) {
      conditions.add("NOT All_Risk.risk_object=" + OBJECTS.get(random.nextInt(OBJECTS.size())));
    }
    if (random.nextInt(4) == 0) {
      conditions.add("All_Risk.annotations.mitre_attack.mitre_technique_id=T1*");
    }
    if (!conditions.isEmpty()) {
      spl.append(" where ").append(String.join(" ", conditions));
    }
    List<String> by = pick(random, fields, random.nextInt(3));
    if (!by.isEmpty()) {
      spl.append(" by ").append(String.join(" ", by));
    }
    return spl.toString();
  }

  private static List<String> pick(Random random, List<String> from, int count) {
    List<String> shuffled = new ArrayList<>(from);
    java.util.Collections.shuffle(shuffled, random);
    return shuffled.subList(0, count);
  }

  /** The plainest reading of the plan: every event checked, a field matching when any one of its values does. */
  private static final class Reference implements TstatsBackend {
    private final List<Map<String, Object>> events = new ArrayList<>();

    Reference(List<RiskEvent> riskEvents) {
      riskEvents.forEach(e -> events.add(e.fields()));
    }

    @Override
    public List<Row> tstats(TstatsPlan plan) {
      TstatsGroups groups = new TstatsGroups(plan);
      for (Map<String, Object> event : events) {
        if (matches(plan.filter(), event)) {
          List<List<String>> values = new ArrayList<>();
          // The index keeps a field's values as a set, sorted: so does the reference.
          plan.eventFields().forEach(f -> values.add(new ArrayList<>(new TreeSet<>(values(event, f)))));
          groups.addMultivalued(((Number) event.get("_time")).longValue() * 1000, values);
        }
      }
      return groups.rows();
    }

    private static List<String> values(Map<String, Object> event, String field) {
      Object value = event.get(field);
      if (value == null) {
        return List.of();
      }
      if (value instanceof List<?> list) {
        return list.stream().map(String::valueOf).toList();
      }
      return List.of(String.valueOf(value));
    }

    private static boolean matches(Filter filter, Map<String, Object> event) {
      if (filter instanceof Filter.MatchAll) {
        return true;
      } else if (filter instanceof Filter.Term term) {
        return values(event, term.field()).stream().anyMatch(v -> v.equalsIgnoreCase(term.value()));
      } else if (filter instanceof Filter.TermsInSet set) {
        return values(event, set.field()).stream().anyMatch(v -> set.values().stream().anyMatch(v::equalsIgnoreCase));
      } else if (filter instanceof Filter.Wildcard wildcard) {
        return values(event, wildcard.field()).stream().anyMatch(v -> wildcard.patterns().stream()
            .anyMatch(p -> glob(p.source(), v)));
      } else if (filter instanceof Filter.Exists exists) {
        return !values(event, exists.field()).isEmpty();
      } else if (filter instanceof Filter.TimeRange range) {
        long millis = ((Number) event.get("_time")).longValue() * 1000;
        return range.earliest().toEpochMilli() <= millis && millis < range.latest().toEpochMilli();
      } else if (filter instanceof Filter.Not not) {
        return !matches(not.operand(), event);
      } else if (filter instanceof Filter.And and) {
        return and.operands().stream().allMatch(operand -> matches(operand, event));
      }
      return ((Filter.Or) filter).operands().stream().anyMatch(operand -> matches(operand, event));
    }

    private static boolean glob(String pattern, String value) {
      String regex = java.util.Arrays.stream(pattern.toLowerCase(Locale.ROOT).split("\\*", -1)).map(Pattern::quote)
          .collect(Collectors.joining(".*"));
      return Pattern.compile(regex, Pattern.DOTALL).matcher(value.toLowerCase(Locale.ROOT)).matches();
    }
  }
}
