package dev.vigil.cli;

import dev.vigil.schedule.ContentException;
import dev.vigil.spl.SplException;
import dev.vigil.time.TimeSyntaxException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/** Errors a user can act on get one clear message on stderr and exit code 2 (see {@link ExitCodes}); anything else is a bug. */
final class Errors implements IExecutionExceptionHandler {
  /** Prints a warning about the data (a skipped line, a receiver that is down) on stderr, where messages go. */
  static void warn(String warning) {
    System.err.println("warning: " + warning);
  }

  @Override
  public int handleExecutionException(Exception e, CommandLine cli, ParseResult parsed) {
    if (e instanceof UsageException || e instanceof ContentException || e instanceof SplException
        || e instanceof TimeSyntaxException || e instanceof IllegalArgumentException) {
      cli.getErr().println("vigil: " + e.getMessage());
      return ExitCodes.USAGE;
    }
    if (e instanceof java.nio.file.NoSuchFileException missing) {
      cli.getErr().println("vigil: no such file: " + missing.getFile());
      return ExitCodes.USAGE;
    }
    if (e instanceof java.io.IOException io) {
      cli.getErr().println("vigil: " + dev.vigil.store.IoProblems.describe(io));
      return ExitCodes.USAGE;
    }
    cli.getErr().println("vigil: internal error: " + e);
    e.printStackTrace(cli.getErr());
    return ExitCodes.INTERNAL;
  }

  /** A command was used in a way that cannot work, e.g. an unknown rule. */
  static final class UsageException extends RuntimeException {
    UsageException(String message) {
      super(message);
    }
  }
}
