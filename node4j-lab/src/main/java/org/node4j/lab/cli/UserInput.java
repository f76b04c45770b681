package org.node4j.lab.cli;

import java.util.function.Supplier;
import org.node4j.lab.config.UsageException;

/**
 * Marks where a command turns what the user typed into values: an {@link IllegalArgumentException}
 * there (the library rejecting a step count, a tolerance, a file) is the user's mistake and becomes
 * a {@link UsageException} (exit code 2) that names the option. The same exception thrown later,
 * while the command runs, stays a failure (exit code 1).
 */
final class UserInput {
  private UserInput() {}

  /**
   * Builds a value from what the user gave.
   *
   * @param option the option or argument the value comes from, e.g. {@code --steps}
   * @param build builds the value
   * @return the value
   * @throws UsageException naming {@code option} when {@code build} rejects the input
   */
  static <T> T of(String option, Supplier<T> build) {
    try {
      return build.get();
    } catch (UsageException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      throw new UsageException(option + ": " + e.getMessage(), e);
    }
  }
}
