package dev.vigil.spl;

import java.util.List;

/** An eval expression, as {@code where} and {@code eval} take them. */
public sealed interface Expr {
  /** A string or number literal; numbers keep their text and are parsed when used as numbers. */
  record Literal(String value, boolean numeric) implements Expr {}

  record Field(String name) implements Expr {}

  /** A function call; the name is lower-cased, SPL function names being case-insensitive. */
  record Call(String function, List<Expr> arguments, int position) implements Expr {
    public Call {
      arguments = List.copyOf(arguments);
    }
  }

  record Binary(String operator, Expr left, Expr right) implements Expr {}

  record Unary(String operator, Expr operand) implements Expr {}
}
