package dev.vigil.lookup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** ES's asset and identity lookups as docs/rba.md, "Assets and identities", says Vigil matches them. */
class AssetsAndIdentitiesTest {
  @TempDir
  Path temp;

  private AssetsAndIdentities load() throws IOException {
    Path assets = Files.writeString(temp.resolve("assets.csv"), """
        ip,mac,nt_host,dns,owner,priority,bunit,category
        10.0.1.15,00:15:5d:01:02:03,DC-01,dc-01.corp.example,it,critical,infra,domain_controller|server
        10.2.0.0/16,,,,,high,branch,workstation
        10.2.3.4,,LAPTOP-9,,,low,,
        fe80::/10,,,,,medium,,
        """);
    Path identities = Files.writeString(temp.resolve("identities.csv"), """
        identity,prefix,nick,first,last,email,priority,category,watchlist
        alice|CORP\\alice|a.smith,,,Alice,Smith,alice.smith@corp.example,high,privileged,false
        bob,,,,,,,,
        """);
    return AssetsAndIdentities.load(assets, identities);
  }

  @ParameterizedTest(name = "asset {0} → {1}")
  @CsvSource({
      "10.0.1.15, critical", "DC-01, critical", "dc-01, critical", "DC-01.CORP.EXAMPLE, critical",
      "00:15:5D:01:02:03, critical",
      // The first row that matches wins: the block of 10.2.0.0/16 comes before LAPTOP-9's own address.
      "10.2.3.4, high", "10.2.200.1, high", "LAPTOP-9, low", "10.3.0.1, unknown", "fe80::1, medium",
      "dc-02, unknown", "10.2, unknown"})
  void assetsMatchByAddressBlockMacHostOrDnsName(String value, String priority) throws IOException {
    assertEquals(priority, load().asset(value).map(AssetsAndIdentities.Entry::priority).orElse("unknown"));
  }

  @ParameterizedTest(name = "identity {0} → {1}")
  @CsvSource({"alice, high", "ALICE, high", "corp\\alice, high", "a.smith, high", "Alice.Smith@corp.example, high",
      "bob, unknown", "carol, unknown", "smith, unknown"})
  void identitiesMatchAnyOfTheirIdentityValuesOrTheirEmail(String value, String priority) throws IOException {
    Optional<AssetsAndIdentities.Entry> entry = load().identity(value);
    assertEquals(priority, entry.map(AssetsAndIdentities.Entry::priority).orElse("unknown"));
    assertEquals(!value.equals("carol") && !value.equals("smith"), entry.isPresent());
  }

  @Test
  void riskObjectsAreAssetsOrIdentitiesByTheirType() throws IOException {
    AssetsAndIdentities lookups = load();
    assertEquals("critical", lookups.ofRiskObject("system", "dc-01").orElseThrow().priority());
    assertEquals("high", lookups.ofRiskObject("user", "alice").orElseThrow().priority());
    assertTrue(lookups.ofRiskObject("user", "dc-01").isEmpty());
    assertTrue(lookups.ofRiskObject("other", "alice").isEmpty());
    assertEquals(Optional.of("domain_controller|server"), lookups.asset("dc-01").orElseThrow().field("category"));
  }

  @Test
  void absentFilesAreEmptyLookupsAndBadOnesAreErrorsWithTheirLine() throws IOException {
    assertTrue(AssetsAndIdentities.load(temp.resolve("none.csv"), temp.resolve("none2.csv")).isEmpty());
    Path noKey = Files.writeString(temp.resolve("bad.csv"), "owner,priority\nit,high\n");
    IOException e = assertThrows(IOException.class, () -> AssetsAndIdentities.load(noKey, temp.resolve("none.csv")));
    assertEquals(noKey + ":1: the header names none of the key columns ip, mac, nt_host, dns (it has owner, priority)",
        e.getMessage());
    Path tooMany = Files.writeString(temp.resolve("wide.csv"), "ip,priority\n10.0.0.1,high,extra\n");
    e = assertThrows(IOException.class, () -> AssetsAndIdentities.load(tooMany, temp.resolve("none.csv")));
    assertEquals(tooMany + ":2: 3 cells, the header has 2", e.getMessage());
  }

  @Test
  void higherPriorityRanksAsEsDoes() {
    assertEquals("critical", AssetsAndIdentities.higher("high", "critical"));
    assertEquals("low", AssetsAndIdentities.higher("low", "unknown"));
    assertEquals("medium", AssetsAndIdentities.higher("informational", "medium"));
  }
}
