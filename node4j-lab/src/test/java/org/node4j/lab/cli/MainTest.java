package org.node4j.lab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.node4j.lab.config.UsageException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

class MainTest {

  /** Output, error stream and exit code of one run of the command line. */
  record Run(int exitCode, String out, String err) {}

  static Run run(CommandLine commandLine, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    int exitCode = commandLine.execute(args);
    return new Run(exitCode, out.toString(), err.toString());
  }

  static Run run(String... args) {
    return run(Main.commandLine(), args);
  }

  @Test
  void helpListsEveryRegisteredCommand() {
    Run run = run("--help");

    assertThat(run.exitCode()).isZero();
    assertThat(run.err()).isEmpty();
    assertThat(run.out()).contains("Usage: node4j", "Commands:", "--verbose", "--version");
    assertThat(Main.commandLine().getSubcommands().keySet()).contains("env", "info", "help");
    for (String command : Main.commandLine().getSubcommands().keySet()) {
      assertThat(run.out()).contains(command);
    }
  }

  @Test
  void versionNamesNode4jAndTheJavaRuntime() {
    Run run = run("--version");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).startsWith("node4j ").contains("Java " + Runtime.version());
  }

  @Test
  void unknownCommandIsAUsageErrorWithSuggestionsAndUsage() {
    Run run = run("evn");

    assertThat(run.exitCode()).isEqualTo(Main.EXIT_USAGE);
    assertThat(run.out()).isEmpty();
    assertThat(run.err())
        .startsWith("error: unknown command 'evn'; valid commands: help, env, info")
        .contains("Usage: node4j");
  }

  @Test
  void missingCommandIsAUsageError() {
    Run run = run();

    assertThat(run.exitCode()).isEqualTo(Main.EXIT_USAGE);
    assertThat(run.err()).contains("error: missing command", "Commands:");
  }

  @Test
  void unknownOptionOfACommandShowsThatCommandsUsage() {
    Run run = run("env", "--jsn");

    assertThat(run.exitCode()).isEqualTo(Main.EXIT_USAGE);
    assertThat(run.err()).contains("error: ", "--jsn", "Usage: node4j env");
  }

  @Test
  void aUsageExceptionIsAUsageErrorWithoutStackTrace() {
    Run run = run(withFailing(new UsageException("--tol must be > 0, got -1")), "fail");

    assertThat(run.exitCode()).isEqualTo(Main.EXIT_USAGE);
    assertThat(run.err()).isEqualTo(String.format("error: --tol must be > 0, got -1%n"));
    assertThat(run.out()).isEmpty();
  }

  @Test
  void anIllegalArgumentFromInsideARunIsAFailureWithItsMessageNotAnInvalidOption() {
    Run run =
        run(withFailing(new IllegalArgumentException("shapes [2, 3] and [3, 4] differ")), "fail");

    assertThat(run.exitCode()).isEqualTo(Main.EXIT_FAILURE);
    assertThat(run.err())
        .startsWith("error: IllegalArgumentException: shapes [2, 3] and [3, 4] differ")
        .contains("--verbose")
        .doesNotContain("Usage:");
  }

  @Test
  void otherFailuresExitOneWithTheMessageAndTraceOnlyWhenVerbose() {
    IllegalStateException failure = new IllegalStateException("checkpoint is corrupt");

    Run quiet = run(withFailing(failure), "fail");
    Run verboseBefore = run(withFailing(failure), "--verbose", "fail");
    Run verboseAfter = run(withFailing(failure), "fail", "-v");

    assertThat(quiet.exitCode()).isEqualTo(Main.EXIT_FAILURE);
    assertThat(quiet.err())
        .startsWith("error: IllegalStateException: checkpoint is corrupt")
        .contains("--verbose")
        .doesNotContain("\tat ");
    for (Run verbose : new Run[] {verboseBefore, verboseAfter}) {
      assertThat(verbose.exitCode()).isEqualTo(Main.EXIT_FAILURE);
      assertThat(verbose.err()).contains("checkpoint is corrupt", "\tat ");
    }
  }

  @Test
  void verboseStackTraceAlsoForUsageErrors() {
    Run run = run(withFailing(new UsageException("bad")), "-v", "fail");

    assertThat(run.exitCode()).isEqualTo(Main.EXIT_USAGE);
    assertThat(run.err()).startsWith("error: bad").contains("\tat ");
  }

  private static CommandLine withFailing(RuntimeException failure) {
    CommandLine commandLine = Main.commandLine();
    commandLine.addSubcommand("fail", new Failing(failure));
    return commandLine;
  }

  @Command(name = "fail")
  static final class Failing implements Callable<Integer> {
    private final RuntimeException failure;

    Failing(RuntimeException failure) {
      this.failure = failure;
    }

    @Override
    public Integer call() {
      throw failure;
    }
  }
}
