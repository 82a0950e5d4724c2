package dev.vigil.query;

import dev.vigil.spl.Command;
import dev.vigil.spl.Expr;
import dev.vigil.spl.SplException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The regular expressions of {@code match}, {@code replace} and {@code mvfind} and the patterns of
 * {@code like}, each compiled once rather than once per row. The literal ones are compiled when the search
 * loads ({@link #compileLiterals}), so that an invalid one is a load-time error (SEMANTICS §4.7); one computed
 * from a row's values is compiled when first met and kept while there are not too many of them.
 */
final class EvalPatterns {
  private static final Set<String> REGEX_FUNCTIONS = Set.of("match", "replace", "mvfind");
  /** Beyond this many, a pattern computed per row is compiled for its call only, so memory stays bounded. */
  private static final int CAPACITY = 4096;

  private final Map<String, Pattern> regexes = new ConcurrentHashMap<>();
  private final Map<String, Pattern> likes = new ConcurrentHashMap<>();

  /** @throws PatternSyntaxException when Java cannot read the expression */
  Pattern regex(String source) {
    return cached(regexes, source, Pattern::compile);
  }

  /** SQL LIKE: % any run, _ one character; everything else literal, case-sensitive as in Splunk. */
  Pattern like(String pattern) {
    return cached(likes, pattern, EvalPatterns::compileLike);
  }

  /** Compiles the literal patterns of the command's eval expressions. */
  void compileLiterals(Command command, String spl) {
    if (command instanceof Command.Where where) {
      compileLiterals(where.expression(), spl);
    } else if (command instanceof Command.Eval eval) {
      eval.assignments().forEach(assignment -> compileLiterals(assignment.expression(), spl));
    }
  }

  private void compileLiterals(Expr expr, String spl) {
    if (expr instanceof Expr.Unary unary) {
      compileLiterals(unary.operand(), spl);
    } else if (expr instanceof Expr.Binary binary) {
      compileLiterals(binary.left(), spl);
      compileLiterals(binary.right(), spl);
    } else if (expr instanceof Expr.Call call) {
      call.arguments().forEach(argument -> compileLiterals(argument, spl));
      if (call.arguments().size() >= 2 && call.arguments().get(1) instanceof Expr.Literal literal) {
        if (REGEX_FUNCTIONS.contains(call.function())) {
          try {
            regex(literal.value());
          } catch (PatternSyntaxException e) {
            throw invalid(call, e, spl);
          }
        } else if (call.function().equals("like")) {
          like(literal.value());
        }
      }
    }
  }

  static SplException invalid(Expr.Call call, PatternSyntaxException e, String spl) {
    return new SplException("invalid regular expression in " + call.function() + ": " + e.getDescription(),
        spl, call.position());
  }

  private static Pattern cached(Map<String, Pattern> patterns, String source, Function<String, Pattern> compile) {
    Pattern pattern = patterns.get(source);
    if (pattern != null) {
      return pattern;
    }
    pattern = compile.apply(source);
    if (patterns.size() < CAPACITY) {
      patterns.putIfAbsent(source, pattern);
    }
    return pattern;
  }

  private static Pattern compileLike(String pattern) {
    StringBuilder regex = new StringBuilder();
    for (char c : pattern.toCharArray()) {
      switch (c) {
        case '%' -> regex.append(".*");
        case '_' -> regex.append('.');
        default -> regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(regex.toString(), Pattern.DOTALL);
  }
}
