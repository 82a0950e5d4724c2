package dev.vigil.content;

import dev.vigil.plan.DataSet;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which data a search reads, so that import keeps only the searches Vigil can answer: a {@code | tstats} over
 * a data set Vigil stores ({@link DataSet}: {@code Endpoint.Processes}, {@code Risk.All_Risk}), or an
 * {@code | inputlookup}. Every data model the search names (also in subsearches and joins) must be one of them.
 */
final class DataSets {
  private static final Pattern DATAMODEL = Pattern.compile("\\bdatamodel\\s*[=:\\s]\\s*\"?([A-Za-z_][\\w]*(?:\\.[\\w]+)*)");
  private static final Pattern FIRST_COMMAND = Pattern.compile("\\|\\s*(\\w+)");

  private DataSets() {}

  /** Empty when Vigil stores what the search reads; else that data set, e.g. {@code datamodel=Network_Traffic}. */
  static Optional<String> unsupported(String search) {
    Matcher models = DATAMODEL.matcher(search);
    boolean readsStored = false;
    while (models.find()) {
      String named = models.group(1);
      if (Arrays.stream(DataSet.values()).noneMatch(d -> d.qualifiedName().equals(named))) {
        return Optional.of("datamodel=" + named);
      }
      readsStored = true;
    }
    String start = search.strip();
    Matcher first = FIRST_COMMAND.matcher(start);
    if (!start.startsWith("|") || !first.lookingAt()) {
      String firstTerm = start.isEmpty() ? "" : start.split("\\s+", 2)[0];
      return Optional.of("events of an index (the search starts with " + firstTerm + ")");
    }
    String command = first.group(1).toLowerCase(Locale.ROOT);
    if (command.equals("inputlookup")) {
      return Optional.empty();
    }
    if (!command.equals("tstats")) {
      return Optional.of("| " + command);
    }
    return readsStored ? Optional.empty() : Optional.of("tstats over indexed fields (no datamodel)");
  }
}
