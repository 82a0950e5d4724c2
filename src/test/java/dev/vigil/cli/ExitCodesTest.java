package dev.vigil.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** One exit code table, in every command's help; a command's own wording of a code wins. */
class ExitCodesTest {
  @Test
  void everyCommandDocumentsTheWholeTable() {
    CommandLine cli = Vigil.commandLine();
    List<CommandLine> commands = new java.util.ArrayList<>(List.of(cli));
    cli.getSubcommands().values().forEach(sub -> {
      commands.add(sub);
      commands.addAll(sub.getSubcommands().values());
    });
    for (CommandLine command : commands) {
      if (command.getCommandName().equals("help")) {
        continue;
      }
      String help = command.getUsageMessage(CommandLine.Help.Ansi.OFF);
      assertTrue(help.contains("Exit codes:"), command.getCommandName() + ":\n" + help);
      String table = help.substring(help.indexOf("Exit codes:"));
      for (String code : List.of("0", "1", "2", "3")) {
        assertTrue(table.lines().anyMatch(l -> l.matches("\\s+" + code + "\\s+\\S.*")),
            command.getCommandName() + " documents exit code " + code + ":\n" + help);
      }
      assertTrue(help.contains("internal error"), help);
    }
  }

  @Test
  void aCommandKeepsItsOwnWordsForItsCodes() {
    String ingest = Vigil.commandLine().getSubcommands().get("ingest").getUsageMessage(CommandLine.Help.Ansi.OFF);
    assertTrue(ingest.contains("some lines or files could not be read (the rest is stored)"), ingest);
    assertTrue(ingest.contains("bad usage or configuration"), ingest);
  }

  @Test
  void aBadOptionIsExitTwo() {
    assertEquals(2, Cli.vigil("runs", "--no-such-option").exit());
  }
}
