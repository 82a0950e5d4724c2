package dev.vigil.ingest;

import java.io.IOException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Everything one read produced, for assertions. */
record Ingested(List<ProcessEvent> events, List<IngestProblem> problems, ReadSummary summary) {
  static final Path DATASETS = Path.of("../shared/content/datasets");

  static Ingested dataset(String fileName) {
    try {
      List<ProcessEvent> events = new ArrayList<>();
      List<IngestProblem> problems = new ArrayList<>();
      ReadSummary summary = new EventReader().read(DATASETS.resolve(fileName), events::add, problems::add);
      return new Ingested(events, problems, summary);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Ingested text(String name, String content) {
    try {
      List<ProcessEvent> events = new ArrayList<>();
      List<IngestProblem> problems = new ArrayList<>();
      ReadSummary summary = new EventReader().read(new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)), name, events::add, problems::add);
      return new Ingested(events, problems, summary);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Ingested lines(String name, String... lines) {
    return text(name, String.join("\n", lines) + "\n");
  }

  ProcessEvent only() {
    if (events.size() != 1 || !problems.isEmpty()) {
      throw new AssertionError("expected exactly one event and no problems, got " + events + " " + problems);
    }
    return events.get(0);
  }
}
