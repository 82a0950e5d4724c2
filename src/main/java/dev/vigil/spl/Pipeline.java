package dev.vigil.spl;

import java.util.List;

/** A parsed search: its commands in order. The first one generates rows; the rest transform them. */
public record Pipeline(List<Command> commands) {
  public Pipeline {
    commands = List.copyOf(commands);
  }

  public Command first() {
    return commands.get(0);
  }

  public List<Command> rest() {
    return commands.subList(1, commands.size());
  }
}
