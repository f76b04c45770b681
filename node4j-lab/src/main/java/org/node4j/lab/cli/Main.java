package org.node4j.lab.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * Entry point of the {@code node4j} command line, started by the {@code ./node4j} launcher.
 *
 * <p><b>Adding a command</b> is one line: write a picocli {@code @Command} class in this package
 * (see {@link EnvCommand} for the pattern: {@code Callable<Integer>}, a {@link JsonOption} mixin,
 * output to {@code spec.commandLine().getOut()}) and add {@code YourCommand.class} to the {@code
 * subcommands} list below, one class per line. Strings become typed values at this edge only: a
 * command reaches the name registries, the configuration loader and the model registry through
 * {@code @ParentCommand Main main} and {@link #lab()} (a {@link Lab} built here once; there is no
 * static registry).
 *
 * <p><b>Errors</b> are handled once, here, so every command behaves alike (see {@link
 * FailureHandler}): a usage error (a picocli parse error, or a {@link
 * org.node4j.lab.config.UsageException}: an unknown name, a bad option value or configuration file)
 * exits {@value #EXIT_USAGE}; any other failure, an {@code IllegalArgumentException} from inside a
 * training run included, exits {@value #EXIT_FAILURE} with its message; stack traces only with
 * {@code --verbose}. Commands therefore reject what the user gave with {@code UsageException} (see
 * {@link UserInput}) and never call {@code System.exit}.
 */
@Command(
    name = "node4j",
    mixinStandardHelpOptions = true,
    versionProvider = BuildInfo.class,
    description = "Neural ODEs and continuous-depth residual networks for the JVM, in pure Java.",
    synopsisSubcommandLabel = "COMMAND",
    commandListHeading = "%nCommands:%n",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:success",
      "1:failure (run with --verbose for the stack trace)",
      "2:invalid command, option, value, name or configuration file"
    },
    footer = "%nRun 'node4j COMMAND --help' for the options of a command.",
    subcommands = {
      HelpCommand.class,
      EnvCommand.class,
      SolversCommand.class,
      SolveCommand.class,
      GradCheckCommand.class,
      TrainCommand.class,
      EvaluateCommand.class,
      ExperimentCommand.class,
      BenchCommand.class,
    })
public final class Main implements Callable<Integer> {
  /**
   * Exit code of a failure that is not a usage error: a bug, an I/O error, a training run that
   * failed, a library rejecting a value the program (not the user) built.
   */
  public static final int EXIT_FAILURE = 1;

  /**
   * Exit code of a usage error: an unknown command, option or name, a bad option value or an
   * invalid configuration file ({@link org.node4j.lab.config.UsageException}).
   */
  public static final int EXIT_USAGE = 2;

  @Spec private CommandSpec spec;

  private final Lab lab;

  @Option(
      names = {"-v", "--verbose"},
      scope = ScopeType.INHERIT,
      description = "Print the stack trace of a failure.")
  private boolean verbose;

  /** Used by {@link #commandLine}. */
  private Main(Lab lab) {
    this.lab = lab;
  }

  /** Returns the registries and runners the commands share. */
  Lab lab() {
    return lab;
  }

  /** Without a command there is nothing to do: that is a usage error, not a silent success. */
  @Override
  public Integer call() {
    throw new ParameterException(spec.commandLine(), "missing command");
  }

  /**
   * Runs the command line and exits the JVM with the command's exit code.
   *
   * @param args the arguments, as typed after {@code ./node4j}
   */
  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /**
   * Builds the {@code node4j} command line with its commands and the uniform error handling,
   * without running it. Tests call {@code execute} on it after redirecting its output with {@code
   * setOut} and {@code setErr}.
   *
   * @return a fresh command line
   */
  public static CommandLine commandLine() {
    return commandLine(Lab.standard());
  }

  /** Builds the command line over {@code lab} (tests add models to it). */
  static CommandLine commandLine(Lab lab) {
    CommandLine commandLine = new CommandLine(new Main(lab));
    commandLine.setCaseInsensitiveEnumValuesAllowed(true);
    commandLine.setParameterExceptionHandler(FailureHandler::handleUsageError);
    commandLine.setExecutionExceptionHandler(FailureHandler::handleExecutionFailure);
    return commandLine;
  }
}
