package org.node4j.lab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.node4j.lab.cli.MainTest.Run;

class ResnetToOdeCommandTest {

  @Test
  void isAnExperimentWithItsProtocolInTheHelp() {
    Run run = MainTest.run("experiment", "resnet-to-ode", "--help");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("Sander", "--quick", "--jobs", "--engine", "--master", "--out");
    assertThat(MainTest.run("experiment", "--help").out()).contains("resnet-to-ode");
  }

  @Test
  void aJobCountBelowOneIsAClearError() {
    Run run = MainTest.run("experiment", "resnet-to-ode", "--jobs", "0");
    assertThat(run.exitCode()).isNotZero();
    assertThat(run.err()).contains("--jobs must be >= 1, got 0");
  }
}
