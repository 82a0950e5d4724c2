package dev.vigil.cli;

import static dev.vigil.cli.Cli.vigil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.TestHomes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code vigil explain}: scheduled times, their windows and how consecutive windows meet (SEMANTICS §1-2). */
class ExplainCommandTest {
  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

  @TempDir
  Path temp;

  private String home;

  @BeforeEach
  void shippedHome() {
    home = TestHomes.copyShipped(temp.resolve("home")).toString();
  }

  private Cli.Outcome explain(String... args) {
    List<String> all = new ArrayList<>(List.of("explain", "--home", home));
    all.addAll(List.of(args));
    return vigil(all.toArray(String[]::new));
  }

  private record Line(Instant scheduled, Instant earliest, Instant latest, String raw) {}

  private static List<Line> lines(Cli.Outcome outcome) throws Exception {
    assertEquals(0, outcome.exit(), outcome.err());
    List<Line> lines = new ArrayList<>();
    for (JsonNode row : outcome.rows()) {
      assertEquals(3, row.size(), "exactly scheduled, earliest, latest: " + row);
      lines.add(new Line(instant(row, "scheduled"), instant(row, "earliest"), instant(row, "latest"), row.toString()));
    }
    return lines;
  }

  private static Instant instant(JsonNode row, String field) {
    return OffsetDateTime.parse(row.get(field).asText()).toInstant();
  }

  /** Each window ends where the next begins, and together they span {@code hours}. */
  private static void assertTiled(List<Line> lines, int hours) {
    for (int i = 0; i + 1 < lines.size(); i++) {
      assertEquals(lines.get(i).latest(), lines.get(i + 1).earliest(), "window " + i + " touches the next");
      assertEquals(Duration.ofHours(1), Duration.between(lines.get(i).scheduled(), lines.get(i + 1).scheduled()),
          "hourly in real time, also across a daylight-saving change: " + lines.get(i).raw());
    }
    assertEquals(Duration.ofHours(hours),
        Duration.between(lines.get(0).earliest(), lines.get(lines.size() - 1).latest()));
  }

  // SEMANTICS §2.7: cron 0 * * * * with -70m@m..-10m@m tiles time, window after window.
  @Test
  void hourlyEscuWindowsTile48HoursInUtc() throws Exception {
    String[] args = {"--cron", "0 * * * *", "--earliest", "-70m@m", "--latest", "-10m@m", "--count", "48",
        "--from", "2024-05-15T14:37:12Z", "--zone", "UTC"};
    Cli.Outcome json = explain(concat(args, "--json"));
    List<Line> lines = lines(json);
    assertEquals(48, lines.size());
    assertTiled(lines, 48);
    assertEquals("{\"scheduled\":\"2024-05-15T15:00:00Z\",\"earliest\":\"2024-05-15T13:50:00Z\","
        + "\"latest\":\"2024-05-15T14:50:00Z\"}", lines.get(0).raw());
    assertEquals("48 windows cover 2024-05-15T13:50:00Z .. 2024-05-17T13:50:00Z with no gap and no overlap",
        json.err().strip(), "with --json the summary goes to stderr");

    Cli.Outcome human = explain(args);
    assertEquals(0, human.exit(), human.err());
    assertEquals("48 windows cover 2024-05-15T13:50:00Z .. 2024-05-17T13:50:00Z with no gap and no overlap",
        last(human.outLines()));
    assertEquals(47, human.out().lines().filter(l -> l.endsWith("touches the next")).count(), human.out());
    assertTrue(human.out().contains("quartz:   0 0 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23 "),
        human.out());
    assertTrue(human.out().contains("scheduled (UTC)"), human.out());
  }

  // SEMANTICS §2.5, §2.7: in the zone's wall clock an hourly schedule still fires every real hour across a
  // change, skipping no hour in spring (02:00 does not exist) and firing both 01:00s in autumn; windows tile.
  @ParameterizedTest
  @CsvSource({
      "2024-03-09T02:00:00-05:00, 2024-03-10, 2, 0, 2024-03-09T00:50:00-05:00, 2024-03-11T01:50:00-04:00",
      "2024-11-02T12:00:00-04:00, 2024-11-03, 1, 2, 2024-11-02T10:50:00-04:00, 2024-11-04T09:50:00-05:00"})
  void hourlyWindowsTile48HoursAcrossDaylightSavingInNewYork(String from, LocalDate changeDay, int hour,
      int firesInThatHour, String first, String last) throws Exception {
    String[] args = {"--cron", "0 * * * *", "--earliest", "-70m@m", "--latest", "-10m@m", "--count", "48",
        "--from", from, "--zone", "America/New_York"};
    List<Line> lines = lines(explain(concat(args, "--json")));
    assertEquals(48, lines.size());
    assertTiled(lines, 48);
    assertEquals(firesInThatHour, lines.stream().map(l -> ZonedDateTime.ofInstant(l.scheduled(), NEW_YORK))
        .filter(z -> z.toLocalDate().equals(changeDay) && z.getHour() == hour).count());
    assertTrue(lines.stream().anyMatch(l -> l.raw().contains("-05:00\"")), "EST offsets");
    assertTrue(lines.stream().anyMatch(l -> l.raw().contains("-04:00\"")), "EDT offsets");

    Cli.Outcome human = explain(args);
    assertEquals(0, human.exit(), human.err());
    assertEquals("48 windows cover " + first + " .. " + last + " with no gap and no overlap", last(human.outLines()));
    assertTrue(human.out().contains("scheduled (America/New_York)"), human.out());
    assertTrue(human.out().lines().anyMatch(l -> l.startsWith("dst:") && l.contains("§2.5")), human.out());
  }

