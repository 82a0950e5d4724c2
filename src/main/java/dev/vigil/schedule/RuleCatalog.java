package dev.vigil.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.spl.Macro;
import dev.vigil.spl.MacroLibrary;
import dev.vigil.spl.MacroSource;
import dev.vigil.time.CronSchedule;
import dev.vigil.time.TimeModifier;
import dev.vigil.time.TimeSyntaxException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import org.apache.commons.text.similarity.LevenshteinDistance;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Every detection of the installation with its effective schedule and state: shipped detections and ESCU
 * default schedules from {@code schedules/}, shipped macros from {@code config/macros/}, and what
 * administrators changed or imported in {@code config/local/} on top: a detection in
 * {@code config/local/detections/} replaces the shipped one of the same file stem, as an app's {@code local/}
 * beats its {@code default/}. A file that cannot be loaded is reported and
 * skipped; the other rules still load (SEMANTICS §4.7).
 */
public final class RuleCatalog {
  private final Home home;
  private final boolean withLocal;
  private final Map<String, DeploymentFile> deploymentsByType;
  private final MacroSource shippedMacros;
  private final List<Rule> rules;
  private final List<String> configurationProblems;
  private final List<String> detectionProblems;
  private final Map<String, String> localProblems;

  /** A type's default schedule and the file it was read from. */
  private record DeploymentFile(Path file, Deployment deployment) {}

  private RuleCatalog(Home home, boolean withLocal, Map<String, DeploymentFile> deploymentsByType, MacroSource shippedMacros,
                      List<Rule> rules, List<String> configurationProblems, List<String> detectionProblems,
                      Map<String, String> localProblems) {
    this.home = home;
    this.withLocal = withLocal;
    this.deploymentsByType = deploymentsByType;
    this.shippedMacros = shippedMacros;
    this.rules = List.copyOf(rules);
    this.configurationProblems = List.copyOf(configurationProblems);
    this.detectionProblems = List.copyOf(detectionProblems);
    this.localProblems = Map.copyOf(localProblems);
  }

  public static RuleCatalog load(Home home) {
    return load(home, true);
  }

  /**
   * @param withLocal false to leave out what administrators changed in {@code config/local/} (macros such as a
   *                  rule's filter, rule overrides), as contentctl tests a detection on its shipped form
   */
  public static RuleCatalog load(Home home, boolean withLocal) {
    List<String> problems = new ArrayList<>();
    Map<String, DeploymentFile> deployments = new HashMap<>();
    for (Path file : yamlFiles(home.deployments())) {
      try {
        JsonNode root = ContentYaml.read(file);
        JsonNode scheduling = root.path("scheduling");
        deployments.put(ContentYaml.requiredText(root, "type", file).toLowerCase(Locale.ROOT), new DeploymentFile(file,
            new Deployment(
            ContentYaml.requiredText(scheduling, "cron_schedule", file),
            ContentYaml.requiredText(scheduling, "earliest_time", file),
            ContentYaml.requiredText(scheduling, "latest_time", file),
            scheduling.path("schedule_window").asText(""),
            scheduling.path("realtime_schedule").asInt(0) == 1,
            root.path("alert_action").path("rba").path("enabled").asBoolean(false),
            Optional.empty(),
            notable(root.path("alert_action").path("notable")),
            suppression(root, Optional.empty(), file))));
      } catch (ContentException e) {
        problems.add(e.getMessage());
      }
    }
    MacroSource macros;
    try {
      MacroLibrary library = MacroLibrary.load(withLocal ? List.of(home.macros(), home.localMacros()) : List.of(home.macros()));
      problems.addAll(library.problems());
      macros = library;
    } catch (IOException e) {
      problems.add("cannot list the macro folders: " + e.getMessage());
      macros = (name, arity) -> Optional.empty();
    }
    RuleCatalog catalog = new RuleCatalog(home, withLocal, deployments, macros, List.of(), List.of(), List.of(), Map.of());
    List<Rule> rules = new ArrayList<>();
    List<String> detectionProblems = new ArrayList<>();
    Map<String, String> localProblems = new HashMap<>();
    for (Path file : detectionFiles(home)) {
      try {
        Detection detection = DetectionLoader.load(file);
        rules.add(catalog.ruleFor(detection, problem -> {
          detectionProblems.add(new ContentException(problem, "the rule is disabled until the file is fixed"
              + " ('vigil rules disable " + detection.stem() + "' replaces it)").getMessage());
          localProblems.put(detection.stem(), problem.getMessage());
        }));
      } catch (ContentException e) {
        detectionProblems.add(e.getMessage());
      }
    }
    return new RuleCatalog(home, withLocal, deployments, macros, rules, problems, detectionProblems, localProblems);
  }

