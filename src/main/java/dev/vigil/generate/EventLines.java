package dev.vigil.generate;

import java.io.IOException;

/** Writes events in one output format, one line per event. */
interface EventLines extends AutoCloseable {
  void write(SyntheticEvent event) throws IOException;

  @Override
  void close() throws IOException;
}
