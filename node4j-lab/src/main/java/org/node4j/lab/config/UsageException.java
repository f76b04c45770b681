package org.node4j.lab.config;

/**
 * A mistake in what the user gave: an unknown name, a bad option value, an invalid configuration
 * file, a directory that holds no run. The command line reports it with its message and exit code 2
 * (usage error); any other exception, an {@link IllegalArgumentException} thrown deep inside a
 * training run included, is a failure (exit code 1), so that a library bug is never mistaken for a
 * typo.
 */
public class UsageException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what is wrong and how to fix it
   */
  public UsageException(String message) {
    super(message);
  }

  /**
   * Creates the exception with its cause.
   *
   * @param message what is wrong and how to fix it
   * @param cause the exception that revealed the mistake
   */
  public UsageException(String message, Throwable cause) {
    super(message, cause);
  }
}
