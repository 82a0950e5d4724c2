package dev.vigil.spl;

import java.util.List;

/**
 * A search macro as security_content defines it: {@code name}, the argument names, and the definition in
 * which {@code $arg$} is replaced (SEMANTICS §4.4). {@code name} with N arguments is a different macro
 * from {@code name} with none, so the key is {@code name(N)}.
 */
public record Macro(String name, List<String> arguments, String definition) {
  public Macro {
    arguments = List.copyOf(arguments);
  }

  public String key() {
    return key(name, arguments.size());
  }

  public static String key(String name, int arity) {
    return arity == 0 ? name : name + "(" + arity + ")";
  }
}
