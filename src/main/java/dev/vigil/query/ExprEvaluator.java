package dev.vigil.query;

import dev.vigil.spl.Expr;
import dev.vigil.spl.SplException;
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

  /** @param spl the search text, for errors that point at a function call */
  ExprEvaluator(String spl) {
    this.spl = spl;
  }

  Object evaluate(Expr expr, Row row) {
    if (expr instanceof Expr.Literal literal) {
      return literal.numeric() ? (Object) Double.valueOf(literal.value()) : literal.value();
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
        return values[0] == null ? null : (Object) (double) multivalue(values[0]).size();
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
        return values[0] == null || values[1] == null ? null : (Object) like(text(values[0]), text(values[1]));
      case "tostring":
        arity(call, 1, 2);
        return values[0] == null ? null : text(values[0]);
      case "tonumber":
        arity(call, 1, 2);
        return number(values[0]);
      case "replace":
        arity(call, 3);
        return values[0] == null ? null : regex(call, text(values[1])).matcher(text(values[0])).replaceAll(text(values[2]));
      default:
        throw new SplException("unsupported function '" + call.function() + "'", spl, call.position());
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
        parts.addAll(Arrays.asList(s.split(Pattern.quote(d), -1)));
      }
    }
    return parts;
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

  /** SQL LIKE: % any run, _ one character; everything else literal, case-sensitive as in Splunk. */
  static boolean like(String value, String pattern) {
    StringBuilder regex = new StringBuilder();
    for (char c : pattern.toCharArray()) {
      switch (c) {
        case '%' -> regex.append(".*");
        case '_' -> regex.append('.');
        default -> regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(regex.toString(), Pattern.DOTALL).matcher(value).matches();
  }

  private Pattern regex(Expr.Call call, String regex) {
    try {
      return Pattern.compile(regex);
    } catch (java.util.regex.PatternSyntaxException e) {
      throw new SplException("invalid regular expression in " + call.function() + ": " + e.getDescription(),
          spl, call.position());
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
