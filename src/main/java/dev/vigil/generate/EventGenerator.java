package dev.vigil.generate;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.rng.simple.RandomSource;

/**
 * Synthetic process-creation events of a fleet, streamed in rough time order over {@code hours} ending at
 * {@code end}, with the planted events of {@link PlantedIncidents} among them. The same options give the same
 * bytes: every random choice comes from generators seeded by {@code seed}, and nothing reads the clock.
 */
public final class EventGenerator {
  /** Where generated time ends unless {@code --end} says otherwise: fixed, so that runs are reproducible. */
  public static final Instant DEFAULT_END = Instant.parse("2024-05-16T00:00:00Z");
  /** How far an event may stray from strict time order, as events from many hosts arrive. */
  private static final long JITTER_MILLIS = 2_000;
  /** Planted incidents start on a 5-minute boundary plus this, so that each fits in one span of its rule. */
  private static final long INCIDENT_OFFSET_MILLIS = 5_000;
  private static final long FIVE_MINUTES = Duration.ofMinutes(5).toMillis();
  /**
   * No incident in the last quarter hour: the scheduled runs of the span's hours search up to 10 minutes before
   * its end (SEMANTICS §2.7), and every planted event should be in one of their windows.
   */
  private static final long LAST_MINUTES = Duration.ofMinutes(15).toMillis();

  /** What to generate. */
  public record Options(long events, int hours, long seed, Instant end) {
    public Options {
      if (hours < 1) {
        throw new IllegalArgumentException("--hours must be at least 1, got " + hours);
      }
      if (events < plantedEvents()) {
        throw new IllegalArgumentException("--events must be at least " + plantedEvents()
            + " (the planted events of the shipped rules), got " + events);
      }
    }

    public Instant start() {
      return end.minus(Duration.ofHours(hours));
    }
  }

  private EventGenerator() {}

  /** How many events are planted, whatever the options. */
  public static int plantedEvents() {
    return PlantedIncidents.all().stream().mapToInt(Incident::events).sum();
  }

  /** Writes the events to {@code out} (left open) and returns what each rule must find in them. */
  public static GroundTruth generate(Options options, OutputFormat format, OutputStream out) throws IOException {
    List<Incident> incidents = PlantedIncidents.all();
    // Separate generators: the planted events do not change with --events, the background does not with the table.
    Randoms background = new Randoms(RandomSource.XO_RO_SHI_RO_128_PP.create(options.seed()));
    Randoms planting = new Randoms(RandomSource.XO_RO_SHI_RO_128_PP.create(~options.seed()));
    Fleet fleet = new Fleet();
    ProcessCatalog catalog = new ProcessCatalog(background);
    List<SyntheticEvent> planted = plant(incidents, options, fleet, planting);
    long startMillis = options.start().toEpochMilli();
    long spanMillis = Duration.ofHours(options.hours()).toMillis();
    long backgroundEvents = options.events() - planted.size();
    try (EventLines lines = format.open(new NonClosing(out))) {
      int next = 0;
      for (long i = 0; i < backgroundEvents; i++) {
        long slot = startMillis + (long) ((i + 0.5) * spanMillis / backgroundEvents);
        long time = Math.max(startMillis, Math.min(startMillis + spanMillis - 1,
            slot + background.rng().nextLong(2 * JITTER_MILLIS + 1) - JITTER_MILLIS));
        while (next < planted.size() && planted.get(next).timeMillis() <= time) {
          lines.write(planted.get(next++));
        }
        lines.write(backgroundEvent(time, fleet, catalog, background));
      }
      while (next < planted.size()) {
        lines.write(planted.get(next++));
      }
    }
    return new GroundTruth(options.events(), options.seed(), options.start(), options.end(), truth(incidents));
  }

  /** Per rule, in the table's order: the seed rule has several incidents, whose rows and events add up. */
  private static List<GroundTruth.RuleTruth> truth(List<Incident> incidents) {
    Map<String, List<Incident>> byRule = new LinkedHashMap<>();
    incidents.forEach(incident -> byRule.computeIfAbsent(incident.rule(), rule -> new ArrayList<>()).add(incident));
    List<GroundTruth.RuleTruth> truths = new ArrayList<>();
    byRule.forEach((rule, ofRule) -> truths.add(new GroundTruth.RuleTruth(rule,
        ofRule.stream().mapToInt(Incident::expectedRows).sum(),
        ofRule.stream().mapToInt(Incident::events).sum(),
        ofRule.stream().flatMap(i -> i.commandLines().stream()).distinct().toList(),
        ofRule.get(0).note())));
    return truths;
  }

  private static SyntheticEvent backgroundEvent(long time, Fleet fleet, ProcessCatalog catalog, Randoms random) {
    ProcessCatalog.Program program = catalog.draw();
    ProcessCatalog.Invocation invocation = program.invocation().apply(random);
    boolean system = program.integrityLevel().equals("System");
    String user = system ? "NT AUTHORITY\\SYSTEM" : fleet.user(random);
    return new SyntheticEvent(time, fleet.host(random), user, program.image(),
        ProcessCatalog.commandLine(program, invocation.arguments(), random), random.pid(), random.guid(),
        invocation.parent().image(), invocation.parent().commandLine(), random.pid(), random.guid(),
        program.originalFileName(), program.hashes(), program.integrityLevel(),
        system ? "C:\\Windows\\system32\\" : Fleet.profile(user) + "\\");
  }

  /**
   * The planted events, in time order: incident k of K starts near k/K of the span less its last quarter hour, on a
   * 5-minute boundary, its
   * events one second apart, each with its own pid and parent pid.
   */
  private static List<SyntheticEvent> plant(List<Incident> incidents, Options options, Fleet fleet, Randoms random) {
    long startMillis = options.start().toEpochMilli();
    long spanMillis = Duration.ofHours(options.hours()).toMillis();
    List<SyntheticEvent> events = new ArrayList<>();
    for (int k = 0; k < incidents.size(); k++) {
      Incident incident = incidents.get(k);
      long at = startMillis + Math.floorDiv((long) ((k + 0.5) * (spanMillis - LAST_MINUTES) / incidents.size()),
          FIVE_MINUTES) * FIVE_MINUTES + INCIDENT_OFFSET_MILLIS;
      String dest = incident.linux() ? String.format("lnx-%03d.corp.example.com", 1 + random.rng().nextInt(200))
          : fleet.host(random);
      String user = incident.linux() ? "root" : fleet.user(random);
      String hashes = ProcessCatalog.hashes(random);
      // Consecutive pids: rules that count distinct pids (the DCRat fork bomb) see every event as its own process.
      long pid = random.pid();
      long parentPid = random.pid();
      for (int i = 0; i < incident.starts().size(); i++) {
        Incident.Start start = incident.starts().get(i);
        events.add(new SyntheticEvent(at + i * 1_000L, dest, user, start.image(),
            incident.commandLine(i), pid + 4L * i, random.guid(), start.parentImage(),
            start.parentCommandLine(), parentPid + 4L * i, random.guid(), start.originalFileNameOrImage(), hashes,
            incident.linux() ? "System" : "High", incident.linux() ? "/home/svc/" : Fleet.profile(user) + "\\"));
      }
    }
    events.sort(Comparator.comparingLong(SyntheticEvent::timeMillis));
    return events;
  }

  /** Lets a format's writer close its own buffers without closing the caller's stream. */
  private static final class NonClosing extends FilterOutputStream {
    NonClosing(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }
}
