package dev.vigil.ingest;

/**
 * One record of an {@code .evtx} file, rendered as the event XML that Windows shows (what Splunk's
 * {@code XmlWinEventLog} stores): one line, no XML declaration.
 *
 * @param recordId   the record identifier from the record header (the event's {@code EventRecordID})
 * @param fileOffset where the record starts in the file
 * @param xml        the {@code <Event>} element
 */
record EvtxRecord(long recordId, long fileOffset, String xml) {}
