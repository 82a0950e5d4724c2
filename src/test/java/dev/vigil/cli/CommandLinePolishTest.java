package dev.vigil.cli;

import static dev.vigil.cli.Cli.vigil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.TestHomes;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line's manners (issue 11): its version, shell completion, and a guess for a mistyped rule. */
class CommandLinePolishTest {
  @TempDir
  Path temp;

  @Test
  void versionNamesVigilAndTheJava() {
    Cli.Outcome version = vigil("--version");
    assertEquals(0, version.exit());
    assertTrue(version.out().startsWith("vigil "), version.out());
    assertTrue(version.out().contains("\nJava " + System.getProperty("java.version")), version.out());
  }

  @Test
  void bashCompletionKnowsTheSubcommands() {
    Cli.Outcome completion = vigil("generate-completion");
    assertEquals(0, completion.exit(), completion.err());
    assertTrue(completion.out().contains("complete -F _complete_vigil"), completion.out());
    assertTrue(completion.out().contains("notables"), "every subcommand is completed");
    assertTrue(vigil("--help").out().contains("generate-completion"));
  }

  @Test
  void aMistypedRuleGetsTheNearestOneOffered() {
    Path home = TestHomes.copyShipped(temp.resolve("home"));
    Cli.Outcome typo = vigil("rules", "show", "certutil_exe_certficate_extraction", "--home", home.toString());
    assertEquals(2, typo.exit());
    assertEquals("vigil: no rule 'certutil_exe_certficate_extraction' (did you mean "
        + "'certutil_exe_certificate_extraction'?): give a file stem, name or id from 'vigil rules list', or a "
        + "detection YAML file\n", typo.err());
    Cli.Outcome part = vigil("rules", "enable", "iis_components", "--home", home.toString());
    assertEquals(2, part.exit());
    assertTrue(part.err().startsWith("vigil: no rule 'iis_components' in the catalog (did you mean "
        + "'windows_iis_components_add_new_module'?)"), part.err());
    Cli.Outcome far = vigil("rules", "show", "xyz", "--home", home.toString());
    assertEquals("vigil: no rule 'xyz': give a file stem, name or id from 'vigil rules list', or a detection YAML"
        + " file\n", far.err(), "nothing near: no guess");
  }

  @Test
  void globalOptionsMayComeBeforeTheSubcommand() throws Exception {
    Path home = TestHomes.copyShipped(temp.resolve("home"));
    Cli.Outcome after = vigil("rules", "list", "--home", home.toString());
    Cli.Outcome before = vigil("--home", home.toString(), "rules", "list");
    assertEquals(0, before.exit(), before.err());
    assertEquals(after.out(), before.out());

    Path missing = temp.resolve("no-index");
    Cli.Outcome runs = vigil("--index", missing.toString(), "runs", "--home", home.toString());
    assertEquals(2, runs.exit());
    assertTrue(runs.err().contains(missing.toString()), "the index given before the subcommand is the one used: "
        + runs.err());
    Path other = temp.resolve("other-index");
    Cli.Outcome nearer = vigil("--index", missing.toString(), "runs", "--index", other.toString(), "--home",
        home.toString());
    assertTrue(nearer.err().contains(other.toString()) && !nearer.err().contains(missing.toString()),
        "the option nearer the command wins: " + nearer.err());
  }

  @Test // the list of commands shows each one's header: a whole sentence, never a description cut at its width
  void everyCommandHasAOneSentenceHeader() {
    java.util.List<String> missing = new java.util.ArrayList<>();
    for (picocli.CommandLine command : allCommands()) {
      String name = command.getCommandSpec().qualifiedName();
      if (name.endsWith("help") || name.endsWith("generate-completion")) {
        continue; // picocli's own
      }
      String[] header = command.getCommandSpec().usageMessage().header();
      if (header.length != 1 || !header[0].endsWith(".") || header[0].length() > 100) {
        missing.add(name + ": " + java.util.Arrays.toString(header));
      }
    }
    assertEquals(java.util.List.of(), missing);
  }

  /**
   * picocli starts a new line at each element of a description: a paragraph is one element, which picocli wraps to
   * the terminal, so an element of prose ends a sentence (or introduces what follows); indented lines are examples.
   */
  @Test
  void descriptionsAreWholeParagraphs() {
    java.util.List<String> cut = new java.util.ArrayList<>();
    for (picocli.CommandLine command : allCommands()) {
      if (command.getCommandSpec().name().equals("help")) {
        continue; // picocli's own
      }
      for (String element : command.getCommandSpec().usageMessage().description()) {
        String line = element.strip();
        boolean example = element.startsWith(" ") || line.startsWith("{") || line.startsWith("Example")
            || line.startsWith("vigil ");
        if (!line.isEmpty() && !example && !line.matches(".*[.:)]$")) {
          cut.add(command.getCommandSpec().qualifiedName() + ": ..." + line.substring(Math.max(0, line.length() - 50)));
        }
      }
    }
    assertEquals(java.util.List.of(), cut);
  }

  /** Every subcommand of vigil, nested ones included. */
  private static java.util.List<picocli.CommandLine> allCommands() {
    java.util.List<picocli.CommandLine> all = new java.util.ArrayList<>();
    java.util.ArrayDeque<picocli.CommandLine> next = new java.util.ArrayDeque<>(
        Vigil.commandLine().getSubcommands().values());
    while (!next.isEmpty()) {
      picocli.CommandLine command = next.pop();
      next.addAll(command.getSubcommands().values());
      all.add(command);
    }
    return all;
  }
}
