package dev.vigil.schedule;

import java.nio.file.Path;

/**
 * Where an installation keeps its content and configuration: {@code schedules/} (detections and their
 * default schedules, as shipped), {@code config/} (settings and macros, as shipped) and {@code config/local/}
 * (what administrators change; it beats the shipped files, as Splunk's {@code local/} beats {@code default/}).
 */
public record Home(Path root) {
  public Path detections() {
    return root.resolve("schedules").resolve("detections");
  }

  public Path deployments() {
    return root.resolve("schedules").resolve("deployments");
  }

  public Path config() {
    return root.resolve("config");
  }

  public Path settingsFile() {
    return config().resolve("vigil.yml");
  }

  public Path macros() {
    return config().resolve("macros");
  }

  public Path lookups() {
    return config().resolve("lookups");
  }

  public Path local() {
    return config().resolve("local");
  }

  public Path localSettingsFile() {
    return local().resolve("vigil.yml");
  }

  public Path localMacros() {
    return local().resolve("macros");
  }

  /** Detections an administrator added or imported; one with a shipped detection's file stem replaces it. */
  public Path localDetections() {
    return local().resolve("detections");
  }

  /** Lookup tables an administrator added or imported; one with a shipped table's name replaces it. */
  public Path localLookups() {
    return local().resolve("lookups");
  }

  public Path localRules() {
    return local().resolve("rules");
  }

  public Path auditLog() {
    return local().resolve("audit.log");
  }
}
