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
    assertThat(r.get("skipped").findValuesAsText("method"))
        .containsExactly("memory-free-euler", "memory-free-heun");
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
            "gradcheck",
            "--model=resnet",
            "--depth=8,32",
            "--method=stored,memory-free-euler",
            "--json");

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
    Run run = MainTest.run("gradcheck", "--model=sphere2", "--method=memory-free-heun");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("memory-free-heun").contains("rk4");
  }

  @Test
  void unknownMethodsListTheValidNames() {
    Run run = MainTest.run("gradcheck", "--model=resnet", "--method=backprop");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("stored, checkpointed, adjoint, memory-free-euler");
  }
}
