package dev.vigil.query;

import dev.vigil.spl.Command;
import dev.vigil.time.Window;
import java.io.IOException;
import java.util.List;

/** Runs the {@code tstats} that opens a search over one window; the rows are sorted by the group-by fields. */
public interface TstatsBackend {
  List<Row> tstats(Command.Tstats tstats, Window window) throws IOException;
}
