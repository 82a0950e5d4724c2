package dev.vigil.schedule;

import java.nio.file.Path;
import java.util.List;

/**
 * A security_content detection as shipped: the YAML file's fields that Vigil uses.
 *
 * @param stem the file name without {@code .yml}; also the prefix of the rule's filter macro
 * @param type TTP, Anomaly, Hunting …: selects the default schedule (the ESCU deployment of that type)
 */
public record Detection(Path file, String stem, String id, String name, String type, String search,
                        String description, String message, int confidence, int impact, Integer riskScore,
                        List<String> mitreAttackIds, List<String> analyticStories, List<Observable> observables) {
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

  /** {@code <stem>_filter}: where administrators tune false positives (SEMANTICS §4.4). */
  public String filterMacro() {
    return stem + "_filter";
  }

  /** The saved search's name as ES shows it: {@code ESCU - <name> - Rule} (SEMANTICS §5.2). */
  public String searchName() {
    return "ESCU - " + name + " - Rule";
  }
}
