package dev.vigil.risk;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Which MITRE ATT&CK tactics a technique serves, for the risk events' {@code annotations.mitre_attack.mitre_tactic}
 * and {@code …mitre_tactic_id} (docs/rba.md): from security_content's {@code mitre_enrichment.csv}
 * ({@code mitre_id,technique,tactics,groups}, tactics separated by {@code |}), which {@code vigil content import}
 * copies from a checkout to {@code config/local/mitre_enrichment.csv}. A sub-technique the table lacks takes its
 * technique's tactics. Without the table no technique has a tactic.
 */
public final class AttackTactics {
  public static final AttackTactics NONE = new AttackTactics(Map.of());

  /** ATT&CK Enterprise's tactics and their ids. */
  private static final Map<String, String> TACTIC_IDS = Map.ofEntries(
      Map.entry("reconnaissance", "TA0043"), Map.entry("resource development", "TA0042"),
      Map.entry("initial access", "TA0001"), Map.entry("execution", "TA0002"), Map.entry("persistence", "TA0003"),
      Map.entry("privilege escalation", "TA0004"), Map.entry("defense evasion", "TA0005"),
      Map.entry("credential access", "TA0006"), Map.entry("discovery", "TA0007"),
      Map.entry("lateral movement", "TA0008"), Map.entry("collection", "TA0009"),
      Map.entry("command and control", "TA0011"), Map.entry("exfiltration", "TA0010"), Map.entry("impact", "TA0040"));

  private final Map<String, List<String>> byTechnique;

  private AttackTactics(Map<String, List<String>> byTechnique) {
    this.byTechnique = byTechnique;
  }

  /**
   * Reads the table; a file that does not exist is no table.
   *
   * @throws IOException for a file that cannot be read, or whose header is not the table's
   */
  public static AttackTactics load(Path csv) throws IOException {
    if (!Files.exists(csv)) {
      return NONE;
    }
    Map<String, List<String>> byTechnique = new HashMap<>();
    try (BufferedReader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
      String header = in.readLine();
      if (header == null || !header.replace("\uFEFF", "").startsWith("mitre_id,technique,tactics")) {
        throw new IOException(csv + ":1: not ATT&CK's enrichment table (its header starts mitre_id,technique,tactics)");
      }
      String line;
      int number = 1;
      while ((line = in.readLine()) != null) {
        number++;
        if (line.isBlank()) {
          continue;
        }
        // Technique names hold no commas in the table, tactics none either: three plain cells before the groups.
        String[] cells = line.split(",", 4);
        if (cells.length < 3) {
          throw new IOException(csv + ":" + number + ": " + cells.length + " cells, the table has at least 3");
        }
        List<String> tactics = new ArrayList<>();
        for (String tactic : cells[2].split("\\|")) {
          if (!tactic.isBlank()) {
            tactics.add(tactic.strip());
          }
        }
        byTechnique.put(cells[0].strip().toUpperCase(Locale.ROOT), List.copyOf(tactics));
      }
    }
    return new AttackTactics(Map.copyOf(byTechnique));
  }

  /** The tactics of the techniques, each once, in order of first mention. */
  public List<String> tactics(List<String> techniques) {
    Set<String> tactics = new LinkedHashSet<>();
    for (String technique : techniques) {
      String id = technique.toUpperCase(Locale.ROOT);
      List<String> found = byTechnique.get(id);
      if (found == null && id.contains(".")) {
        found = byTechnique.get(id.substring(0, id.indexOf('.')));
      }
      if (found != null) {
        tactics.addAll(found);
      }
    }
    return List.copyOf(tactics);
  }

  /** The ids of tactics, {@code TA0002} for Execution; a name ATT&CK does not have gives none. */
  public static List<String> ids(List<String> tactics) {
    List<String> ids = new ArrayList<>();
    for (String tactic : tactics) {
      String id = TACTIC_IDS.get(tactic.toLowerCase(Locale.ROOT));
      if (id != null) {
        ids.add(id);
      }
    }
    return ids;
  }
}