  // SEMANTICS §1.4: a window shorter than the period leaves the rest unsearched.
  @Test
  void shortWindowsLeaveGapsOf40Minutes() throws Exception {
    String[] args = {"--cron", "0 * * * *", "--earliest", "-30m@m", "--latest", "-10m@m", "--count", "5",
        "--from", "2024-05-15T14:37:12Z"};
    List<Line> lines = lines(explain(concat(args, "--json")));
    for (int i = 0; i + 1 < lines.size(); i++) {
      assertEquals(Duration.ofMinutes(40), Duration.between(lines.get(i).latest(), lines.get(i + 1).earliest()));
    }
    Cli.Outcome human = explain(args);
    assertEquals(4, human.out().lines().filter(l -> l.endsWith("gap of 40 minutes before the next")).count(),
        human.out());
    assertEquals("5 windows span 2024-05-15T14:30:00Z .. 2024-05-15T18:50:00Z with 4 gaps (160 minutes uncovered)"
        + " and no overlap", last(human.outLines()));
  }

  @Test
  void longWindowsOverlapBy20Minutes() throws Exception {
    String[] args = {"--cron", "0 * * * *", "--earliest", "-90m@m", "--latest", "-10m@m", "--count", "5",
        "--from", "2024-05-15T14:37:12Z"};
    List<Line> lines = lines(explain(concat(args, "--json")));
    for (int i = 0; i + 1 < lines.size(); i++) {
      assertEquals(Duration.ofMinutes(20), Duration.between(lines.get(i + 1).earliest(), lines.get(i).latest()));
    }
    Cli.Outcome human = explain(args);
    assertEquals(4, human.out().lines().filter(l -> l.endsWith("overlaps the next by 20 minutes")).count(),
        human.out());
    assertEquals("5 windows cover 2024-05-15T13:30:00Z .. 2024-05-15T18:50:00Z with no gap and 4 overlaps"
        + " (80 minutes searched more than once)", last(human.outLines()));
  }

  // SEMANTICS §1 worked example and §2.7: now = 14:37:12 UTC, the next runs are 15:00, 16:00, 17:00.
  @Test
  void seedRuleUsesItsEscuSchedule() throws Exception {
    Cli.Outcome outcome = explain("windows_iis_components_add_new_module", "--from", "2024-05-15T14:37:12Z",
        "--count", "3", "--json");
    assertEquals(List.of(
        "{\"scheduled\":\"2024-05-15T15:00:00Z\",\"earliest\":\"2024-05-15T13:50:00Z\",\"latest\":\"2024-05-15T14:50:00Z\"}",
        "{\"scheduled\":\"2024-05-15T16:00:00Z\",\"earliest\":\"2024-05-15T14:50:00Z\",\"latest\":\"2024-05-15T15:50:00Z\"}",
        "{\"scheduled\":\"2024-05-15T17:00:00Z\",\"earliest\":\"2024-05-15T15:50:00Z\",\"latest\":\"2024-05-15T16:50:00Z\"}"),
        outcome.outLines(), outcome.err());

    Cli.Outcome human = explain("windows_iis_components_add_new_module", "--from", "2024-05-15T14:37:12Z",
        "--count", "3");
    assertTrue(human.out().startsWith("rule:     windows_iis_components_add_new_module (Windows IIS Components Add New"
        + " Module)"), human.out());
  }

  @Test
  void aScheduledTimeItselfIsIncludedAndTheConfiguredZoneIsTheDefault() throws Exception {
    Files.writeString(Path.of(home, "config/local/vigil.yml"), "time_zone: America/New_York\n");
    List<Line> lines = lines(explain("--cron", "0 * * * *", "--earliest", "-70m@m", "--latest", "-10m@m",
        "--from", "2024-05-15T14:00:00-04:00", "--count", "1", "--json"));
    assertEquals("{\"scheduled\":\"2024-05-15T14:00:00-04:00\",\"earliest\":\"2024-05-15T12:50:00-04:00\","
        + "\"latest\":\"2024-05-15T13:50:00-04:00\"}", lines.get(0).raw());
  }

