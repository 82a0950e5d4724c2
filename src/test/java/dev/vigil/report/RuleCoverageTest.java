package dev.vigil.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vigil.schedule.AuditLog;
import dev.vigil.schedule.RunRecord;
import dev.vigil.schedule.RunRecord.State;
import dev.vigil.report.RuleCoverage.Segment;
import dev.vigil.time.CronSchedule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report's coverage model: a rule's scheduled times from the cron, their states from the ledger and the audit log. */
class RuleCoverageTest {
  private static final String RULE = "windows_iis_components_add_new_module";
  private static final CronSchedule HOURLY = CronSchedule.parse("0 * * * *");
  private static final Period MORNING = new Period(at("00:00"), at("12:00"));

  @TempDir
  Path temp;

  private static Instant at(String time) {
    return Instant.parse("2024-05-15T" + time + ":00Z");
  }

  private static RunRecord run(String hour, State state) {
    Instant scheduled = at(hour);
    return new RunRecord(RULE, scheduled, scheduled.minus(Duration.ofMinutes(70)),
        scheduled.minus(Duration.ofMinutes(10)), state, 0, 0, 10, state == State.FAILED ? "boom" : null,
        scheduled.plusSeconds(2));
  }

  private static Map<Instant, RunRecord> ledger(RunRecord... runs) {
    Map<Instant, RunRecord> latest = new TreeMap<>();
    for (RunRecord r : runs) {
      latest.put(r.scheduled(), r);
    }
    return latest;
  }

  private static Segment segment(WindowState state, String start, String end, int windows) {
    return new Segment(state, at(start), at(end), windows);
  }

  // SEMANTICS §2.11, §2.12: the ledger's latest state of each scheduled time; no record is a gap while enabled.
  @Test
  void everyStateOfAMorningAndADisabledPeriodFromTheAuditLog() throws Exception {
    Path audit = Files.writeString(temp.resolve("audit.log"),
        "2024-05-14T20:00:00Z user=alice action=enable rule=" + RULE + " previous=disabled\n"
            + "2024-05-15T01:10:00Z user=bob action=enable rule=other_rule previous=disabled\n"
            + "2024-05-15T07:30:00Z user=alice action=disable rule=" + RULE + " previous=enabled\n"
            + "2024-05-15T09:15:00Z user=alice action=enable rule=" + RULE + " previous=disabled\n");
    List<String> warnings = new ArrayList<>();
    EnabledPeriods enabled = EnabledPeriods.of(RULE, AuditLog.read(audit, warnings::add), true,
        Optional.of(at("09:15")));
    Map<Instant, RunRecord> latest = ledger(run("00:00", State.OK), run("01:00", State.OK),
        run("02:00", State.CAUGHT_UP), run("03:00", State.FAILED), /* 04:00: none, a gap */
        run("05:00", State.SKIPPED), run("06:00", State.OK), run("07:00", State.OK),
        /* 08:00 and 09:00: none, disabled from 07:30 to 09:15 */ run("10:00", State.OK), run("11:00", State.OK));

    RuleCoverage coverage = RuleCoverage.of(RULE, HOURLY, ZoneOffset.UTC, MORNING, latest, enabled);

    assertEquals(List.of(), warnings);
    assertEquals(List.of(
        segment(WindowState.OK, "00:00", "02:00", 2),
        segment(WindowState.CAUGHT_UP, "02:00", "03:00", 1),
        segment(WindowState.FAILED, "03:00", "04:00", 1),
        segment(WindowState.GAP, "04:00", "05:00", 1),
        segment(WindowState.SKIPPED, "05:00", "06:00", 1),
        segment(WindowState.OK, "06:00", "08:00", 2),
        segment(WindowState.DISABLED, "08:00", "10:00", 2),
        segment(WindowState.OK, "10:00", "12:00", 2)), coverage.segments());
    assertEquals(List.of(new Period(at("07:30"), at("09:15"))), coverage.disabled());
    assertEquals(12, coverage.slots().size());
    assertEquals(Map.of(WindowState.OK, 6, WindowState.CAUGHT_UP, 1, WindowState.FAILED, 1, WindowState.GAP, 1,
        WindowState.SKIPPED, 1, WindowState.DISABLED, 2), coverage.counts());
    assertEquals("boom", coverage.slots().get(3).run().orElseThrow().error());
  }

  // A rule the audit log never names is in its configured state: enabled from its enabled_at.
  @Test
  void withoutAuditLinesTheRuleIsEnabledFromItsEnabledAtAndTheLastSegmentEndsWithThePeriod() {
    EnabledPeriods enabled = EnabledPeriods.of(RULE, List.of(), true, Optional.of(at("09:30")));
    RuleCoverage coverage = RuleCoverage.of(RULE, HOURLY, ZoneOffset.UTC, new Period(at("08:00"), at("11:30")),
        ledger(run("11:00", State.RUNNING)), enabled);
    assertEquals(List.of(
        segment(WindowState.DISABLED, "08:00", "10:00", 2),
        segment(WindowState.GAP, "10:00", "11:00", 1),
        segment(WindowState.RUNNING, "11:00", "11:30", 1)), coverage.segments());
    assertEquals(List.of(new Period(at("08:00"), at("09:30"))), coverage.disabled());
  }

