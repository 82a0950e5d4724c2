package dev.vigil.query;


import dev.vigil.ingest.ProcessEvent;
import dev.vigil.plan.PlanCompiler;
import dev.vigil.plan.TstatsPlan;
import dev.vigil.spl.Aggregation;
import dev.vigil.spl.Aggregation.Function;
import dev.vigil.spl.Command;
import dev.vigil.spl.SearchExpr;
import dev.vigil.time.Window;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Random events over a small vocabulary (case variants and backslashes included) and random tstats over them:
 * where clauses, by-fields, spans, fillnull and windows, for tests that compare one backend with another.
 */
public final class RandomTstatsCases {
  private static final int EVENTS = 300;
  private static final Instant START = Instant.parse("2024-05-15T10:00:00Z");

  /** A small vocabulary, case variants and backslashes included, so that random clauses match something. */
  private static final Map<String, List<String>> VOCABULARY = Map.of(
      "dest", List.of("web01", "WEB01", "web02", "db01", "db-1"),
      "user", List.of("alice", "ALICE", "bob", "CONTOSO\\admin", "contoso\\Admin"),
      "process_name", List.of("cmd.exe", "CMD.EXE", "powershell.exe", "appcmd.exe", ""),
      "parent_process_name", List.of("explorer.exe", "msiexec.exe", "MSIEXEC.EXE", "w3wp.exe"),
      "process", List.of("cmd.exe /c whoami", "appcmd.exe install module /image:x", "C:\\Windows\\cmd.exe",
          "reg save hklm\\sam sam.save", "powershell -enc AAA", "cmd.exe  /c  dir"),
      "process_id", List.of("1", "2", "10", "20", "-3"));
  private static final List<String> FIELDS = List.copyOf(new java.util.TreeSet<>(VOCABULARY.keySet()));

  private static final List<Aggregation> AGGREGATIONS = List.of(
      new Aggregation(Function.COUNT, Optional.empty(), "count"),
      new Aggregation(Function.COUNT, Optional.of("Processes.process_id"), "with_pid"),
      new Aggregation(Function.DC, Optional.of("Processes.user"), "users"),
      new Aggregation(Function.VALUES, Optional.of("Processes.process"), "processes"),
      new Aggregation(Function.MIN, Optional.of("_time"), "firstTime"),
      new Aggregation(Function.MAX, Optional.of("_time"), "lastTime"),
      new Aggregation(Function.MIN, Optional.of("Processes.process_id"), "low_pid"),
      new Aggregation(Function.MAX, Optional.of("Processes.dest"), "last_dest"),
      new Aggregation(Function.SUM, Optional.of("Processes.process_id"), "pid_sum"),
      new Aggregation(Function.AVG, Optional.of("Processes.process_id"), "pid_avg"),
      new Aggregation(Function.EARLIEST, Optional.of("Processes.user"), "first_user"),
      new Aggregation(Function.LATEST, Optional.of("Processes.user"), "last_user"),
      new Aggregation(Function.DC, Optional.of("_time"), "seconds"),
      new Aggregation(Function.VALUES, Optional.of("_time"), "times"),
      new Aggregation(Function.LATEST, Optional.of("_time"), "latest"));

  private RandomTstatsCases() {}

  /** A random plan over the events of {@link #events}, within a random window. */
  public static TstatsPlan plan(Random random) {
    return PlanCompiler.compile(tstats(random)).within(window(random));
  }

  public static List<ProcessEvent> events(Random random) {
    List<ProcessEvent> events = new ArrayList<>(EVENTS);
    for (int i = 0; i < EVENTS; i++) {
      Map<String, String> fields = new HashMap<>();
      for (String field : FIELDS) {
        if (random.nextInt(5) != 0) {
          fields.put(field, pick(random, VOCABULARY.get(field)));
        }
      }
      long time = START.toEpochMilli() + random.nextInt(2 * 3_600_000);
      events.add(new ProcessEvent(time, "test", "vigil:cim", "event " + i, fields));
    }
    return events;
  }

  private static Command.Tstats tstats(Random random) {
    List<String> groupBy = new ArrayList<>();
    List<String> candidates = new ArrayList<>(List.of("Processes.dest", "Processes.user", "Processes.process_name",
        "Processes.process_id", "_time"));
    for (int n = random.nextInt(3); n > 0; n--) {
      groupBy.add(candidates.remove(random.nextInt(candidates.size())));
    }
    Optional<Duration> span = groupBy.contains("_time") && random.nextBoolean()
        ? Optional.of(pick(random, List.of(Duration.ofMinutes(5), Duration.ofHours(1))))
        : Optional.empty();
    Optional<String> fillnull = random.nextBoolean() ? Optional.of("null") : Optional.empty();
    return new Command.Tstats(AGGREGATIONS, "Endpoint", "Processes", where(random, 3), groupBy, span, fillnull);
  }

  /** A window inside the events' two hours, or around all of them. */
  private static Window window(Random random) {
    if (random.nextInt(3) == 0) {
      return new Window(Instant.EPOCH, START.plus(Duration.ofDays(1)));
    }
    Instant earliest = START.plusSeconds(random.nextInt(7200));
    return new Window(earliest, earliest.plusSeconds(1 + random.nextInt(3600)));
  }

  private static SearchExpr where(Random random, int depth) {
    int kind = depth == 0 ? random.nextInt(2) : random.nextInt(6);
    return switch (kind) {
      case 0 -> new SearchExpr.Compare(field(random), random.nextInt(4) == 0 ? SearchExpr.Operator.NE
          : SearchExpr.Operator.EQ, value(random));
      case 1 -> new SearchExpr.In(field(random), Stream.generate(() -> value(random)).limit(1 + random.nextInt(3)).toList());
      case 2 -> new SearchExpr.Not(where(random, depth - 1));
      case 3 -> new SearchExpr.And(operands(random, depth));
      case 4 -> new SearchExpr.Or(operands(random, depth));
      default -> random.nextInt(4) == 0 ? new SearchExpr.MatchAll() : where(random, depth - 1);
    };
  }

  private static List<SearchExpr> operands(Random random, int depth) {
    return Stream.generate(() -> where(random, depth - 1)).limit(2 + random.nextInt(2)).toList();
  }

  /** A field, with or without the data set's prefix, that the value need not come from. */
  private static String field(Random random) {
    String field = pick(random, FIELDS);
    return random.nextBoolean() ? "Processes." + field : field;
  }

  /**
   * A vocabulary value as written, in other case, or as a pattern: a random stretch of it replaced by
   * {@code *}, maybe with {@code *} at either end, or {@code *} alone.
   */
  private static String value(Random random) {
    String value = pick(random, VOCABULARY.get(pick(random, FIELDS)));
    switch (random.nextInt(5)) {
      case 0:
        return random.nextBoolean() ? value.toUpperCase(Locale.ROOT) : value.toLowerCase(Locale.ROOT);
      case 1: {
        int from = random.nextInt(value.length() + 1);
        int to = from + random.nextInt(value.length() - from + 1);
        return value.substring(0, from) + "*" + value.substring(to);
      }
      case 2:
        return (random.nextBoolean() ? "*" : "") + value.substring(random.nextInt(value.length() + 1))
            + (random.nextBoolean() ? "*" : "");
      case 3:
        return random.nextInt(4) == 0 ? "*" : value;
      default:
        return value;
    }
  }

  private static <T> T pick(Random random, List<T> choices) {
    return choices.get(random.nextInt(choices.size()));
  }
}
