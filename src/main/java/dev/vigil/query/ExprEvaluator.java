package dev.vigil.query;

import dev.vigil.spl.Expr;
import dev.vigil.spl.Functions;
import dev.vigil.spl.SplException;
import dev.vigil.time.TimeModifier;
import dev.vigil.time.TimeModifierException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Evaluates eval expressions over a row (SEMANTICS §4.5). A value is null (absent), a String, a Double, a
 * Boolean or a List of String (multivalue). Fields are text and count as numbers where a number is needed.
 */
final class ExprEvaluator {
  private final String spl;
  private final ZoneId zone;
  private final Instant now;
  private final EvalPatterns patterns;

  /**
   * @param spl  the search text, for errors that point at a function call
   * @param zone the zone of {@code strftime}, {@code strptime} and {@code relative_time}
   * @param now  what {@code now()} returns: the run's scheduled time (SEMANTICS §2.6)
   * @param patterns the compiled regular expressions and LIKE patterns, shared by the search's runs
   */
  ExprEvaluator(String spl, ZoneId zone, Instant now, EvalPatterns patterns) {
    this.spl = spl;
    this.zone = zone;
    this.now = now;
    this.patterns = patterns;
  }

  Object evaluate(Expr expr, Row row) {
    if (expr instanceof Expr.Literal literal) {
      return literal.numeric() ? (Object) Values.parseNumber(literal.value()) : literal.value();
    } else if (expr instanceof Expr.Field field) {
      Object value = row.get(field.name());
      return value;
    } else if (expr instanceof Expr.Unary unary) {
      Object operand = evaluate(unary.operand(), row);
      if (unary.operator().equals("NOT")) {
        return operand == null ? null : !truth(operand);
      }
      Double number = number(operand);
      return number == null ? null : -number;
    } else if (expr instanceof Expr.Binary binary) {
      return binary(binary, row);
    }
    return call((Expr.Call) expr, row);
  }

  /** True only for a Boolean true: where keeps a row when its expression is true. */
  static boolean truth(Object value) {
    return value instanceof Boolean b && b;
  }

  private Object binary(Expr.Binary binary, Row row) {
    String op = binary.operator();
    if (op.equals("AND") || op.equals("OR") || op.equals("XOR")) {
      boolean left = truth(evaluate(binary.left(), row));
      if (op.equals("AND") && !left) {
        return false;
      }
      if (op.equals("OR") && left) {
        return true;
      }
      boolean right = truth(evaluate(binary.right(), row));
      return op.equals("XOR") ? left ^ right : right;
    }
    Object left = evaluate(binary.left(), row);
    Object right = evaluate(binary.right(), row);
    if (left == null || right == null) {
      return null;
    }
    switch (op) {
      case ".":
        return text(left) + text(right);
      case "+": {
        // Numbers add; two strings that are not both numbers concatenate; a number and a string give null.
        Double a = number(left);
        Double b = number(right);
        if (a != null && b != null) {
          return a + b;
        }
        boolean leftText = !(left instanceof Double) && !(left instanceof Boolean);
        boolean rightText = !(right instanceof Double) && !(right instanceof Boolean);
        return leftText && rightText ? text(left) + text(right) : null;
      }
      case "-": case "*": case "/": case "%": {
        Double a = number(left);
        Double b = number(right);
        if (a == null || b == null) {
          return null;
        }
        return switch (op) {
          case "-" -> a - b;
          case "*" -> a * b;
          case "/" -> b == 0 ? null : a / b;
          default -> b == 0 ? null : a % b;
        };
      }
      default:
        return compare(op, left, right);
    }
  }

  private static Boolean compare(String op, Object left, Object right) {
    Double a = number(left);
    Double b = number(right);
    int c = a != null && b != null ? Double.compare(a, b) : text(left).compareTo(text(right));
    return switch (op) {
      case "=" -> c == 0;
      case "!=" -> c != 0;
      case "<" -> c < 0;
      case "<=" -> c <= 0;
      case ">" -> c > 0;
      default -> c >= 0;
    };
  }

