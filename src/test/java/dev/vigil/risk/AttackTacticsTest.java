package dev.vigil.risk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vigil.lookup.AssetsAndIdentities;
import dev.vigil.query.Row;
import dev.vigil.time.Window;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ATT&CK tactics from security_content's enrichment table, on the risk events (docs/rba.md). */
class AttackTacticsTest {
  @TempDir
  Path temp;

  private AttackTactics table() throws IOException {
    return AttackTactics.load(Files.writeString(temp.resolve("mitre_enrichment.csv"), """
        mitre_id,technique,tactics,groups
        T1059,Command and Scripting Interpreter,Execution,APT19|APT32
        T1105,Ingress Tool Transfer,Command and Control,no
        T1574.014,AppDomainManager,Defense Evasion|Persistence|Privilege Escalation,no
        T1218,System Binary Proxy Execution,Defense Evasion,no
        """));
  }

  @Test
  void techniquesGiveTheirTacticsOnceInOrderAndSubTechniquesTheirParents() throws IOException {
    AttackTactics tactics = table();
    assertEquals(List.of("Execution", "Command and Control"), tactics.tactics(List.of("T1059.001", "T1105", "T1059")));
    assertEquals(List.of("Defense Evasion", "Persistence", "Privilege Escalation"),
        tactics.tactics(List.of("t1574.014", "T1218.011")));
    assertEquals(List.of(), tactics.tactics(List.of("T9999")));
    assertEquals(List.of("TA0005", "TA0003", "TA0004", "TA0002", "TA0011"), AttackTactics.ids(List.of(
        "Defense Evasion", "Persistence", "Privilege Escalation", "Execution", "Command and Control")));
    assertEquals(List.of(), AttackTactics.NONE.tactics(List.of("T1059")));
  }

  @Test
  void riskEventsCarryTheTacticsOfTheirRulesTechniques() throws IOException {
    RiskRule rule = new RiskRule("id-1", "ESCU - A Rule - Rule", "on $dest$",
        List.of(new RiskRule.RiskObject("dest", "system", 40)), List.of(), List.of("T1059.001", "T1105"),
        List.of("Living Off The Land"), List.of("dest"));
    Row row = new Row();
    row.put("dest", "host-1");
    Instant at = Instant.parse("2024-05-15T14:00:00Z");
    RiskEvent event = RiskEventBuilder.build(rule, List.of(row), new Window(at.minusSeconds(3600), at), at, at,
        new RiskEnrichment(AssetsAndIdentities.NONE, table()), w -> { }).get(0);
    assertEquals(List.of("Execution", "Command and Control"), event.fields().get("annotations.mitre_attack.mitre_tactic"));
    assertEquals(List.of("TA0002", "TA0011"), event.fields().get("annotations.mitre_attack.mitre_tactic_id"));
    RiskEvent without = RiskEventBuilder.build(rule, List.of(row), new Window(at.minusSeconds(3600), at), at, at,
        RiskEnrichment.NONE, w -> { }).get(0);
    assertEquals(null, without.fields().get("annotations.mitre_attack.mitre_tactic"));
    assertEquals(event.id(), without.id(), "tactics are not part of the id");
  }

  @Test
  void aFileThatIsNotTheTableIsAnError() throws IOException {
    Path other = Files.writeString(temp.resolve("other.csv"), "ip,priority\n");
    IOException e = assertThrows(IOException.class, () -> AttackTactics.load(other));
    assertEquals(other + ":1: not ATT&CK's enrichment table (its header starts mitre_id,technique,tactics)",
        e.getMessage());
  }
}
