package dev.vigil.ingest;

/** What a recognised line turned into; a bad line is a {@link BadEvent} instead. */
sealed interface Outcome {
  record Mapped(ProcessEvent event) implements Outcome {}

  /** An event Vigil does not store, counted under {@code kind} (e.g. {@code Sysmon EventID 3}). */
  record Skipped(String kind) implements Outcome {}

  /**
   * An event inside another's wrapping: Splunk's JSON export, {@code {"result": {"_raw": "…"}}}. The raw text is
   * read as an event of its own format.
   */
  record Wrapped(String raw) implements Outcome {}
}
