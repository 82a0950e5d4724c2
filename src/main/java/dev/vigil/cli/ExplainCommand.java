package dev.vigil.cli;

import dev.vigil.schedule.Deployment;
import dev.vigil.schedule.Rule;
import dev.vigil.time.CronSchedule;
import dev.vigil.time.TimeModifier;
import dev.vigil.time.ScheduleExplanation;
import dev.vigil.time.ScheduleExplanation.Run;
import java.io.PrintStream;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "explain", mixinStandardHelpOptions = true,
    header = "Shows when a schedule fires and the window each run searches.", sortOptions = false,
    description = {
        "Shows when a schedule fires, the window each run searches, and how the windows meet.",
        "",
        "Lists the first N scheduled times at or after --from, each with its window [earliest, latest) "
            + "resolved against the scheduled time (SEMANTICS §1.4, §2.6), and says whether each window "
            + "touches the next, overlaps it (by how much) or leaves a gap (how much). Also prints the Quartz "
            + "expressions Vigil schedules it with, the daylight-saving changes in the range (§2.5) and, when "
            + "both day fields are restricted, the [Vigil] decision that a day matches when either does (§2.3) "
            + "with the days that yields. Times are ISO-8601 with the zone's offset; the zone is the setting "
            + "time_zone unless --zone is given.",
        "",
        "Give a RULE (file stem, name, id or detection YAML) for its effective schedule, or any schedule "
            + "with --cron, --earliest and --latest; with a RULE, these options replace the rule's own values.",
        "",
        "With --json, stdout holds one object per scheduled time and nothing else, and the summary line goes to"
            + " stderr:",
        "  {\"scheduled\":\"2024-05-15T15:00:00Z\",\"earliest\":\"2024-05-15T13:50:00Z\","
            + "\"latest\":\"2024-05-15T14:50:00Z\"}",
        "",
        "Examples:",
        "  vigil explain windows_iis_components_add_new_module \\",
        "      --from 2024-05-15T14:37:12Z --count 3",
        "  vigil explain --cron '0 * * * *' --earliest -70m@m --latest -10m@m \\",
        "      --count 48 --from 2024-03-09T00:00:00-05:00 --zone America/New_York",
        "  vigil explain --cron '0 9 1-7 * 1' --earliest -1d@d --latest @d --json"})
final class ExplainCommand implements Callable<Integer> {
  @Mixin
  Installation installation;

  @Parameters(paramLabel = "RULE", arity = "0..1",
      description = "The rule whose schedule to explain; omit it and give --cron, --earliest and --latest instead.")
  String reference;

  @Option(names = "--cron", paramLabel = "EXPR",
      description = "A Splunk cron_schedule of five fields, e.g. '0 * * * *' (SEMANTICS §2.1).")
  String cron;

  @Option(names = "--earliest", paramLabel = "MODIFIER",
      description = "Window start as a time modifier relative to the scheduled time, e.g. -70m@m (SEMANTICS §1).")
  String earliest;

  @Option(names = "--latest", paramLabel = "MODIFIER",
      description = "Window end (exclusive) as a time modifier, e.g. -10m@m.")
  String latest;

  @Option(names = "--from", paramLabel = "TIME",
      description = "List scheduled times at or after this time: ISO-8601 (2024-05-15T14:37:12Z) or a time modifier"
          + " such as -1d@d (default: now).")
  String from;

  @Option(names = "--count", paramLabel = "N", defaultValue = "10",
      description = "How many scheduled times to list (default: ${DEFAULT-VALUE}).")
  int count;

  @Option(names = "--zone", paramLabel = "ZONE",
      description = "IANA time zone the cron fields and snaps are read in, e.g. America/New_York"
          + " (default: the setting time_zone, UTC unless configured).")
  String zone;

  @Option(names = "--json", description = "One JSON object per scheduled time on stdout, nothing else.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    if (count < 1) {
      throw new Errors.UsageException("--count must be at least 1, not " + count);
    }
    Rule rule = reference != null ? installation.rule(reference) : null;
    Deployment deployment = rule != null ? rule.deployment() : null;
    String cronText = cron != null ? cron : deployment != null ? deployment.cron() : null;
    String earliestText = earliest != null ? earliest : deployment != null ? deployment.earliest() : null;
    String latestText = latest != null ? latest : deployment != null ? deployment.latest() : null;
    if (cronText == null || earliestText == null || latestText == null) {
      throw new Errors.UsageException("give a RULE, or a schedule with all of --cron, --earliest and --latest"
          + " (e.g. --cron '0 * * * *' --earliest -70m@m --latest -10m@m)");
    }
    ZoneId zoneId = zone();
    // Parse everything before computing anything, so that each syntax error shows its caret.
    CronSchedule schedule = CronSchedule.parse(cronText);
    TimeModifier earliestModifier = TimeModifier.parse(earliestText);
    TimeModifier latestModifier = TimeModifier.parse(latestText);
    Instant start = from != null ? TimeArguments.parse(from, installation.clock.instant(), zoneId)
        : installation.clock.instant();