  private Object call(Expr.Call call, Row row) {
    List<Expr> args = call.arguments();
    switch (call.function()) {
      case "true":
        return true;
      case "false":
        return false;
      case "if":
        arity(call, 3);
        return truth(evaluate(args.get(0), row)) ? evaluate(args.get(1), row) : evaluate(args.get(2), row);
      case "isnull":
        arity(call, 1);
        return evaluate(args.get(0), row) == null;
      case "isnotnull":
        arity(call, 1);
        return evaluate(args.get(0), row) != null;
      case "case":
        // case(c1, v1, c2, v2, …): the value after the first true condition; null when none is true.
        for (int i = 0; i + 1 < args.size(); i += 2) {
          if (truth(evaluate(args.get(i), row))) {
            return evaluate(args.get(i + 1), row);
          }
        }
        return null;
      case "mvfilter":
        return mvfilter(args.get(0), row);
      case "now":
        return (double) now.getEpochSecond();
      case "coalesce":
        for (Expr arg : args) {
          Object value = evaluate(arg, row);
          if (value != null) {
            return value;
          }
        }
        return null;
      default:
        break;
    }
    Object[] values = new Object[args.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = evaluate(args.get(i), row);
    }
    switch (call.function()) {
      case "lower":
        arity(call, 1);
        return mapText(values[0], s -> s.toLowerCase(Locale.ROOT));
      case "upper":
        arity(call, 1);
        return mapText(values[0], s -> s.toUpperCase(Locale.ROOT));
      case "len":
        arity(call, 1);
        return values[0] == null ? null : (Object) (double) text(values[0]).codePointCount(0, text(values[0]).length());
      case "substr":
        arity(call, 2, 3);
        return substr(values);
      case "split":
        arity(call, 2);
        return split(values[0], values[1]);
      case "mvcount":
        arity(call, 1);
        return values[0] == null ? null : (Object) (double) (values[0] instanceof List<?> list ? list.size() : 1);
      case "mvindex":
        arity(call, 2, 3);
        return mvindex(values);
      case "mvjoin":
        arity(call, 2);
        return values[0] == null ? null : String.join(text(values[1]), multivalue(values[0]));
      case "match":
        arity(call, 2);
        return values[0] == null || values[1] == null ? null
            : (Object) regex(call, text(values[1])).matcher(text(values[0])).find();
      case "like":
        arity(call, 2);
        return values[0] == null || values[1] == null ? null : (Object) patterns.like(text(values[1])).matcher(text(values[0])).matches();
      case "tostring":
        arity(call, 1, 2);
        return values[0] == null ? null : text(values[0]);
      case "tonumber":
        arity(call, 1, 2);
        return number(values[0]);
      case "replace":
        arity(call, 3);
        return values[0] == null ? null : regex(call, text(values[1])).matcher(text(values[0])).replaceAll(text(values[2]));
      case "mvappend":
        return MultivalueFunctions.append(values);
      case "mvdedup":
        return values[0] == null ? null : MultivalueFunctions.dedup(multivalue(values[0]));
      case "mvsort":
        return values[0] == null ? null : MultivalueFunctions.sort(multivalue(values[0]));
      case "mvfind":
        return values[0] == null || values[1] == null ? null
            : MultivalueFunctions.find(multivalue(values[0]), regex(call, text(values[1])));
      case "trim", "ltrim", "rtrim":
        return values[0] == null ? null
            : trim(call.function(), text(values[0]), values.length > 1 && values[1] != null ? text(values[1]) : " \t");
      case "urldecode":
        return values[0] == null ? null : urldecode(text(values[0]));
      case "abs", "floor", "ceiling", "ceil":
        return math(call.function(), number(values[0]));
      case "round":
        return round(number(values[0]), values.length > 1 ? number(values[1]) : Double.valueOf(0));
      case "strftime":
        return number(values[0]) == null || values[1] == null ? null
            : new StrfTime(text(values[1])).format(Instant.ofEpochMilli(Math.round(number(values[0]) * 1000)), zone);
      case "strptime":
        return values[0] == null || values[1] == null ? null : strptime(call, text(values[0]), text(values[1]));
      case "relative_time":
        return number(values[0]) == null || values[1] == null ? null : relativeTime(number(values[0]), text(values[1]));
      default:
        throw new SplException("unsupported function '" + call.function() + "'", spl, call.position());
    }
  }

  /**
   * {@code mvfilter(expr)}: the values of the one field that expr names for which expr is true, each tested
   * as if the field held only that value [Splunk, mvfilter]; null when none is.
   */
  private Object mvfilter(Expr predicate, Row row) {
    String field = Functions.fieldsOf(predicate).iterator().next();
    List<String> kept = new ArrayList<>();
    Row single = new Row(row);
    for (String value : row.values(field)) {
      single.put(field, value);
      if (truth(evaluate(predicate, single))) {
        kept.add(value);
      }
    }
    return kept.isEmpty() ? null : kept;
  }

  private static String trim(String function, String value, String characters) {
    int from = 0;
    int to = value.length();
    if (!function.equals("rtrim")) {
      while (from < to && characters.indexOf(value.charAt(from)) >= 0) {
        from++;
      }
    }
    if (!function.equals("ltrim")) {
      while (to > from && characters.indexOf(value.charAt(to - 1)) >= 0) {
        to--;
      }
    }
    return value.substring(from, to);
  }

