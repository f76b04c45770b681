package org.node4j.nn.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.node4j.nn.field.NetGrad;
import org.node4j.nn.field.NeuralField;
import org.node4j.nn.kernel.Parallel;
import org.node4j.nn.optim.Adam;
import org.node4j.nn.optim.AdamOptions;
import org.node4j.nn.optim.ParamGroup;
import org.node4j.nn.param.Parameter;
import org.node4j.nn.tensor.DType;
import org.node4j.nn.tensor.Tensor;
import org.node4j.nn.testing.Allocations;
import org.node4j.ode.control.ConstantSteps;
import org.node4j.ode.grad.GradientMethod;
import org.node4j.ode.grad.MemoryFree;
import org.node4j.ode.grad.StoredStages;
import org.node4j.ode.integrate.SolveSetup;
import org.node4j.ode.solver.Solvers;

/**
 * A long training run holds flat memory: once the first iterations have sized every buffer and
 * record pool, a training iteration (ODE forward through 16 Euler steps, head, loss, backward
 * through the solver, Adam step) allocates nothing that grows with the number of iterations, and
 * the heap it retains stays flat.
 */
class TrainingMemoryTest {

  private static long retainedHeap() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  @Test
  void steadyStateTrainingIterationsAllocateAlmostNothing() {
    Allocations allocations = Allocations.ofThisThread();
    int threads = Parallel.threads();
    Parallel.setThreads(1);
    try {
      Random rnd = new Random(5);
      NeuralField f = NeuralField.autonomous(SeedModels.sphere2Field(DType.FLOAT32, ""));
      ParameterInit.kaiming().apply(f.parameters(), rnd);
      OdeBlock block =
          OdeBlock.builder(f)
              .setup(SolveSetup.of(Solvers.euler(), ConstantSteps.count(16)))
              .method(StoredStages.create())
              .build();
      OdeClassifier model =
          new OdeClassifier(block, ClassifierHead.of(new int[] {1, 2}, 2, DType.FLOAT32));
      ParameterInit.kaiming().apply(model.head().parameters(), rnd);
      Adam adam =
          new Adam(AdamOptions.adam(), List.of(ParamGroup.of(model.parameters(), 1e-3, 0.0)));
      Tensor x = Tensor.zeros(DType.FLOAT32, 64, 1, 2);
      NetGrad.gaussian(x, rnd, 0.3);
      int[] labels = new int[64];
      for (int i = 0; i < labels.length; i++) {
        labels[i] = i % 2;
      }
      Runnable iteration =
          () -> {
            adam.zeroGrad();
            model.trainBatch(x, labels, labels.length);
            adam.step();
          };
      // Warm-up until the JIT has compiled the layers: before that, the short-lived matrix views
      // of their products are real objects; compiled code scalar-replaces them. At least 100
      // iterations, then rounds of 50 until one stays under the bound below (at most 40 rounds:
      // on a loaded machine C2 may get to the last method late).
      allocations.bytes(iteration, 100);
      allocations.steadyBytesPerRun(iteration, 40, 50, 16 * 1024);
      long fifty = allocations.bytes(iteration, 50);
      long fiveHundred = allocations.bytes(iteration, 500);

      // Each solve still builds its small solver workspace and result objects (a few KiB here, all
      // short-lived); what must not happen is growth with the run length. One retained activation
      // buffer per iteration (64 x 32 floats = 8 KiB) would break both bounds below.
      assertThat(fiveHundred / 500).as("bytes allocated per iteration").isLessThan(16 * 1024);
      assertThat(fiveHundred / 500)
          .as("per-iteration allocation does not grow with the run length")
          .isLessThanOrEqualTo(fifty / 50 + 256);
      long retainedBefore = retainedHeap();
      for (int i = 0; i < 500; i++) {
        iteration.run();
      }
      assertThat(retainedHeap() - retainedBefore)
          .as("heap retained after 500 more iterations")
          .isLessThan(4L << 20);
    } finally {
      Parallel.setThreads(threads);
    }
  }

  /**
   * A depth-indexed network as in workload W5 (ResNet and HeunNet of width 64 on a batch of 256,
   * float32) keeps its solver's buffers from one iteration to the next: once warm, a forward and
   * backward pass allocates less than a quarter of one state (64 KiB) with stored stages and with
   * the memory-free reconstruction, where a new solver workspace, running state, saved final state
   * and returned copy for every solve cost about nine states per iteration.
   */
  @Test
  void depthIndexedIterationsAllocateNoStateBuffers() {
    Allocations allocations = Allocations.ofThisThread();
    Parallel.withThreads(
        1,
        () -> {
          Random rnd = new Random(9);
          for (ResidualNetwork.Scheme scheme : ResidualNetwork.Scheme.values()) {
            boolean euler = scheme == ResidualNetwork.Scheme.EULER;
            GradientMethod[] methods = {
              StoredStages.create(), euler ? MemoryFree.euler() : MemoryFree.heun()
            };
            for (GradientMethod method : methods) {
              ResidualNetwork.Builder b =
                  euler
                      ? ResidualNetwork.resNet(
                          k -> SeedModels.w5Function(64, DType.FLOAT32, "f" + k + "."), 4)
                      : ResidualNetwork.heunNet(
                          k -> SeedModels.w5Function(64, DType.FLOAT32, "f" + k + "."), 4);
              ResidualNetwork net = b.build();
              ParameterInit.kaiming().apply(net.parameters(), rnd);
              net.setMethod(method);
              Tensor x = Tensor.zeros(DType.FLOAT32, 256, 64);
              NetGrad.gaussian(x, rnd, 0.5);
              Tensor dy = x.zerosLike();
              NetGrad.gaussian(dy, rnd, 0.01);
              Tensor dx = x.zerosLike();
              Runnable iteration =
                  () -> {
                    for (Parameter p : net.parameters()) {
                      p.zeroGrad();
                    }
                    net.forward(x);
                    net.backward(dy, dx);
                  };
              allocations.bytes(iteration, 20);
              long state = x.bytes();
              assertThat(allocations.steadyBytesPerRun(iteration, 40, 10, state / 4))
                  .as(scheme + ", " + method.name() + ": bytes per iteration, one state " + state)
                  .isLessThan(state / 4);
            }
          }
          return null;
        });
  }
}
