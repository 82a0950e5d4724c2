package dev.vigil.spl;

import java.util.Map;
import java.util.Optional;

/** The eval functions Vigil supports (SEMANTICS §4.5) and how many arguments each takes. */
public final class Functions {
  private record Arity(int min, int max) {
    String describe() {
      if (max == Integer.MAX_VALUE) {
        return "at least " + min + " argument" + (min == 1 ? "" : "s");
      }
      if (min == max) {
        return min + " argument" + (min == 1 ? "" : "s");
      }
      return min + " or " + max + " arguments";
    }
  }

  private static final Map<String, Arity> ARITIES = Map.ofEntries(
      Map.entry("true", new Arity(0, 0)), Map.entry("false", new Arity(0, 0)),
      Map.entry("if", new Arity(3, 3)), Map.entry("case", new Arity(2, Integer.MAX_VALUE)),
      Map.entry("isnull", new Arity(1, 1)), Map.entry("isnotnull", new Arity(1, 1)),
      Map.entry("coalesce", new Arity(1, Integer.MAX_VALUE)),
      Map.entry("lower", new Arity(1, 1)), Map.entry("upper", new Arity(1, 1)), Map.entry("len", new Arity(1, 1)),
      Map.entry("substr", new Arity(2, 3)), Map.entry("split", new Arity(2, 2)),
      Map.entry("mvcount", new Arity(1, 1)), Map.entry("mvindex", new Arity(2, 3)), Map.entry("mvjoin", new Arity(2, 2)),
      Map.entry("match", new Arity(2, 2)), Map.entry("like", new Arity(2, 2)),
      Map.entry("tostring", new Arity(1, 2)), Map.entry("tonumber", new Arity(1, 2)),
      Map.entry("replace", new Arity(3, 3)));

  private Functions() {}

  public static boolean isSupported(String function) {
    return ARITIES.containsKey(function);
  }

  /** Why {@code function} cannot take {@code arguments} arguments, or empty when it can. */
  static Optional<String> check(String function, int arguments) {
    Arity arity = ARITIES.get(function);
    if (arity == null) {
      return Optional.of("unsupported function '" + function + "'");
    }
    if (arguments < arity.min() || arguments > arity.max()) {
      return Optional.of(function + " takes " + arity.describe() + ", not " + arguments);
    }
    return Optional.empty();
  }
}
