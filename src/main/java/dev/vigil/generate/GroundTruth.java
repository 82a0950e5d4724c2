package dev.vigil.generate;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * What a generated file holds and what each shipped rule must find in it, searched over the file's whole span.
 *
 * @param rules one entry per shipped rule, in the order of the planted table
 */
public record GroundTruth(long events, long seed, String start, String end, List<RuleTruth> rules) {
  GroundTruth(long events, long seed, Instant start, Instant end, List<RuleTruth> rules) {
    this(events, seed, start.toString(), end.toString(), rules);
  }


  /** A rule's planted events and the rows it gives over them; {@code note} says why, where it is not one per event. */
  public record RuleTruth(String rule, int expectedRows, int plantedEvents, List<String> commandLines, String note) {}

  /** The truth of one rule. */
  public RuleTruth of(String rule) {
    return rules.stream().filter(r -> r.rule().equals(rule)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no planted events for rule " + rule));
  }

  /** One line per rule, for stderr: {@code truth: RULE rows=N planted=M}. */
  public List<String> lines() {
    return rules.stream()
        .map(r -> "truth: " + r.rule() + " rows=" + r.expectedRows() + " planted=" + r.plantedEvents()
            + (r.note().isEmpty() ? "" : " (" + r.note() + ")"))
        .toList();
  }

  public void writeJson(Path file) throws IOException {
    new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(file.toFile(), this);
  }
}
