package dev.vigil.risk;

import java.util.Map;

/** A risk event: its idempotency id and its fields in output order. */
public record RiskEvent(String id, Map<String, Object> fields) {}
