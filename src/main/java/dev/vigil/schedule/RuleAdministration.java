package dev.vigil.schedule;

import dev.vigil.store.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Enabling and disabling rules: an administrator's action, written to {@code config/local/rules/<stem>.yml}
 * (which keeps the administrator's other overrides) and recorded in {@code config/local/audit.log} with who,
 * when, what and the previous state (SEMANTICS §2.11).
 *
 * <p>Crash-safe and one at a time: changes hold the lock of {@code config/local/}; the audit line is forced to disk
 * first, so that no change is ever made unrecorded; the rule file is replaced whole (see {@link AtomicFiles}).
 * A rule file the catalog cannot use does not block a disable: it is moved aside, named in the audit line, and a
 * new one written; an enable refuses it, since what it should override is unknown.
 */
public final class RuleAdministration {
  private static final String LOCK_FILE = ".lock";
  private static final ReentrantLock IN_PROCESS = new ReentrantLock();

  private final Home home;
  private final Clock clock;
  private final String user;

  public RuleAdministration(Home home, Clock clock, String user) {
    this.home = home;
    this.clock = clock;
    this.user = user;
  }

  /**
   * Sets the rule's state; returns false when it already was in that state (nothing is written then).
   *
   * @param localProblem why the catalog could not use the rule's file in {@code config/local/rules/}, if so
   *                     ({@link RuleCatalog#localProblem}): a disable replaces that file, an enable refuses
   */
  @SuppressWarnings("try") // the lock is held for the whole body, never referenced in it
  public boolean setEnabled(Rule rule, boolean enable, Optional<String> localProblem) throws IOException {
    Files.createDirectories(home.local());
    IN_PROCESS.lock();
    try (FileChannel channel = FileChannel.open(home.local().resolve(LOCK_FILE), StandardOpenOption.CREATE,
        StandardOpenOption.WRITE);
         FileLock lock = channel.lock()) {
      return change(rule, enable, localProblem);
    } finally {
      IN_PROCESS.unlock();
    }
  }

  private boolean change(Rule rule, boolean enable, Optional<String> localProblem) throws IOException {
    Path file = home.localRules().resolve(rule.stem() + ".yml");
    if (localProblem.isPresent() && enable) {
      throw new ContentException(localProblem.get() + "\nthe rule is not enabled: fix the file, or run 'vigil rules"
          + " disable " + rule.stem() + "' to replace it");
    }
    boolean replace = localProblem.isPresent() && Files.exists(file);
    if (!replace && rule.enabled() == enable) {
      return false;
    }
    String before = !replace && Files.exists(file) ? Files.readString(file) : "";
    Instant now = clock.instant();
    Map<String, Optional<String>> values = new LinkedHashMap<>();
    values.put("enabled", Optional.of(String.valueOf(enable)));
    values.put("enabled_at", enable ? Optional.of("\"" + now + "\"") : Optional.empty());
    String after = LocalRuleText.with(before, values);
    Path aside = replace ? file.resolveSibling(file.getFileName() + ".unreadable-" + now.toEpochMilli()) : null;
    AtomicFiles.append(home.auditLog(), String.format("%s user=%s action=%s rule=%s previous=%s%s%n", now, user,
        enable ? "enable" : "disable", rule.stem(), rule.enabled() ? "enabled" : "disabled",
        aside == null ? "" : " replaced_unreadable=" + aside.getFileName()));
    if (aside != null) {
      Files.move(file, aside);
    }
    AtomicFiles.write(file, after.getBytes(StandardCharsets.UTF_8));
    return true;
  }
}
