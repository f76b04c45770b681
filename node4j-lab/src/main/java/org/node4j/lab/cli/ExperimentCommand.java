package org.node4j.lab.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code node4j experiment NAME}: runs one of the project's experiments end to end. */
@Command(
    name = "experiment",
    mixinStandardHelpOptions = true,
    synopsisSubcommandLabel = "NAME",
    description = "Run an experiment end to end: training, evaluation, plots and a report.",
    commandListHeading = "%nExperiments:%n",
    subcommands = {
      ResnetAfterAllCommand.class,
      ResnetToOdeCommand.class,
      AnodeCommand.class,
      ImplicitRegularizationCommand.class
    })
final class ExperimentCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  /** Without an experiment name there is nothing to run: a usage error. */
  @Override
  public Integer call() {
    throw new ParameterException(
        spec.commandLine(),
        "missing experiment; valid experiments: "
            + String.join(", ", spec.commandLine().getSubcommands().keySet()));
  }
}