  /** %XX escapes and '+' decoded as UTF-8; a malformed escape leaves the value as it is. */
  private static String urldecode(String value) {
    try {
      return URLDecoder.decode(value, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return value;
    }
  }

  private static Double math(String function, Double x) {
    if (x == null) {
      return null;
    }
    return switch (function) {
      case "abs" -> Math.abs(x);
      case "floor" -> Math.floor(x);
      default -> Math.ceil(x);
    };
  }

  /** Half away from zero, as Splunk rounds: round(2.5) = 3, round(-2.5) = -3. */
  private static Double round(Double x, Double digits) {
    if (x == null || digits == null || x.isNaN() || x.isInfinite()) {
      return x;
    }
    return BigDecimal.valueOf(x).setScale(digits.intValue(), RoundingMode.HALF_UP).doubleValue();
  }

  private Double strptime(Expr.Call call, String value, String format) {
    StrpTime parser = StrpTime.of(format).orElseThrow(() -> new SplException(
        "strptime format '" + format + "' uses a conversion Vigil does not support", spl, call.position()));
    return parser.parse(value, zone);
  }

  /** A time modifier applied to epoch seconds in the configured zone; null for text that is not one. */
  private Double relativeTime(double epochSeconds, String modifier) {
    try {
      Instant from = Instant.ofEpochMilli(Math.round(epochSeconds * 1000));
      return TimeModifier.parse(modifier).resolve(from, zone).toEpochMilli() / 1000.0;
    } catch (TimeModifierException e) {
      return null;
    }
  }

  private static Object substr(Object[] values) {
    if (values[0] == null || number(values[1]) == null) {
      return null;
    }
    String s = text(values[0]);
    int start = number(values[1]).intValue();
    // Splunk's substr is 1-based; a negative start counts from the end.
    int from = start < 0 ? Math.max(0, s.length() + start) : Math.max(0, start - 1);
    from = Math.min(from, s.length());
    int to = s.length();
    if (values.length == 3 && number(values[2]) != null) {
      to = Math.min(s.length(), from + Math.max(0, number(values[2]).intValue()));
    }
    return s.substring(from, to);
  }

  private static Object split(Object value, Object delimiter) {
    if (value == null || delimiter == null) {
      return null;
    }
    String d = text(delimiter);
    List<String> parts = new ArrayList<>();
    for (String s : multivalue(value)) {
      if (d.isEmpty()) {
        s.codePoints().forEach(cp -> parts.add(new String(Character.toChars(cp))));
      } else {
        splitOn(s, d, parts);
      }
    }
    return parts;
  }

  /** Splits at each occurrence of a literal delimiter, empty pieces kept; no regular expression to compile. */
  private static void splitOn(String value, String delimiter, List<String> parts) {
    int from = 0;
    for (int at = value.indexOf(delimiter); at >= 0; at = value.indexOf(delimiter, from)) {
      parts.add(value.substring(from, at));
      from = at + delimiter.length();
    }
    parts.add(value.substring(from));
  }

  private static Object mvindex(Object[] values) {
    if (values[0] == null || number(values[1]) == null) {
      return null;
    }
    List<String> list = multivalue(values[0]);
    int start = index(number(values[1]).intValue(), list.size());
    int end = values.length == 3 && number(values[2]) != null ? index(number(values[2]).intValue(), list.size()) : start;
    if (start < 0 || start >= list.size() || end < start) {
      return null;
    }
    List<String> slice = list.subList(start, Math.min(end, list.size() - 1) + 1);
    return slice.size() == 1 ? slice.get(0) : List.copyOf(slice);
  }

  private static int index(int i, int size) {
    return i < 0 ? size + i : i;
  }

  private Pattern regex(Expr.Call call, String regex) {
    try {
      return patterns.regex(regex);
    } catch (java.util.regex.PatternSyntaxException e) {
      throw EvalPatterns.invalid(call, e, spl);
    }
  }

  private void arity(Expr.Call call, int... allowed) {
    for (int n : allowed) {
      if (call.arguments().size() == n) {
        return;
      }
    }
    throw new SplException(call.function() + " takes " + Arrays.toString(allowed).replaceAll("[\\[\\]]", "").replace(", ", " or ")
        + " arguments, not " + call.arguments().size(), spl, call.position());
  }

  private static Object mapText(Object value, java.util.function.UnaryOperator<String> f) {
    if (value == null) {
      return null;
    }
    if (value instanceof List<?> list) {
      return list.stream().map(v -> f.apply(v.toString())).toList();
    }
    return f.apply(text(value));
  }

  static List<String> multivalue(Object value) {
    if (value instanceof List<?> list) {
      List<String> strings = new ArrayList<>(list.size());
      list.forEach(v -> strings.add(v.toString()));
      return strings;
    }
    return List.of(text(value));
  }

  static String text(Object value) {
    if (value instanceof Double d) {
      return Values.format(d);
    }
    if (value instanceof List<?> list) {
      return list.isEmpty() ? "" : list.get(0).toString();
    }
    return String.valueOf(value);
  }

  static Double number(Object value) {
    if (value instanceof Double d) {
      return d;
    }
    if (value instanceof Boolean || value == null) {
      return null;
    }
    return Values.parseNumber(text(value));
  }
}
