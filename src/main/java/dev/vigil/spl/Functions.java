package dev.vigil.spl;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
      Map.entry("replace", new Arity(3, 3)),
      Map.entry("mvfilter", new Arity(1, 1)), Map.entry("mvappend", new Arity(1, Integer.MAX_VALUE)),
      Map.entry("mvdedup", new Arity(1, 1)), Map.entry("mvsort", new Arity(1, 1)), Map.entry("mvfind", new Arity(2, 2)),
      Map.entry("trim", new Arity(1, 2)), Map.entry("ltrim", new Arity(1, 2)), Map.entry("rtrim", new Arity(1, 2)),
      Map.entry("urldecode", new Arity(1, 1)),
      Map.entry("abs", new Arity(1, 1)), Map.entry("floor", new Arity(1, 1)), Map.entry("ceiling", new Arity(1, 1)),
      Map.entry("ceil", new Arity(1, 1)), Map.entry("round", new Arity(1, 2)),
      Map.entry("now", new Arity(0, 0)), Map.entry("strftime", new Arity(2, 2)), Map.entry("strptime", new Arity(2, 2)),
      Map.entry("relative_time", new Arity(2, 2)));

  private Functions() {}

  public static boolean isSupported(String function) {
    return ARITIES.containsKey(function);
  }

  /** Why {@code function} cannot take these arguments, or empty when it can. */
  static Optional<String> check(String function, List<Expr> arguments) {
    Arity arity = ARITIES.get(function);
    if (arity == null) {
      return Optional.of("unsupported function '" + function + "'");
    }
    if (arguments.size() < arity.min() || arguments.size() > arity.max()) {
      return Optional.of(function + " takes " + arity.describe() + ", not " + arguments.size());
    }
    // Splunk's mvfilter tests the values of exactly one multivalue field.
    if (function.equals("mvfilter") && fieldsOf(arguments.get(0)).size() != 1) {
      return Optional.of("mvfilter's expression must name exactly one field, not " + fieldsOf(arguments.get(0)));
    }
    return Optional.empty();
  }

  /** The fields an expression reads, in the order they first appear. */
  public static Set<String> fieldsOf(Expr expr) {
    Set<String> fields = new LinkedHashSet<>();
    collect(expr, fields);
    return fields;
  }

  private static void collect(Expr expr, Set<String> fields) {
    if (expr instanceof Expr.Field field) {
      fields.add(field.name());
    } else if (expr instanceof Expr.Call call) {
      call.arguments().forEach(argument -> collect(argument, fields));
    } else if (expr instanceof Expr.Binary binary) {
      collect(binary.left(), fields);
      collect(binary.right(), fields);
    } else if (expr instanceof Expr.Unary unary) {
      collect(unary.operand(), fields);
    }
  }
}
