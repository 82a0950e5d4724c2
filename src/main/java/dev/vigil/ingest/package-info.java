/**
 * Ingest: reads endpoint process-creation events from files and maps them to CIM {@code Endpoint.Processes}
 * (SEMANTICS §3).
 *
 * <p>The public surface is small: {@link dev.vigil.ingest.EventReader} reads a file (formats detected per line),
 * handing each {@link dev.vigil.ingest.ProcessEvent} to a sink and each bad line to a problem callback as an
 * {@link dev.vigil.ingest.IngestProblem}; it returns a {@link dev.vigil.ingest.ReadSummary}.
 * {@link dev.vigil.ingest.EventId} gives a stored event its deterministic id. The mappings of each source live
 * in package-private classes named after the event they map.
 */
package dev.vigil.ingest;
