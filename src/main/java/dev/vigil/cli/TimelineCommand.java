package dev.vigil.cli;

import dev.vigil.plan.Filter;
import dev.vigil.query.EventSource;
import dev.vigil.query.Row;
import dev.vigil.time.Window;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "timeline", mixinStandardHelpOptions = true,
    header = "Prints a host's or a user's process starts in time order, parent → child.",
    description = {
        "Prints a host's (or a user's) process starts in time order, oldest first: time, host, user, "
            + "parent → child, the command line and the process ids, for following what ran from what. The "
            + "newest --count events of the window are shown; stderr says when there were more.",
        "",
        "Examples:",
        "  vigil timeline --dest win-dc-791937.attackrange.local --format table",
        "  vigil timeline --user alice --earliest -24h"})
final class TimelineCommand implements Callable<Integer> {
  /** The fields a timeline shows, in order. */
  private static final List<String> FIELDS = List.of("dest", "user", "parent_process_name", "process_name",
      "process", "process_id", "parent_process_id");

  @Mixin
  Installation installation;

  @Mixin
  RowOutput rowOutput;

  @ArgGroup(multiplicity = "1")
  Whose whose;

  static final class Whose {
    @Option(names = "--dest", paramLabel = "HOST", description = "The host whose process starts to show.")
    String dest;

    @Option(names = "--user", paramLabel = "USER", description = "The user whose process starts to show.")
    String user;
  }

  @Option(names = "--earliest", paramLabel = "MODIFIER",
      description = "Window start, a time modifier or ISO-8601 time (default: 0, all time).")
  String earliest = "0";

  @Option(names = "--latest", paramLabel = "MODIFIER",
      description = "Window end, a time modifier or ISO-8601 time (default: now).")
  String latest = "now";

  @Option(names = "--count", paramLabel = "N", description = "The most events to show (default: 1000).")
  int count = 1000;

  @Override
  public Integer call() throws Exception {
    if (count < 1) {
      throw new Errors.UsageException("--count must be at least 1");
    }
    ZoneId zone = installation.settings().zone();
    Instant now = installation.clock.instant().truncatedTo(ChronoUnit.SECONDS);
    Window window;
    try {
      window = TimeArguments.window(earliest, latest, now, zone);
    } catch (RuntimeException e) {
      throw new Errors.UsageException("--earliest/--latest: " + e.getMessage());
    }
    Filter who = whose.dest != null ? new Filter.Term("dest", whose.dest) : new Filter.Term("user", whose.user);
    EventSource.Events events;
    try (EventStore store = EventStore.open(installation)) {
      events = store.events().events(new Filter.And(List.of(
          new Filter.TimeRange(window.earliest(), window.latest()), who)), count);
    }
    List<Row> oldestFirst = new ArrayList<>(events.rows());
    Collections.reverse(oldestFirst);
    List<Row> rows = new ArrayList<>();
    for (Row event : oldestFirst) {
      Row row = new Row();
      row.put("time", TimeArguments.iso(Instant.ofEpochSecond(Long.parseLong(event.first("_time"))), zone));
      for (String field : FIELDS) {
        if (event.has(field)) {
          row.put(field, event.first(field));
        }
      }
      row.put("lineage", event.first("parent_process_name") + " → " + event.first("process_name"));
      rows.add(row);
    }
    Engine.printRows(rows, rowOutput);
    System.err.println(rows.size() + (rows.size() == 1 ? " process start" : " process starts")
        + (events.truncated() ? ", the newest of " + events.matching() + " (--count " + count + ")" : "")
        + " of " + (whose.dest != null ? "host " + whose.dest : "user " + whose.user) + ", window ["
        + TimeArguments.iso(window.earliest(), zone) + ", " + TimeArguments.iso(window.latest(), zone) + ")");
    return ExitCodes.OK;
  }
}
