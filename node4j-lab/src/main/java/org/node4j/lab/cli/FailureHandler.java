package org.node4j.lab.cli;

import java.io.PrintWriter;
import org.node4j.lab.config.UsageException;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The one place where failures become messages and exit codes, so that every command reports them
 * the same way: {@code error: <message>} on stderr, stdout left clean for {@code --json} output.
 */
final class FailureHandler {
  private FailureHandler() {}

  /** Unknown command or option, missing or malformed value: the message, then the usage. */
  static int handleUsageError(ParameterException ex, String[] args) {
    CommandLine commandLine = ex.getCommandLine();
    PrintWriter err = commandLine.getErr();
    err.println("error: " + usageMessage(ex, commandLine));
    UnmatchedArgumentException.printSuggestions(ex, err);
    err.println();
    commandLine.usage(err, commandLine.getColorScheme());
    err.flush();
    return Main.EXIT_USAGE;
  }

  /** Picocli says "Unmatched argument at index 0: 'x'" for a mistyped command; say what it is. */
  private static String usageMessage(ParameterException ex, CommandLine commandLine) {
    if (ex instanceof UnmatchedArgumentException unmatched
        && !unmatched.isUnknownOption()
        && !commandLine.getSubcommands().isEmpty()
        && !unmatched.getUnmatched().isEmpty()) {
      return "unknown command '"
          + unmatched.getUnmatched().get(0)
          + "'; valid commands: "
          + String.join(", ", commandLine.getSubcommands().keySet());
    }
    return ex.getMessage();
  }

  /**
   * A command failed while running. A {@link UsageException} is what the edge throws for input the
   * user gave (a name, an option value, a configuration file): its message names the value and the
   * fix, and it is the user's to correct (exit 2). Anything else, an {@link
   * IllegalArgumentException} from deep inside a training run included, is a failure (exit 1) with
   * its message: a library bug must not read as "invalid option".
   */
  static int handleExecutionFailure(
      Exception ex, CommandLine commandLine, ParseResult fullParseResult) {
    PrintWriter err = commandLine.getErr();
    boolean userError = ex instanceof UsageException;
    err.println("error: " + describe(ex, userError));
    if (isVerbose(fullParseResult)) {
      ex.printStackTrace(err);
    } else if (!userError) {
      err.println("(run again with --verbose for the stack trace)");
    }
    err.flush();
    return userError ? Main.EXIT_USAGE : Main.EXIT_FAILURE;
  }

  /**
   * A {@code UsageException}'s message is meant for the user as it is; for other failures the type
   * often carries the meaning ({@code NoSuchFileException: /path}).
   */
  private static String describe(Exception ex, boolean userError) {
    String message = ex.getMessage();
    if (message == null || message.isBlank()) {
      return ex.getClass().getName();
    }
    return userError ? message : ex.getClass().getSimpleName() + ": " + message;
  }

  /** {@code --verbose} is inherited, so it may have been given to any command in the chain. */
  private static boolean isVerbose(ParseResult parseResult) {
    for (ParseResult pr = parseResult; pr != null; pr = pr.subcommand()) {
      if (pr.hasMatchedOption("--verbose")) {
        return true;
      }
    }
    return false;
  }
}
