package dev.vigil.schedule;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;

/**
 * Enabling and disabling rules: an administrator's action, written to {@code config/local/rules/<stem>.yml}
 * (which keeps the administrator's other overrides) and recorded in {@code config/local/audit.log} with who,
 * when, what and the previous state (SEMANTICS §2.11).
 */
public final class RuleAdministration {
  private final Home home;
  private final Clock clock;
  private final String user;

  public RuleAdministration(Home home, Clock clock, String user) {
    this.home = home;
    this.clock = clock;
    this.user = user;
  }

  /** Sets the rule's state; returns false when it already was in that state (nothing is written then). */
  public boolean setEnabled(Rule rule, boolean enable) throws IOException {
    if (rule.enabled() == enable) {
      return false;
    }
    Path file = home.localRules().resolve(rule.stem() + ".yml");
    ObjectNode local = Files.exists(file)
        ? (ObjectNode) ContentYaml.read(file)
        : ContentYaml.MAPPER.createObjectNode();
    local.put("enabled", enable);
    if (enable) {
      local.put("enabled_at", clock.instant().toString());
    } else {
      local.remove("enabled_at");
    }
    Files.createDirectories(file.getParent());
    Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
    ContentYaml.MAPPER.writeValue(temporary.toFile(), local);
    Files.move(temporary, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    String line = String.format("%s user=%s action=%s rule=%s previous=%s%n", clock.instant(), user,
        enable ? "enable" : "disable", rule.stem(), rule.enabled() ? "enabled" : "disabled");
    Files.createDirectories(home.auditLog().getParent());
    Files.writeString(home.auditLog(), line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    return true;
  }
}
