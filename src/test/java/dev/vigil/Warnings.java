package dev.vigil;

import java.util.function.Consumer;

/** Where tests send warnings that must not happen: each one fails the test. */
public final class Warnings {
  public static final Consumer<String> UNEXPECTED = warning -> {
    throw new AssertionError("unexpected warning: " + warning);
  };

  private Warnings() {}
}
