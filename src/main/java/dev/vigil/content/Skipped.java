package dev.vigil.content;

/** Content that was read but not imported, where it stands, and why. */
public record Skipped(String kind, String name, String source, String reason) {}