  public List<Rule> rules() {
    return rules;
  }

  /**
   * The rules of an analytic story, matched case-insensitively as ES's content management does; a story no rule
   * tells is an error, with the nearest story offered.
   */
  public List<Rule> ofStory(String story) {
    List<Rule> told = rules.stream()
        .filter(rule -> rule.detection().analyticStories().stream().anyMatch(story::equalsIgnoreCase)).toList();
    if (told.isEmpty()) {
      Set<String> stories = new TreeSet<>();
      rules.forEach(rule -> rule.detection().analyticStories().forEach(s -> stories.add(s.toLowerCase(Locale.ROOT))));
      throw new IllegalArgumentException("no rule belongs to the analytic story '" + story + "'"
          + ConfigurationKeys.suggestion(story.toLowerCase(Locale.ROOT), stories)
              .map(near -> " (did you mean '" + originalCase(near) + "'?)").orElse(""));
    }
    return told;
  }

  private String originalCase(String lowerStory) {
    return rules.stream().flatMap(rule -> rule.detection().analyticStories().stream())
        .filter(lowerStory::equalsIgnoreCase).findFirst().orElse(lowerStory);
  }

  public List<Rule> enabledRules() {
    return rules.stream().filter(Rule::enabled).toList();
  }

  /** Files that could not be loaded, each message naming the file and field: configuration, then detections. */
  public List<String> problems() {
    List<String> all = new ArrayList<>(configurationProblems);
    all.addAll(detectionProblems);
    return all;
  }

  /**
   * Why the rule's override in {@code config/local/rules/} is not used, when it cannot be read or holds a bad
   * value (the rule then loads disabled); empty when it is used or there is none.
   */
  public Optional<String> localProblem(String stem) {
    return Optional.ofNullable(localProblems.get(stem));
  }

  /** Problems of the files every rule depends on (deployments, macros), not of one detection. */
  public List<String> configurationProblems() {
    return configurationProblems;
  }

  public Home home() {
    return home;
  }

  /**
   * A rule by file stem, name or id; or, for the path of a detection YAML file, that detection with the shipped
   * macros and its type's default schedule.
   */
  public Optional<Rule> find(String reference) {
    Optional<Rule> named = named(reference);
    Path path = Path.of(reference);
    if (named.isEmpty() && (reference.endsWith(".yml") || reference.endsWith(".yaml")) && Files.isRegularFile(path)) {
      return Optional.of(forFile(path));
    }
    return named;
  }

  private Optional<DeploymentFile> deploymentFile(Detection detection) {
    return Optional.ofNullable(deploymentsByType.get(detection.type().toLowerCase(Locale.ROOT)));
  }

  /** The file of the default schedule of the rule's type. */
  public Path deploymentFileOf(Rule rule) {
    return deploymentFile(rule.detection()).orElseThrow().file();
  }

  /** The rule's file in {@code config/local/rules/} when the catalog took the rule's settings from it. */
  public Optional<Path> localFileOf(Rule rule) {
    Path file = home.localRules().resolve(rule.stem() + ".yml");
    return withLocal && Files.exists(file) && !localProblems.containsKey(rule.stem()) ? Optional.of(file)
        : Optional.empty();
  }

