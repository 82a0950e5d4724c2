package dev.vigil.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.store.NdjsonLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Risk per object over time: the risk scores of each risk object summed per bucket of the period, for the
 * objects of the highest total (ES's risk analysis sorts them so too). The bucket is the shortest of an hour,
 * 3, 6, 12 hours or a day that cuts the period into at most {@value #MAX_BUCKETS} buckets.
 *
 * @param buckets  the start of each bucket, oldest first
 * @param series   the drawn objects, highest total first
 * @param leftOut  how many objects with risk in the period are not drawn
 */
public record RiskSeries(Duration bucket, List<Instant> buckets, List<Series> series, int leftOut) {
  static final int MAX_BUCKETS = 60;
  static final int MAX_SERIES = 8;
  private static final List<Duration> BUCKETS = List.of(Duration.ofHours(1), Duration.ofHours(3),
      Duration.ofHours(6), Duration.ofHours(12), Duration.ofDays(1), Duration.ofDays(7));

  /** One risk event as the chart needs it: its time (the run's scheduled time), object and score. */
  public record RiskPoint(Instant time, String object, String objectType, double score) {}

  /** One object's summed score per bucket, a value for every bucket. */
  public record Series(String object, String objectType, List<Double> scores) {
    public double total() {
      return scores.stream().mapToDouble(Double::doubleValue).sum();
    }
  }

  /**
   * The risk events of {@code file} (the setting risk.output), each as its {@code _time}, {@code risk_object} and
   * score: {@code calculated_risk_score} (priced by the asset's or identity's priority) where set, else
   * {@code risk_score}. A missing file holds none; bad lines are reported to {@code warnings} and skipped.
   */
  public static List<RiskPoint> read(Path file, Consumer<String> warnings) throws IOException {
    List<RiskPoint> points = new ArrayList<>();
    if (!Files.exists(file)) {
      return points;
    }
    new NdjsonLog(file, "risk events file", warnings).read(new NdjsonLog.Lines() {
      @Override
      public void line(long number, JsonNode event) {
        JsonNode score = event.hasNonNull("calculated_risk_score") ? event.get("calculated_risk_score")
            : event.path("risk_score");
        points.add(new RiskPoint(Instant.ofEpochSecond(event.path("_time").asLong()),
            event.path("risk_object").asText(), event.path("risk_object_type").asText(), score.asDouble()));
      }

      @Override
      public void restart() {
        points.clear();
      }
    });
    return points;
  }

  public static RiskSeries of(List<RiskPoint> points, Period period) {
    Duration bucket = BUCKETS.stream()
        .filter(b -> period.length().toMillis() <= b.toMillis() * MAX_BUCKETS)
        .findFirst().orElse(BUCKETS.get(BUCKETS.size() - 1));
    List<Instant> starts = new ArrayList<>();
    for (Instant t = period.start(); t.isBefore(period.end()); t = t.plus(bucket)) {
      starts.add(t);
    }
    Map<String, double[]> byObject = new LinkedHashMap<>();
    Map<String, String> types = new LinkedHashMap<>();
    for (RiskPoint p : points) {
      if (period.contains(p.time())) {
        int i = (int) (Duration.between(period.start(), p.time()).toMillis() / bucket.toMillis());
        byObject.computeIfAbsent(p.object(), o -> new double[starts.size()])[i] += p.score();
        types.putIfAbsent(p.object(), p.objectType());
      }
    }
    List<Series> all = new ArrayList<>();
    byObject.forEach((object, scores) -> all.add(new Series(object, types.get(object),
        Arrays.stream(scores).boxed().toList())));
    all.sort(Comparator.comparingDouble(Series::total).reversed().thenComparing(Series::object));
    List<Series> drawn = all.subList(0, Math.min(MAX_SERIES, all.size()));
    return new RiskSeries(bucket, starts, List.copyOf(drawn), all.size() - drawn.size());
  }

  /** "hour", "3 hours", "day" or "week". */
  public String bucketName() {
    long hours = bucket.toHours();
    return hours == 1 ? "hour" : hours < 24 ? hours + " hours" : hours == 24 ? "day" : "week";
  }

  public double maxScore() {
    return series.stream().flatMap(s -> s.scores().stream()).mapToDouble(Double::doubleValue).max().orElse(0);
  }
}
