package dev.vigil.ingest.evtx;

/**
 * The work one record may take. Templates and Binary XML values can refer to one another, so a small hostile
 * record could otherwise ask for exponentially many steps or characters; a real event needs a tiny fraction.
 */
final class DecodeBudget {
  static final int MAX_STEPS = 2_000_000;
  private int steps;

  void charge() throws EvtxFormatException {
    if (++steps > MAX_STEPS) {
      throw new EvtxFormatException("decoding needs more than " + MAX_STEPS + " steps (templates or values that "
          + "refer to one another over and over)");
    }
  }
}
