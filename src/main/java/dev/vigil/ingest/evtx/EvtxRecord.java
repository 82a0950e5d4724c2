package dev.vigil.ingest.evtx;

/**
 * One record of an {@code .evtx} file, rendered as the event XML that Windows shows (what Splunk's
 * {@code XmlWinEventLog} stores): one line, no XML declaration.
 *
 * @param recordId   the record's number in the file (an export numbers its records from 1; the XML's
 *                   {@code EventRecordID} keeps the number of the log it came from)
 * @param fileOffset where the record starts in the file
 * @param xml        the {@code <Event>} element
 */
public record EvtxRecord(long recordId, long fileOffset, String xml) {}
