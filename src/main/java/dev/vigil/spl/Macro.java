package dev.vigil.spl;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A search macro as security_content defines it: {@code name}, the argument names, and the definition in
 * which {@code $arg$} is replaced (SEMANTICS §4.4). {@code name} with N arguments is a different macro
 * from {@code name} with none, so the key is {@code name(N)}.
 *
 * @param source where the definition is written, so that an error inside it can point there; empty for
 *               macros Vigil makes up (a rule's default filter)
 */
public record Macro(String name, List<String> arguments, String definition, Optional<DefinitionSource> source) {
  public Macro {
    arguments = List.copyOf(arguments);
  }

  public Macro(String name, List<String> arguments, String definition) {
    this(name, arguments, definition, Optional.empty());
  }

  /**
   * The file holding a definition and the line of that file on which the definition's first line is written.
   * Later lines of the definition are taken to follow line by line, which holds for single-line values and
   * literal block scalars ({@code |}); a folded ({@code >}) or multi-line plain value is joined by YAML, so
   * positions on its later lines are approximate.
   */
  public record DefinitionSource(Path file, int firstLine) {
    /** The file line of {@code offset} within {@code definition}. */
    public int lineOf(String definition, int offset) {
      int line = firstLine;
      for (int i = 0; i < Math.min(offset, definition.length()); i++) {
        if (definition.charAt(i) == '\n') {
          line++;
        }
      }
      return line;
    }
  }

  public String key() {
    return key(name, arguments.size());
  }

  public static String key(String name, int arity) {
    return arity == 0 ? name : name + "(" + arity + ")";
  }
}
