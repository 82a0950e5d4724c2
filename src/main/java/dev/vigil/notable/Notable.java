package dev.vigil.notable;

import java.util.Map;

/** A notable event: its deterministic id ({@code event_id}) and its fields in output order. */
public record Notable(String id, Map<String, Object> fields) {}
