package dev.vigil.cli;

import dev.vigil.lookup.LookupTables;
import dev.vigil.query.SearchExecutor;
import dev.vigil.lookup.AssetsAndIdentities;
import dev.vigil.risk.AttackTactics;
import dev.vigil.risk.RiskEnrichment;
import dev.vigil.schedule.Home;
import dev.vigil.store.EventIndex;
import dev.vigil.store.MissingIndexException;
import dev.vigil.schedule.Rule;
import dev.vigil.schedule.RuleCatalog;
import dev.vigil.schedule.Settings;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.function.Function;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Options every command shares, and what they resolve to: the installation folder (content and
 * configuration), its settings, and the index folder.
 */
final class Installation {
  @Option(names = "--index", paramLabel = "DIR",
      description = "Index folder: events, risk events, run ledger (default: the setting 'index', index/).")
  Path index;

  @Option(names = "--home", paramLabel = "DIR", hidden = true,
      description = "Installation folder holding schedules/ and config/ (default: where the vigil launcher lies).")
  Path home;

  @Spec(Spec.Target.MIXEE)
  CommandSpec mixee;

  /** The one place where Vigil takes the wall clock; everything below receives it. */
  final Clock clock = Clock.systemUTC();

  Home home() {
    Path home = given(this.home, vigil -> vigil.home);
    if (home != null) {
      return new Home(home);
    }
    String fromLauncher = System.getProperty("vigil.home");
    return new Home(Path.of(fromLauncher != null ? fromLauncher : "."));
  }

  /**
   * The index folder, which {@code vigil ingest} must have made: a folder without one is an error. With the events
   * on an OpenSearch cluster the folder holds the ledger, risk events and notables only, and must exist.
   */
  Path existingIndexDir() throws IOException {
    Path dir = indexDir();
    boolean made = settings().store().openSearch().isPresent() ? java.nio.file.Files.isDirectory(dir)
        : EventIndex.exists(dir);
    if (!made) {
      throw new MissingIndexException(dir);
    }
    return dir;
  }

  Settings settings() {
    return Settings.load(home());
  }

  /** {@code --index} as given, after the subcommand or before it; null when not given. */
  Path indexOption() {
    return given(index, vigil -> vigil.index);
  }

  /**
   * An option given after the subcommand, else the same option given before it, as in {@code vigil --index X rules
   * list}: picocli keeps the two apart, and the one nearer the command wins.
   */
  private Path given(Path own, Function<Vigil, Path> global) {
    if (own != null || mixee == null) {
      return own;
    }
    return mixee.root().userObject() instanceof Vigil vigil ? global.apply(vigil) : null;
  }

  Path indexDir() {
    Path index = indexOption();
    if (index != null) {
      return index;
    }
    Path configured = settings().index();
    return configured.isAbsolute() ? configured : home().root().resolve(configured);
  }

  RuleCatalog catalog() {
    return RuleCatalog.load(home());
  }

  /**
   * {@code config/local/assets.csv}, {@code identities.csv} and {@code mitre_enrichment.csv}; a bad file is a
   * configuration error.
   */
  RiskEnrichment enrichment() {
    Path assets = home().local().resolve("assets.csv");
    Path identities = home().local().resolve("identities.csv");
    Path tactics = home().local().resolve("mitre_enrichment.csv");
    try {
      return new RiskEnrichment(AssetsAndIdentities.load(assets, identities), AttackTactics.load(tactics));
    } catch (IOException e) {
      throw new Errors.UsageException("cannot load " + e.getMessage());
    }
  }

  /**
   * The lookup tables of {@code config/lookups/} with {@code config/local/lookups/} on top; a folder that cannot
   * be read is a configuration error.
   */
  LookupTables lookups() {
    try {
      return LookupTables.load(java.util.List.of(home().lookups(), home().localLookups()));
    } catch (IOException e) {
      throw new Errors.UsageException("cannot load the lookup tables in " + home().lookups() + " and "
          + home().localLookups() + ": " + e.getMessage());
    }
  }

  /** Checks searches without running them ({@code validate}, {@code rules show}). */
  SearchExecutor checker() {
    return new SearchExecutor(plan -> {
      throw new IllegalStateException("checking a search does not run it");
    }, settings().zone(), lookups());
  }

  Rule rule(String reference) {
    return rule(catalog(), reference);
  }

  /** @param withLocal false for the rule as shipped, without {@code config/local/} macros and overrides */
  Rule rule(String reference, boolean withLocal) {
    return rule(RuleCatalog.load(home(), withLocal), reference);
  }

  Rule rule(RuleCatalog catalog, String reference) {
    return catalog.find(reference).orElseThrow(() -> new Errors.UsageException("no rule '" + reference + "'"
        + didYouMean(catalog, reference) + ": give a file stem, name or id from 'vigil rules list', or a detection"
        + " YAML file"));
  }

  /** {@code " (did you mean 'x'?)"} for the rule nearest to a reference that names none; empty when none is near. */
  static String didYouMean(RuleCatalog catalog, String reference) {
    return catalog.nearestStem(reference).map(stem -> " (did you mean '" + stem + "'?)").orElse("");
  }
}