  /** A rule of the catalog by file stem, name or id; never a file elsewhere. */
  public Optional<Rule> named(String reference) {
    for (Rule rule : rules) {
      Detection d = rule.detection();
      if (d.stem().equals(reference) || d.name().equalsIgnoreCase(reference) || d.id().equalsIgnoreCase(reference)) {
        return Optional.of(rule);
      }
    }
    return Optional.empty();
  }

  /** The detection in {@code file}, with the installed macros and its type's default schedule and local state. */
  public Rule forFile(Path file) {
    return ruleFor(DetectionLoader.load(file), problem -> {
      throw problem;
    });
  }

  /** Takes a rule's local override that cannot be used; the rule itself still loads. */
  private interface LocalProblems {
    void accept(ContentException problem);
  }

  /**
   * The rule of {@code detection}. An override in {@code config/local/rules/} that cannot be read or holds a
   * bad value goes to {@code localProblems}, and the rule loads as shipped and disabled: a broken override must
   * not hide the rule, or 'vigil rules disable' could not replace it.
   */
  private Rule ruleFor(Detection detection, LocalProblems localProblems) {
    Deployment deployment = deploymentFile(detection).map(DeploymentFile::deployment).orElseThrow(() ->
        new ContentException(detection.file(), 0, "type",
            "no default schedule for type '" + detection.type() + "' in " + home.deployments()));
    Path localFile = home.localRules().resolve(detection.stem() + ".yml");
    boolean enabled = false;
    Optional<Instant> since = Optional.empty();
    boolean overridden = false;
    if (withLocal && Files.exists(localFile)) {
      try {
        String text = ContentYaml.text(localFile);
        JsonNode local = ContentYaml.parse(localFile, text);
        List<String> unknown = ConfigurationKeys.unknown(localFile, text, ConfigurationKeys.RULE_OVERRIDES);
        if (!unknown.isEmpty()) {
          throw new ContentException(String.join("\n", unknown));
        }
        Deployment withOverrides = overridden(deployment, local, localFile);
        validate(withOverrides, localFile);
        since = enabledAt(local, localFile);
        enabled = local.path("enabled").asBoolean(false);
        deployment = withOverrides;
        overridden = true;
      } catch (ContentException e) {
        localProblems.accept(e);
      }
    }
    if (!overridden) {
      validate(deployment, home.deployments());
    }
    // A rule's filter macro defaults to `search *` when no file defines it (SEMANTICS §4.4).
    MacroSource filterDefault = (name, arity) -> name.equals(detection.filterMacro()) && arity == 0
        ? Optional.of(new Macro(name, List.of(), "search *"))
        : Optional.empty();
    return new Rule(detection, deployment, enabled, since, shippedMacros.orElse(filterDefault));
  }

