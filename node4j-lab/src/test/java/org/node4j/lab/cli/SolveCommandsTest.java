package org.node4j.lab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.node4j.lab.cli.MainTest.Run;
import org.node4j.ode.solver.Solvers;

class SolveCommandsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void solversJsonListsEveryCatalogueEntryWithAMeasuredOrderNearItsClaim() throws Exception {
    Run run = MainTest.run("solvers", "--json");

    assertThat(run.exitCode()).isZero();
    JsonNode rows = JSON.readTree(run.out());
    assertThat(rows).hasSize(Solvers.names().size());
    for (JsonNode row : rows) {
      assertThat(row.get("empiricalOrder").asDouble())
          .as(row.get("name").asText())
          .isCloseTo(row.get("order").asDouble(), org.assertj.core.data.Offset.offset(0.3));
    }
  }

  @Test
  void lotkaVolterraWithDopri5ReturnsTheStateAndStatistics() throws Exception {
    Run run =
        MainTest.run(
            "solve",
            "--system=lotka-volterra",
            "--solver=dopri5",
            "--rtol=1e-10",
            "--atol=1e-12",
            "--t1=10",
            "--json");

    assertThat(run.exitCode()).isZero();
    JsonNode result = JSON.readTree(run.out());
    assertThat(result.get("status").asText()).isEqualTo("SUCCESS");
    assertThat(result.get("t1").asDouble()).isEqualTo(10.0);
    assertThat(result.get("finalState")).hasSize(2);
    JsonNode stats = result.get("statistics");
    assertThat(stats.get("evaluations").asLong())
        .isGreaterThan(6L * stats.get("acceptedSteps").asLong());
  }

  @Test
  void constantStepsOnTheExponentialMatchTheClosedForm() throws Exception {
    Run run =
        MainTest.run(
            "solve", "--system=exponential", "--solver=rk4", "--steps=200", "--t1=1", "--json");

    assertThat(run.exitCode()).isZero();
    JsonNode result = JSON.readTree(run.out());
    assertThat(result.get("statistics").get("evaluations").asLong()).isEqualTo(800);
    assertThat(result.get("statistics").get("acceptedSteps").asInt()).isEqualTo(200);
  }

  @Test
  void unknownNamesListTheValidOnesAndExitTwo() {
    Run solver = MainTest.run("solve", "--system=harmonic", "--solver=rk5", "--steps=3", "--t1=1");
    Run system = MainTest.run("solve", "--system=orbit", "--solver=rk4", "--steps=3", "--t1=1");

    assertThat(solver.exitCode()).isEqualTo(Main.EXIT_USAGE);
    assertThat(solver.err()).contains("rk5", "dopri5", "tsit5", "rk4-38");
    assertThat(system.exitCode()).isEqualTo(Main.EXIT_USAGE);
    assertThat(system.err()).contains("orbit", "lotka-volterra", "van-der-pol");
  }

  @Test
  void tolerancesWithAFixedStepSolverAreRejected() {
    Run run =
        MainTest.run(
            "solve", "--system=harmonic", "--solver=rk4", "--rtol=1e-3", "--atol=1e-3", "--t1=1");

    assertThat(run.exitCode()).isEqualTo(Main.EXIT_USAGE);
    assertThat(run.err()).contains("--steps", "dopri5");
  }

  @Test
  void exceedingMaxStepsIsAFailureNamingTheStatus() {
    Run run =
        MainTest.run(
            "solve",
            "--system=van-der-pol",
            "--mu=1000",
            "--solver=dopri5",
            "--rtol=1e-8",
            "--atol=1e-8",
            "--t1=3000",
            "--max-steps=50");

    assertThat(run.exitCode()).isEqualTo(Main.EXIT_FAILURE);
    assertThat(run.err()).contains("MAX_STEPS_EXCEEDED");
  }
}
