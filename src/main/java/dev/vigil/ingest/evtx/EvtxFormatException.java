package dev.vigil.ingest.evtx;

/** Why a structure inside a chunk cannot be decoded; caught per record (or chunk) and turned into an {@link EvtxProblem}. */
final class EvtxFormatException extends Exception {
  EvtxFormatException(String reason) {
    super(reason, null, false, false); // the reason is all a caller needs; hostile files can make many of these
  }
}
