package org.node4j.lab.cli;

import picocli.CommandLine.Option;

/**
 * The {@code --json} flag, shared by commands as a picocli mixin so that it is spelled and
 * described the same everywhere: {@code @Mixin JsonOption json;} then {@code if (json.enabled())
 * JsonOutput.print(out, result)}.
 */
public final class JsonOption {
  @Option(
      names = "--json",
      description = "Print the result as JSON on stdout (messages still go to stderr).")
  private boolean enabled;

  /** Created by picocli for each command that mixes it in. */
  public JsonOption() {}

  /**
   * Whether {@code --json} was given.
   *
   * @return true to print JSON instead of text
   */
  public boolean enabled() {
    return enabled;
  }
}
