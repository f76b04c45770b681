package org.node4j.nn.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.node4j.ode.grad.MemoryFree;
import org.node4j.ode.grad.StoredStages;
import org.node4j.ode.integrate.SolveSetup;
import org.node4j.ode.solver.Solvers;

/** The block holds one setup; a change the method cannot work with leaves the block unchanged. */
class OdeBlockSetupTest {

  @Test
  void aRejectedChangeLeavesTheSetupAndMethodAsTheyWere() {
    OdeBlock block = ExactGradientsOnNetworksTest.mlpBlock(Solvers.euler(), 4, new Random(1));
    block.setMethod(MemoryFree.euler());
    SolveSetup before = block.setup();
    assertThatThrownBy(() -> block.setIntegration(SolveSetup.steps(Solvers.rk4(), 4)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("memory-free-euler")
        .hasMessageContaining("rk4");
    assertThat(block.setup()).isSameAs(before);
    assertThat(block.method()).isSameAs(MemoryFree.euler());
    assertThatThrownBy(() -> block.setMethod(MemoryFree.heun()))
        .hasMessageContaining("memory-free-heun");
    assertThat(block.method()).isSameAs(MemoryFree.euler());
    SolveSetup rk4 = SolveSetup.steps(Solvers.rk4(), 4);
    block.setMethod(StoredStages.create());
    block.setIntegration(rk4);
    assertThat(block.setup()).isSameAs(rk4);
  }
}
