package dev.vigil.content;

import dev.vigil.spl.Macro;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Macros in Splunk's {@code macros.conf} format (macros.conf.spec): {@code [name]} or {@code [name(N)]} for a
 * macro of N arguments, {@code definition}, and {@code args} naming the N arguments, comma-separated.
 */
public final class MacrosConf {
  private static final Pattern HEADER = Pattern.compile("([^()\\s]+)(?:\\((\\d+)\\))?");

  private MacrosConf() {}

  /** The macros of one file; a stanza that is not a valid macro is an error naming file and line. */
  public static List<Macro> read(Path file) throws IOException {
    try {
      return macros(Conf.layered(List.of(ConfFile.read(file, file.toString()))));
    } catch (ConfSyntaxException e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  /** The macros of layered {@code macros.conf} files. */
  public static List<Macro> macros(Conf conf) throws IOException {
    List<Macro> macros = new ArrayList<>();
    for (ConfStanza stanza : conf.stanzas()) {
      macros.add(macro(stanza));
    }
    return macros;
  }

  static Macro macro(ConfStanza stanza) throws IOException {
    Matcher header = HEADER.matcher(stanza.name());
    if (!header.matches()) {
      throw new IOException(stanza.location() + ": stanza [" + stanza.name()
          + "] is not a macro name: expected [name] or [name(N)]");
    }
    int arity = header.group(2) == null ? 0 : Integer.parseInt(header.group(2));
    ConfValue definition = stanza.value("definition").orElseThrow(() -> new IOException(
        stanza.location() + ": macro [" + stanza.name() + "] has no 'definition'"));
    List<String> arguments = stanza.text("args")
        .map(a -> a.isBlank() ? List.<String>of() : Arrays.stream(a.split(",")).map(String::strip).toList())
        .orElse(List.of());
    if (arguments.size() != arity) {
      String where = stanza.value("args").map(ConfValue::location).orElse(stanza.location());
      throw new IOException(where + ": macro [" + stanza.name() + "] takes " + arity + " argument(s) but args names "
          + arguments.size());
    }
    return new Macro(header.group(1), arguments, definition.value(),
        Optional.of(new Macro.DefinitionSource(Path.of(definition.source()), definition.line())));
  }
}
