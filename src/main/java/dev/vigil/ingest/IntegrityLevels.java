package dev.vigil.ingest;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Windows mandatory integrity levels in the CIM's words ({@code system}, {@code high}, {@code medium}, {@code low},
 * {@code untrusted}). Anything else (e.g. "Medium Plus", "Protected Process") gives null: no clean CIM value.
 */
final class IntegrityLevels {
  private static final Map<String, String> BY_RID = Map.of(
      "0", "untrusted", "4096", "low", "8192", "medium", "12288", "high", "16384", "system");
  private static final Pattern LABEL =
      Pattern.compile("(?:Mandatory Label\\\\)?(Untrusted|Low|Medium|High|System) Mandatory Level",
          Pattern.CASE_INSENSITIVE);
  private static final String LABEL_SID_PREFIX = "S-1-16-";

  private IntegrityLevels() {}

  /** A relative id as CrowdStrike's {@code IntegrityLevel} ({@code 12288}). */
  static String fromRid(String rid) {
    return rid == null ? null : BY_RID.get(rid.strip());
  }

  /** 4688's {@code MandatoryLabel}: rendered ({@code Mandatory Label\High Mandatory Level}) or a SID ({@code S-1-16-12288}). */
  static String fromMandatoryLabel(String label) {
    if (label == null) {
      return null;
    }
    String s = label.strip();
    if (s.startsWith(LABEL_SID_PREFIX)) {
      return fromRid(s.substring(LABEL_SID_PREFIX.length()));
    }
    Matcher m = LABEL.matcher(s);
    return m.matches() ? m.group(1).toLowerCase(Locale.ROOT) : null;
  }
}