  // SEMANTICS §2.3 (either day field matches) and §2.4 (two Quartz triggers).
  @Test
  void bothDayFieldsRestrictedShowsTheOrDecisionAndTwoQuartzTriggers() throws Exception {
    String[] args = {"--cron", "0 9 1-7 * 1", "--earliest", "-1d@d", "--latest", "@d", "--count", "4",
        "--from", "2024-05-15T14:37:12Z"};
    Cli.Outcome human = explain(args);
    assertEquals(0, human.exit(), human.err());
    String out = human.out();
    assertTrue(out.contains("[Vigil] both day-of-month and day-of-week are restricted: a day matches when EITHER"), out);
    assertTrue(out.contains("quartz:   2 triggers"), out);
    assertTrue(out.contains("            0 0 9 1,2,3,4,5,6,7 1,2,3,4,5,6,7,8,9,10,11,12 ?\n"), out);
    assertTrue(out.contains("            0 0 9 ? 1,2,3,4,5,6,7,8,9,10,11,12 2\n"), out);
    assertTrue(out.contains("2024-05-20 Mon (day-of-week), 2024-05-27 Mon (day-of-week), 2024-06-01 Sat (day-of-month)"),
        out);
    assertTrue(out.contains("2024-06-03 Mon (both)"), out);

    // Mondays of May, then June 1 (a Saturday) and 2 (a Sunday) by day-of-month alone.
    List<Line> lines = lines(explain(concat(args, "--json")));
    assertEquals(List.of(Instant.parse("2024-05-20T09:00:00Z"), Instant.parse("2024-05-27T09:00:00Z"),
        Instant.parse("2024-06-01T09:00:00Z"), Instant.parse("2024-06-02T09:00:00Z")),
        lines.stream().map(Line::scheduled).toList());
  }

  @Test
  void oneDayFieldRestrictedPrintsNoDecision() {
    Cli.Outcome human = explain("--cron", "0 9 * * 1-5", "--earliest", "-1d@d", "--latest", "@d",
        "--from", "2024-05-15T14:37:12Z");
    assertEquals(0, human.exit(), human.err());
    assertFalse(human.out().contains("[Vigil]"), human.out());
    assertTrue(human.out().contains("quartz:   0 0 9 ? 1,2,3,4,5,6,7,8,9,10,11,12 2,3,4,5,6\n"), human.out());
  }

  // SEMANTICS §2.1 and §1.6: errors show the text with a caret under the fault, and exit 2.
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "0 * * * 8 | -70m@m | -10m@m | 0 * * * 8",
      "0 * * * MON | -70m@m | -10m@m | 0 * * * MON",
      "0 * * * * | -5x@m | -10m@m | -5x@m"})
  void syntaxErrorsShowACaretAndExit2(String cron, String earliest, String latest, String shown) {
    Cli.Outcome outcome = explain("--cron", cron, "--earliest", earliest, "--latest", latest, "--json");
    assertEquals(2, outcome.exit(), outcome.err());
    assertEquals("", outcome.out());
    List<String> err = outcome.err().lines().toList();
    assertEquals(shown, err.get(1), outcome.err());
    assertTrue(err.get(2).strip().equals("^"), outcome.err());
  }

  @Test
  void reversedWindowAndMissingScheduleAreUsageErrors() {
    Cli.Outcome reversed = explain("--cron", "0 * * * *", "--earliest", "-5m", "--latest", "-10m@m",
        "--from", "2024-05-15T14:37:12Z");
    assertEquals(2, reversed.exit());
    assertTrue(reversed.err().contains("latest=-10m@m"), reversed.err());

    Cli.Outcome missing = explain("--cron", "0 * * * *");
    assertEquals(2, missing.exit());
    assertTrue(missing.err().contains("give a RULE, or a schedule with all of --cron, --earliest and --latest"),
        missing.err());

    assertEquals(2, explain("windows_iis_components_add_new_module", "--zone", "Mars/Olympus").exit());
    assertEquals(2, explain("windows_iis_components_add_new_module", "--count", "0").exit());
  }

  @Test
  void fromTakesEpochSecondsAsATimeModifier() throws Exception {
    List<Line> lines = lines(explain("windows_iis_components_add_new_module", "--from", "1715783832", "--count", "1",
        "--json"));
    assertEquals(Instant.parse("2024-05-15T15:00:00Z"), lines.get(0).scheduled());
  }

  @Test
  void withoutFromItStartsNow() throws Exception {
    Instant before = Instant.now();
    List<Line> lines = lines(explain("windows_iis_components_add_new_module", "--json"));
    assertEquals(10, lines.size());
    assertFalse(lines.get(0).scheduled().isBefore(before.minusSeconds(1)));
    assertTrue(lines.get(0).scheduled().isBefore(before.plus(Duration.ofHours(1))));
  }

  @Test
  void helpIsDocumentationWithExamples() {
    Cli.Outcome help = explain("--help");
    assertEquals(0, help.exit());
    assertTrue(help.out().contains("Examples:") && help.out().contains("vigil explain --cron"), help.out());
  }

  private static String[] concat(String[] args, String more) {
    String[] all = java.util.Arrays.copyOf(args, args.length + 1);
    all[args.length] = more;
    return all;
  }

  private static String last(List<String> lines) {
    return lines.get(lines.size() - 1);
  }
}