    ScheduleExplanation explanation = new ScheduleExplanation(schedule, earliestModifier, latestModifier, zoneId);
    List<Run> runs = explanation.runsFrom(start, count);

    String summary = ScheduleExplanation.summary(runs, zoneId);
    if (json) {
      for (Run run : runs) {
        System.out.println(Engine.JSON.writeValueAsString(Engine.JSON.createObjectNode()
            .put("scheduled", TimeArguments.iso(run.scheduled(), zoneId))
            .put("earliest", TimeArguments.iso(run.window().earliest(), zoneId))
            .put("latest", TimeArguments.iso(run.window().latest(), zoneId))));
      }
      System.out.flush();
      System.err.println(summary);
      return ExitCodes.OK;
    }
    PrintStream out = System.out;
    if (rule != null) {
      out.println("rule:     " + rule.stem() + " (" + rule.detection().name() + ")");
    }
    out.println("cron:     " + cronText + "  =  " + schedule.describe());
    out.println("window:   earliest " + earliestText + ", latest " + latestText
        + " of each scheduled time; an event is in it when earliest <= _time < latest");
    out.println("zone:     " + zoneId + (zone != null ? " (--zone)" : " (setting time_zone)"));
    if (zoneId.getRules().isFixedOffset()) {
      List<String> quartz = explanation.quartz();
      out.println("quartz:   " + (quartz.size() == 1 ? quartz.get(0)
          : quartz.size() + " triggers whose union is the schedule (SEMANTICS §2.4):"));
      if (quartz.size() > 1) {
        quartz.forEach(q -> out.println("            " + q));
      }
    } else {
      out.println("quartz:   one trigger at a time, at each scheduled time below: this zone has daylight saving,"
          + " where Quartz's CronTrigger would skip a repeated hour (SEMANTICS §2.5)");
    }
    if (explanation.bothDayFieldsRestricted()) {
      printDayDecision(out, explanation, start.atZone(zoneId).toLocalDate());
    }
    explanation.daylightSaving(runs).forEach(change -> out.println("dst:      " + change));
    out.println();
    printTable(out, runs, zoneId);
    out.println();
    out.println(summary);
    out.flush();
    return ExitCodes.OK;
  }

  private ZoneId zone() {
    if (zone == null) {
      return installation.settings().zone();
    }
    try {
      return ZoneId.of(zone);
    } catch (DateTimeException e) {
      throw new Errors.UsageException("--zone '" + zone + "' is not an IANA time zone such as UTC or America/New_York");
    }
  }

  private static void printDayDecision(PrintStream out, ScheduleExplanation explanation, LocalDate from) {
    out.println("days:     [Vigil] both day-of-month and day-of-week are restricted: a day matches when EITHER");
    out.println("          matches (Vixie/POSIX OR, SEMANTICS §2.3; Splunk's documents hint at AND in one example).");
    List<ScheduleExplanation.MatchingDay> days = explanation.matchingDays(from, 14);
    StringBuilder listed = new StringBuilder();
    for (int i = 0; i < days.size(); i++) {
      listed.append(i % 4 == 0 ? "\n            " : ", ").append(days.get(i));
    }
    long both = days.stream().filter(d -> d.byDayOfMonth() && d.byDayOfWeek()).count();
    out.println("          the next " + days.size() + " days it fires on, from " + from + ":" + listed);
    out.println("          AND would keep only the " + both + " marked 'both'.");
  }

  private static void printTable(PrintStream out, List<Run> runs, ZoneId zone) {
    int width = TimeArguments.iso(runs.get(0).scheduled(), zone).length();
    String header = "scheduled (" + zone + ")";
    width = Math.max(width, header.length());
    int windowWidth = 0;
    List<String> windows = new ArrayList<>();
    for (Run run : runs) {
      String w = "[" + TimeArguments.iso(run.window().earliest(), zone) + ", "
          + TimeArguments.iso(run.window().latest(), zone) + ")";
      windows.add(w);
      windowWidth = Math.max(windowWidth, w.length());
    }
    String format = "%-" + width + "s  %-" + windowWidth + "s  %s%n";
    out.printf(format, header, "window [earliest, latest)", "to the next window");
    for (int i = 0; i < runs.size(); i++) {
      String relation = i + 1 < runs.size()
          ? ScheduleExplanation.Relation.between(runs.get(i).window(), runs.get(i + 1).window()).toString() : "";
      out.printf(format, TimeArguments.iso(runs.get(i).scheduled(), zone), windows.get(i), relation).flush();
    }
  }
}
