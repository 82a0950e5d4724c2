package dev.vigil.time;

import java.util.HashMap;
import java.util.Map;

/** The units of SEMANTICS §1.1 with every alias Splunk accepts. */
enum Unit {
  SECOND("s", "sec", "secs", "second", "seconds"),
  MINUTE("m", "min", "mins", "minute", "minutes"),
  HOUR("h", "hr", "hrs", "hour", "hours"),
  DAY("d", "day", "days"),
  WEEK("w", "week", "weeks"),
  MONTH("mon", "month", "months"),
  QUARTER("q", "qtr", "qtrs", "quarter", "quarters"),
  YEAR("y", "yr", "yrs", "year", "years");

  private static final Map<String, Unit> BY_ALIAS = new HashMap<>();

  static {
    for (Unit unit : values()) {
      for (String alias : unit.aliases) {
        BY_ALIAS.put(alias, unit);
      }
    }
  }

  private final String[] aliases;

  Unit(String... aliases) {
    this.aliases = aliases;
  }

  /** Case-sensitive, as Splunk documents the units in lower case; {@code null} when unknown. */
  static Unit byAlias(String alias) {
    return BY_ALIAS.get(alias);
  }

  String[] aliases() {
    return aliases.clone();
  }
}