  // Before its first audited change a rule was in the state that change calls previous.
  @Test
  void aFirstDisableMeansItWasEnabledBeforeAndADisabledRuleIsDisabledThroughout() throws Exception {
    Path audit = Files.writeString(temp.resolve("audit.log"),
        "2024-05-15T02:00:00Z user=alice action=disable rule=" + RULE + " previous=enabled\n");
    List<String> warnings = new ArrayList<>();
    EnabledPeriods enabled = EnabledPeriods.of(RULE, AuditLog.read(audit, warnings::add), false, Optional.empty());
    RuleCoverage coverage = RuleCoverage.of(RULE, HOURLY, ZoneOffset.UTC, new Period(at("00:00"), at("04:00")),
        Map.of(), enabled);
    assertEquals(List.of(segment(WindowState.GAP, "00:00", "02:00", 2),
        segment(WindowState.DISABLED, "02:00", "04:00", 2)), coverage.segments());
    assertEquals(List.of(new Period(at("00:00"), at("04:00"))),
        EnabledPeriods.of(RULE, List.of(), false, Optional.empty()).disabledWithin(new Period(at("00:00"), at("04:00"))));
  }

  // A ledger record at a time the cron no longer names (the cron changed) still shows.
  @Test
  void aRunAtATimeTheCronNoLongerNamesIsASlotOfItsOwn() {
    RuleCoverage coverage = RuleCoverage.of(RULE, HOURLY, ZoneOffset.UTC, new Period(at("00:00"), at("02:00")),
        ledger(run("00:30", State.OK)), EnabledPeriods.of(RULE, List.of(), true, Optional.empty()));
    assertEquals(List.of(segment(WindowState.GAP, "00:00", "00:30", 1), segment(WindowState.OK, "00:30", "01:00", 1),
        segment(WindowState.GAP, "01:00", "02:00", 1)), coverage.segments());
  }

  @Test
  void aLineThatIsNoChangeIsReportedWithItsFileAndLine() throws Exception {
    Path audit = Files.writeString(temp.resolve("audit.log"),
        "2024-05-15T02:00:00Z user=alice action=disable rule=" + RULE + " previous=enabled\n"
            + "2024-05-15T03:00:00Z user=alice action=toggle rule=" + RULE + " previous=enabled\n");
    List<String> warnings = new ArrayList<>();
    assertEquals(1, AuditLog.read(audit, warnings::add).size());
    assertEquals(List.of(audit + ":2: not an audit line ('toggle' is neither enable nor disable); skipped"), warnings);
  }

  // SEMANTICS §2.5: the report's windows are the scheduler's in the configured zone: a spring day of 23 hourly
  // windows, an autumn day of 25 (both passes of the repeated hour), and a fixed 02:30 moved past the gap.
  @Test
  void aDaylightSavingDayHasTheWindowsTheSchedulerRuns() {
    java.time.ZoneId berlin = java.time.ZoneId.of("Europe/Berlin");
    EnabledPeriods always = EnabledPeriods.of(RULE, List.of(), true, Optional.empty());
    Period spring = new Period(Instant.parse("2024-03-30T23:00:00Z"), Instant.parse("2024-03-31T22:00:00Z"));
    Period autumn = new Period(Instant.parse("2024-10-26T22:00:00Z"), Instant.parse("2024-10-27T23:00:00Z"));
    assertEquals(23, RuleCoverage.of(RULE, HOURLY, berlin, spring, Map.of(), always).slots().size());
    List<Instant> autumnHours = RuleCoverage.of(RULE, HOURLY, berlin, autumn, Map.of(), always).slots().stream()
        .map(RuleCoverage.Slot::scheduled).toList();
    assertEquals(25, autumnHours.size());
    assertEquals(List.of(Instant.parse("2024-10-27T00:00:00Z"), Instant.parse("2024-10-27T01:00:00Z")),
        autumnHours.subList(2, 4), "02:00 CEST and 02:00 CET both run");
    assertEquals(List.of(Instant.parse("2024-03-31T01:00:00Z")), RuleCoverage.of(RULE, CronSchedule.parse(
        "30 2 * * *"), berlin, spring, Map.of(), always).slots().stream().map(RuleCoverage.Slot::scheduled).toList(),
        "02:30 does not exist that night: the run is at 03:00 CEST");
    dev.vigil.time.ScheduleExplanation explanation = new dev.vigil.time.ScheduleExplanation(HOURLY,
        dev.vigil.time.TimeModifier.parse("-70m@m"), dev.vigil.time.TimeModifier.parse("-10m@m"), berlin);
    assertEquals(1, explanation.daylightSaving(explanation.runsBetween(spring.start(), spring.end())).size(),
        "the report marks the change");
  }
}
