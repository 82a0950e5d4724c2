package dev.vigil.schedule;

import java.nio.file.Path;
import java.util.List;

/**
 * A security_content detection as shipped: the YAML file's fields that Vigil uses.
 *
 * @param stem the file name without {@code .yml}; the rule's handle on the command line
 * @param type TTP, Anomaly, Hunting, Correlation …: selects the default schedule (the deployment of that type)
 * @param securityDomain {@code tags.security_domain}: endpoint, network, access, … ({@code threat} when absent)
 */
public record Detection(Path file, String stem, String id, String name, String type, String search,
                        String description, String message, int confidence, int impact, Integer riskScore,
                        List<String> mitreAttackIds, List<String> analyticStories, List<Observable> observables,
                        String securityDomain) {
  public Detection {
    mitreAttackIds = List.copyOf(mitreAttackIds);
    analyticStories = List.copyOf(analyticStories);
    observables = List.copyOf(observables);
  }

  /** An entry of {@code tags.observable}: a field of the results, its type and its roles. */
  public record Observable(String name, String type, List<String> roles) {
    public Observable {
      roles = List.copyOf(roles);
    }
  }

  /**
   * {@code <name>_filter}, the name lower-cased with every other character than a-z and 0-9 made {@code _}, as
   * contentctl names it: where administrators tune false positives (SEMANTICS §4.4).
   */
  public String filterMacro() {
    return name.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]", "_") + "_filter";
  }

  /** A risk incident rule ({@code type: Correlation}): it reads the risk events, not the process events. */
  public boolean isRiskIncidentRule() {
    return type.equalsIgnoreCase("Correlation");
  }

  /** The risk score of its risk objects: {@code tags.risk_score}, else confidence × impact / 100 (SEMANTICS §5.1). */
  public int score() {
    return riskScore != null ? riskScore : Math.round(confidence * impact / 100f);
  }

  /** The saved search's name as ES shows it: {@code ESCU - <name> - Rule} (SEMANTICS §5.2). */
  public String searchName() {
    return "ESCU - " + name + " - Rule";
  }
}
