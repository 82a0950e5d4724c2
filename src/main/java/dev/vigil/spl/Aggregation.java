package dev.vigil.spl;

import java.util.Optional;

/**
 * One tstats or stats aggregation, e.g. {@code min(_time) as firstTime}. Without {@code as}, Splunk names the
 * output after the call as written: {@code count}, {@code values(Processes.process)}.
 */
public record Aggregation(Function function, Optional<String> field, String outputName) {
  public enum Function {
    COUNT, MIN, MAX, VALUES, DC, SUM, AVG, EARLIEST, LATEST;

    static Optional<Function> named(String name) {
      return switch (name.toLowerCase(java.util.Locale.ROOT)) {
        case "count" -> Optional.of(COUNT);
        case "min" -> Optional.of(MIN);
        case "max" -> Optional.of(MAX);
        case "values" -> Optional.of(VALUES);
        case "dc", "distinct_count" -> Optional.of(DC);
        case "sum" -> Optional.of(SUM);
        case "avg" -> Optional.of(AVG);
        case "earliest" -> Optional.of(EARLIEST);
        case "latest" -> Optional.of(LATEST);
        default -> Optional.empty();
      };
    }
  }
}
