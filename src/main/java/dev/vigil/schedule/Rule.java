package dev.vigil.schedule;

import dev.vigil.query.SearchExecutor;
import dev.vigil.spl.MacroExpander;
import dev.vigil.spl.MacroSource;
import dev.vigil.spl.Pipeline;
import dev.vigil.spl.SplException;
import java.time.Instant;
import java.util.Optional;

/**
 * A detection as this installation runs it: its effective schedule, whether it is enabled (rules ship
 * disabled, SEMANTICS §2.11) and since when, and the macros its search expands with.
 */
public record Rule(Detection detection, Deployment deployment, boolean enabled, Optional<Instant> enabledSince,
                   MacroSource macros) {

  /**
   * The search with macros expanded, parsed and checked by {@code executor} (commands, lookup tables,
   * subsearches), which parses each expanded text once. Throws {@link SplException} positioned in the search as the detection wrote it: inside an
   * expanded macro, at the macro call, and remembering the character of the macro's definition (SEMANTICS §4.7).
   */
  public PreparedSearch prepare(SearchExecutor executor) {
    MacroExpander.Expansion expansion = new MacroExpander(macros).expand(detection.search());
    try {
      return new PreparedSearch(expansion.text(), executor.parse(expansion.text()));
    } catch (SplException e) {
      if (!e.text().equals(expansion.text())) {
        throw e;
      }
      throw new SplException(e.reason(), detection.search(), expansion.originOf(e.position()),
          e.insideMacro().or(() -> expansion.macroOriginOf(e.position())).orElse(null));
    }
  }

  public String stem() {
    return detection.stem();
  }

  /** A search ready to run, with the expanded text its error positions refer to. */
  public record PreparedSearch(String expandedSpl, Pipeline pipeline) {}
}