  private static Optional<Instant> enabledAt(JsonNode local, Path localFile) {
    if (!local.hasNonNull("enabled_at")) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.parse(local.get("enabled_at").asText()));
    } catch (DateTimeParseException e) {
      throw new ContentException(localFile, 0, "enabled_at", "not an ISO-8601 instant: " + local.get("enabled_at").asText());
    }
  }

  private static Deployment overridden(Deployment deployment, JsonNode local, Path localFile) {
    return new Deployment(
        local.path("cron_schedule").asText(deployment.cron()),
        local.path("earliest_time").asText(deployment.earliest()),
        local.path("latest_time").asText(deployment.latest()),
        deployment.scheduleWindow(),
        local.has("realtime_schedule") ? local.get("realtime_schedule").asInt() == 1 : deployment.realtimeSchedule(),
        deployment.riskEnabled(),
        local.hasNonNull("lookback")
            ? Optional.of(Settings.parseLookback(localFile, "lookback", local.get("lookback").asText()))
            : Optional.empty(),
        deployment.notable(),
        suppression(local, deployment.suppression(), localFile));
  }

  /**
   * Splunk's {@code alert.suppress}, {@code alert.suppress.period} and {@code alert.suppress.fields} (comma
   * separated, or a list), as keys of a deployment or of a rule's local file: what a file leaves out it inherits.
   */
  static Optional<Deployment.Suppression> suppression(JsonNode node, Optional<Deployment.Suppression> inherited,
                                                      Path file) {
    JsonNode on = node.path("alert.suppress");
    boolean suppress = on.isMissingNode() || on.isNull() ? inherited.isPresent()
        : SplunkBoolean.parse(on.asText()).orElseThrow(() -> new ContentException(file, 0, "alert.suppress",
            "'" + on.asText() + "' is not a boolean (1 or 0, true or false)"));
    if (!suppress) {
      return Optional.empty();
    }
    Duration period = node.hasNonNull("alert.suppress.period")
        ? Settings.parsePeriod(file, "alert.suppress.period", node.get("alert.suppress.period").asText())
        : inherited.map(Deployment.Suppression::period).orElseThrow(() -> new ContentException(file, 0,
            "alert.suppress.period", "missing: alert.suppress needs the period notables are suppressed for"));
    List<String> fields = new ArrayList<>();
    JsonNode named = node.path("alert.suppress.fields");
    if (named.isArray()) {
      named.forEach(field -> fields.add(field.asText().strip()));
    } else if (named.isTextual()) {
      for (String field : named.asText().split(",")) {
        if (!field.isBlank()) {
          fields.add(field.strip());
        }
      }
    } else {
      inherited.ifPresent(s -> fields.addAll(s.fields()));
    }
    return Optional.of(new Deployment.Suppression(period, fields));
  }

  /**
   * The rule a mistyped reference most likely meant: the only stem that contains it, else the stem closest to it by
   * edit distance, if that is at most a third of the reference's length. Empty when none is near.
   */
  public Optional<String> nearestStem(String reference) {
    String wanted = reference.toLowerCase(Locale.ROOT).replace(' ', '_').replace(".yml", "");
    List<String> containing = rules.stream().map(Rule::stem).filter(stem -> stem.contains(wanted)).toList();
    if (containing.size() == 1) {
      return Optional.of(containing.get(0));
    }
    LevenshteinDistance distance = LevenshteinDistance.getDefaultInstance();
    return rules.stream().map(Rule::stem)
        .min(java.util.Comparator.comparingInt((String stem) -> distance.apply(stem, wanted)).thenComparing(s -> s))
        .filter(stem -> distance.apply(stem, wanted) * 3 <= wanted.length());
  }

  /** {@code alert_action.notable} of a deployment; empty when it has none. */
  private static Optional<Deployment.Notable> notable(JsonNode notable) {
    if (notable.isMissingNode() || notable.isNull()) {
      return Optional.empty();
    }
    List<String> nesFields = new ArrayList<>();
    notable.path("nes_fields").forEach(field -> nesFields.add(field.asText().strip()));
    return Optional.of(new Deployment.Notable(notable.path("rule_title").asText("%name%"),
        notable.path("rule_description").asText("%description%"), nesFields));
  }

  /** A schedule that cannot work is reported when it is loaded, with the caret under the bad character. */
  private static void validate(Deployment deployment, Path source) {
    check(source, "cron_schedule", () -> CronSchedule.parse(deployment.cron()));
    check(source, "earliest_time", () -> TimeModifier.parse(deployment.earliest()));
    check(source, "latest_time", () -> TimeModifier.parse(deployment.latest()));
  }

  private static void check(Path source, String field, Runnable parse) {
    try {
      parse.run();
    } catch (TimeSyntaxException e) {
      throw new ContentException(source, 0, field, e.getMessage());
    }
  }

  /** Shipped detections, each replaced by a local one of the same stem, in stem order. */
  private static List<Path> detectionFiles(Home home) {
    Map<String, Path> byStem = new java.util.TreeMap<>();
    for (Path folder : List.of(home.detections(), home.localDetections())) {
      for (Path file : yamlFiles(folder)) {
        byStem.put(file.getFileName().toString().replaceFirst("\\.ya?ml$", ""), file);
      }
    }
    return List.copyOf(byStem.values());
  }

  private static List<Path> yamlFiles(Path folder) {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> listing = Files.list(folder)) {
      return listing.filter(p -> p.toString().endsWith(".yml") || p.toString().endsWith(".yaml")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
