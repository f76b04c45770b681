package org.node4j.lab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.node4j.lab.cli.MainTest.Run;

class GradCheckCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void mlpWithRk4ReportsEveryCompatibleMethodAndSkipsTheMemoryFreeOnes() throws Exception {
    Run run =
        MainTest.run(
            "gradcheck",
            "--model",
            "mlp",
            "--solver",
            "rk4",
            "--steps",
            "4",
            "--method",
            "all",
            "--json");

    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode r = JSON.readTree(run.out()).get("runs").get(0);
    assertThat(r.get("solver").asText()).isEqualTo("rk4");
    JsonNode methods = r.get("methods");
    assertThat(methods).hasSize(3);
    for (JsonNode m : methods) {
      String name = m.get("method").asText();
      assertThat(m.get("forwardEvaluations").asLong()).as(name).isEqualTo(16);
      if (m.get("exact").asBoolean()) {
        assertThat(m.get("relErrorVsFiniteDifferences").asDouble()).as(name).isLessThan(1e-7);
        assertThat(m.get("relErrorVsExact").asDouble()).as(name).isLessThan(1e-10);
      } else {
        assertThat(m.get("relErrorVsExact").asDouble()).as(name).isBetween(1e-12, 1.0);
        assertThat(m.get("peakBytesHeld").asLong())
            .isLessThan(methods.get(0).get("peakBytesHeld").asLong());
      }
    }
    assertThat(r.get("skipped").findValuesAsText("method")).containsExactly("memory-free");
  }

  @Test
  void networkOfSeveralOdeBlocksIsCheckedPerMethod() throws Exception {
    Run run =
        MainTest.run(
            "gradcheck",
            "--model",
            "ode-resnet",
            "--solver",
            "euler",
            "--steps",
            "3",
            "--method",
            "stored,checkpointed,adjoint",
            "--json");

    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode doc = JSON.readTree(run.out());
    assertThat(doc.get("loss").asText()).isEqualTo("mean cross-entropy");
    JsonNode methods = doc.get("runs").get(0).get("methods");
    assertThat(methods.findValuesAsText("method"))
        .containsExactly("stored", "checkpointed", "adjoint");
    for (JsonNode m : methods) {
      String name = m.get("method").asText();
      // two blocks of 3 Euler steps each
      assertThat(m.get("forwardEvaluations").asLong()).as(name).isEqualTo(6);
    }
    JsonNode stored = methods.get(0);
    JsonNode checkpointed = methods.get(1);
    JsonNode adjoint = methods.get(2);
    assertThat(stored.get("relErrorVsFiniteDifferences").asDouble()).isLessThan(1e-7);
    assertThat(checkpointed.get("relErrorVsFiniteDifferences").asDouble()).isLessThan(1e-7);
    assertThat(checkpointed.get("relErrorVsExact").asDouble()).isLessThan(1e-12);
    assertThat(checkpointed.get("peakBytesHeld").asLong())
        .isLessThan(stored.get("peakBytesHeld").asLong());
    // OTD at Euler, N_t = 3 is not the discrete gradient (ANODE's point): a visible error.
    assertThat(adjoint.get("relErrorVsExact").asDouble()).isBetween(1e-3, 1.0);
  }

  @Test
  void resnetDepthSweepKeepsMemoryFreeBytesFlat() throws Exception {
    Run run =
        MainTest.run(
            "gradcheck", "--model=resnet", "--depth=8,32", "--method=stored,memory-free", "--json");

    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode runs = JSON.readTree(run.out()).get("runs");
    assertThat(runs.findValuesAsText("solver")).containsOnly("euler");
    long stored8 = runs.get(0).get("methods").get(0).get("peakBytesHeld").asLong();
    long stored32 = runs.get(1).get("methods").get(0).get("peakBytesHeld").asLong();
    long free8 = runs.get(0).get("methods").get(1).get("peakBytesHeld").asLong();
    long free32 = runs.get(1).get("methods").get(1).get("peakBytesHeld").asLong();
    assertThat(free32).isEqualTo(free8);
    assertThat((double) stored32 / stored8).isBetween(3.5, 4.5);
    assertThat(runs.get(1).get("methods").get(1).get("relErrorVsExact").asDouble())
        .isLessThan(runs.get(0).get("methods").get(1).get("relErrorVsExact").asDouble());
  }

  @Test
  void anIncompatibleMethodNamedExplicitlyIsAUserError() {
    Run run = MainTest.run("gradcheck", "--model=sphere2", "--method=memory-free");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("memory-free").contains("euler or heun").contains("rk4");
  }

  @Test
  void unknownMethodsListTheValidNames() {
    Run run = MainTest.run("gradcheck", "--model=resnet", "--method=backprop");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains("unknown gradient method 'backprop'")
        .contains("stored, checkpointed, adjoint, memory-free");
  }

  @Test
  void checkpointOptionsAsInAConfigFileReachTheSolverThroughTheBytesHeld() throws Exception {
    Run run =
        MainTest.run(
            "gradcheck",
            "--model=sphere2",
            "--solver=euler",
            "--steps=16",
            "--method=checkpointed",
            "--method={name: checkpointed, every: 4}",
            "--method={name: checkpointed, budgetBytes: 1000}",
            "--json");

    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode methods = JSON.readTree(run.out()).get("runs").get(0).get("methods");
    assertThat(methods.findValuesAsText("method"))
        .containsExactly(
            "checkpointed",
            "{name: checkpointed, every: 4}",
            "{name: checkpointed, budgetBytes: 1000}");
    long everyStep = methods.get(0).get("peakBytesHeld").asLong();
    long everyFourth = methods.get(1).get("peakBytesHeld").asLong();
    long budget = methods.get(2).get("peakBytesHeld").asLong();
    // Sphere2's state (16 x 1 x 2 doubles) is far smaller than one step's stage records, so
    // keeping the records of 4 steps costs more than 16 checkpoints; the binomial budget of three
    // states holds less than the 16 checkpoints of every step.
    assertThat(everyFourth).isGreaterThan(everyStep);
    assertThat(budget).isLessThan(everyStep);
    assertThat(methods.get(2).get("backwardEvaluations").asLong())
        .isGreaterThan(methods.get(0).get("backwardEvaluations").asLong());
    for (JsonNode m : methods) {
      assertThat(m.get("relErrorVsExact").asDouble()).isLessThan(1e-10);
    }
  }

  @Test
  void aReluFieldChecksAgainstFiniteDifferences() throws Exception {
    Run run =
        MainTest.run("gradcheck", "--model=relu-mlp", "--method=stored,checkpointed", "--json");

    assertThat(run.exitCode()).as(run.err()).isZero();
    for (JsonNode m : JSON.readTree(run.out()).get("runs").get(0).get("methods")) {
      assertThat(m.get("relErrorVsFiniteDifferences").asDouble()).isLessThan(1e-7);
    }
  }

  @Test
  void aPidControllerAndTheAdjointsOptionsReachTheirSolves() throws Exception {
    Run run =
        MainTest.run(
            "gradcheck",
            "--model=relu-mlp",
            "--solver=dopri5",
            "--tol=1e-5",
            "--controller=pid",
            "--method=stored",
            "--method={name: adjoint, norm: seminorm, tolerance: 1e-6, controller: pi}",
            "--method={name: adjoint, solver: rk4, steps: 32}",
            "--json");

    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode r = JSON.readTree(run.out()).get("runs").get(0);
    assertThat(r.get("steps").asText()).contains("pcoeff -0.2222", "dcoeff 0.05556");
    JsonNode methods = r.get("methods");
    assertThat(methods.get(2).get("backwardEvaluations").asLong()).isEqualTo(32 * 4);
    assertThat(methods.get(1).get("backwardEvaluations").asLong()).isNotEqualTo(32 * 4);
    for (JsonNode m : methods) {
      assertThat(m.get("relErrorVsExact").asDouble()).as(m.get("method").asText()).isLessThan(1e-2);
    }
  }

  @Test
  void aBadControllerOrMethodOptionIsAUsageErrorNamingTheOption() {
    Run controller =
        MainTest.run(
            "gradcheck", "--model=mlp", "--solver=dopri5", "--tol=1e-5", "--controller=pd");
    Run option =
        MainTest.run("gradcheck", "--model=mlp", "--method={name: stored, norm: seminorm}");

    assertThat(controller.exitCode()).isEqualTo(Main.EXIT_USAGE);
    assertThat(controller.err()).contains("--controller", "unknown controller 'pd'", "pid");
    assertThat(option.exitCode()).isEqualTo(Main.EXIT_USAGE);
    assertThat(option.err()).contains("--method", "norm does not apply");
  }
}
