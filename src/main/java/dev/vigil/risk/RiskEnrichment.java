package dev.vigil.risk;

import dev.vigil.lookup.AssetsAndIdentities;

/**
 * What an installation knows besides the events that risk events and notables carry: the assets and identities
 * (priority, category, business unit) and ATT&CK's tactics of each technique.
 */
public record RiskEnrichment(AssetsAndIdentities assets, AttackTactics tactics) {
  public static final RiskEnrichment NONE = new RiskEnrichment(AssetsAndIdentities.NONE, AttackTactics.NONE);
}
