package dev.vigil.bench;

/**
 * One measured figure: a row of the benchmark's table.
 *
 * @param section what was measured (ingest, index, heap, query, rules)
 * @param subject of what, e.g. {@code cim} or a rule's stem
 * @param metric the quantity, e.g. {@code events_per_s}
 * @param threads threads the work ran on
 */
public record Figure(String section, String subject, String metric, double value, String unit, int threads) {}
