package dev.vigil.schedule;

import dev.vigil.spl.Macro;
import dev.vigil.spl.MacroExpander;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Where each setting of a rule comes from, as {@code splunk btool savedsearches list --debug} tells for Splunk's
 * layers: the detection file, the default schedule of its type, the administrator's {@code config/local/rules/}
 * file, a macro file, or Vigil's default.
 */
public final class RuleOrigins {
  /** @param origin {@code file:line}, or {@code (default)} for a value no file sets */
  public record Setting(String origin, String key, String value) {}

  private static final String DEFAULT = "(default)";

  private final Home home;
  private final YamlFile detection;
  private final YamlFile deployment;
  private final Optional<YamlFile> local;

  private RuleOrigins(Home home, YamlFile detection, YamlFile deployment, Optional<YamlFile> local) {
    this.home = home;
    this.detection = detection;
    this.deployment = deployment;
    this.local = local;
  }

  /** The rule's settings with their origins: the detection's, then the schedule's, then the macros' it calls. */
  public static List<Setting> of(RuleCatalog catalog, Rule rule) throws IOException {
    Optional<Path> localFile = catalog.localFileOf(rule);
    Optional<YamlFile> local = localFile.isPresent() ? Optional.of(YamlFile.read(localFile.get())) : Optional.empty();
    RuleOrigins origins = new RuleOrigins(catalog.home(), YamlFile.read(rule.detection().file()),
        YamlFile.read(catalog.deploymentFileOf(rule)), local);
    return origins.settings(rule);
  }

  private List<Setting> settings(Rule rule) {
    Detection d = rule.detection();
    Deployment schedule = rule.deployment();
    List<Setting> settings = new ArrayList<>();
    settings.add(new Setting(at(detection, "name"), "name", d.name()));
    settings.add(new Setting(at(detection, "id"), "id", d.id()));
    settings.add(new Setting(at(detection, "type"), "type", d.type()));
    settings.add(new Setting(at(detection, "search"), "search", oneLine(d.search())));
    settings.add(layered("enabled", null, String.valueOf(rule.enabled())));
    rule.enabledSince().ifPresent(since -> settings.add(layered("enabled_at", null, since.toString())));
    settings.add(layered("cron_schedule", "scheduling.cron_schedule", schedule.cron()));
    settings.add(layered("earliest_time", "scheduling.earliest_time", schedule.earliest()));
    settings.add(layered("latest_time", "scheduling.latest_time", schedule.latest()));
    settings.add(layered("schedule_window", "scheduling.schedule_window", schedule.scheduleWindow()));
    settings.add(layered("realtime_schedule", "scheduling.realtime_schedule", schedule.realtimeSchedule() ? "1" : "0"));
    schedule.lookback().ifPresent(lookback -> settings.add(layered("lookback", null, lookback.toString())));
    settings.add(layered("alert_action.rba.enabled", "alert_action.rba.enabled", String.valueOf(schedule.riskEnabled())));
    settings.add(layered("alert_action.notable", "alert_action.notable", String.valueOf(schedule.notable().isPresent())));
    settings.add(layered("alert.suppress", "alert.suppress", schedule.suppression().isPresent() ? "1" : "0"));
    schedule.suppression().ifPresent(suppression -> {
      settings.add(layered("alert.suppress.period", "alert.suppress.period", suppression.period().toString()));
      settings.add(layered("alert.suppress.fields", "alert.suppress.fields", String.join(",", suppression.fields())));
    });
    for (Macro macro : macrosCalled(rule)) {
      String origin = macro.source().map(s -> relative(s.file()) + ":" + s.firstLine()).orElse(DEFAULT);
      settings.add(new Setting(origin, "macro " + macro.key(), oneLine(macro.definition())));
    }
    return settings;
  }

  /** A setting that the local file overrides, else the type's schedule sets, else Vigil's default. */
  private Setting layered(String localKey, String deploymentPath, String value) {
    Optional<String> fromLocal = local.filter(file -> file.lines.line(localKey) > 0).map(file -> at(file, localKey));
    String origin = fromLocal.orElseGet(() -> deploymentPath != null && deployment.lines.line(deploymentPath) > 0
        ? at(deployment, deploymentPath) : DEFAULT);
    return new Setting(origin, localKey, value);
  }

  private String at(YamlFile file, String path) {
    int line = file.lines.line(path);
    return relative(file.path) + (line > 0 ? ":" + line : "");
  }

  private String relative(Path file) {
    Path root = home.root().toAbsolutePath().normalize();
    Path absolute = file.toAbsolutePath().normalize();
    return absolute.startsWith(root) ? root.relativize(absolute).toString() : file.toString();
  }

  private static Set<Macro> macrosCalled(Rule rule) {
    MacroExpander.Expansion expansion = new MacroExpander(rule.macros()).expand(rule.detection().search());
    Set<Macro> called = new LinkedHashSet<>();
    Arrays.stream(expansion.macros()).filter(Objects::nonNull).forEach(called::add);
    return called;
  }

  private static String oneLine(String text) {
    return text.strip().replaceAll("\\s*\\n\\s*", " ");
  }

  private record YamlFile(Path path, YamlLines lines) {
    static YamlFile read(Path path) throws IOException {
      return new YamlFile(path, YamlLines.of(Files.readString(path)));
    }
  }
}
