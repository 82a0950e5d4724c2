package dev.vigil.schedule;

import dev.vigil.spl.MacroExpander;
import dev.vigil.spl.MacroSource;
import dev.vigil.spl.Pipeline;
import dev.vigil.spl.SplException;
import dev.vigil.spl.SplParser;
import java.time.Instant;
import java.util.Optional;

/**
 * A detection as this installation runs it: its effective schedule, whether it is enabled (rules ship
 * disabled, SEMANTICS §2.11) and since when, and the macros its search expands with.
 */
public record Rule(Detection detection, Deployment deployment, boolean enabled, Optional<Instant> enabledSince,
                   MacroSource macros) {

  /** The search with macros expanded, parsed; throws {@link dev.vigil.spl.SplException} when it is not valid. */
  public PreparedSearch prepare() {
    MacroExpander.Expansion expansion = new MacroExpander(macros).expand(detection.search());
    try {
      return new PreparedSearch(expansion.text(), SplParser.parse(expansion.text()));
    } catch (SplException e) {
      // Point at what the author wrote: inside an expanded macro, that is the macro call.
      throw new SplException(e.reason(), detection.search(), expansion.originOf(e.position()));
    }
  }

  public String stem() {
    return detection.stem();
  }

  /** A search ready to run, with the expanded text its error positions refer to. */
  public record PreparedSearch(String expandedSpl, Pipeline pipeline) {}
}
