package org.node4j.nn.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.node4j.nn.field.NetGrad;
import org.node4j.nn.field.NeuralField;
import org.node4j.nn.kernel.Parallel;
import org.node4j.nn.layer.Sequential;
import org.node4j.nn.param.Parameter;
import org.node4j.nn.state.TensorOps;
import org.node4j.nn.tensor.DType;
import org.node4j.nn.tensor.Tensor;
import org.node4j.ode.SolverException;
import org.node4j.ode.Tuple;
import org.node4j.ode.TupleOps;
import org.node4j.ode.control.AdaptiveController;
import org.node4j.ode.control.ConstantSteps;
import org.node4j.ode.grad.Checkpointed;
import org.node4j.ode.grad.ContinuousAdjoint;
import org.node4j.ode.grad.GradProblem;
import org.node4j.ode.grad.GradientMethod;
import org.node4j.ode.grad.GradientPass;
import org.node4j.ode.grad.GradientReport;
import org.node4j.ode.grad.MemoryFree;
import org.node4j.ode.grad.StoredStages;
import org.node4j.ode.integrate.SolveSetup;
import org.node4j.ode.solver.Solvers;

/**
 * ODE blocks and residual networks whose batch is cut into shards, each run through the whole solve
 * by one thread ({@link BatchShards}), against the same network solved unsharded: the same output
 * and input cotangent bit for bit, parameter gradients equal up to the order of the shards' sums,
 * and the same bits for one thread and two.
 */
class BatchShardsTest {
  private static final int WIDTH = 64;

  /** Enough rows of width 64 for the network's passes to make two chunks (2 MFLOP each). */
  private static final int ROWS = 256;

  private static final int DEPTH = 4;

  /** 16 layers of two 64 x 64 float64 weights: a 1 MiB gradient, reduced over the threads. */
  private static final int SPLIT_DEPTH = 16;

  enum Variant {
    RESNET_BACKPROP(ResidualNetwork.Scheme.EULER, StoredStages.create()),
    RESNET_MEMORY_FREE(ResidualNetwork.Scheme.EULER, MemoryFree.euler()),
    HEUNNET_BACKPROP(ResidualNetwork.Scheme.HEUN, StoredStages.create()),
    HEUNNET_MEMORY_FREE(ResidualNetwork.Scheme.HEUN, MemoryFree.heun());

    final ResidualNetwork.Scheme scheme;
    final GradientMethod method;

    Variant(ResidualNetwork.Scheme scheme, GradientMethod method) {
      this.scheme = scheme;
      this.method = method;
    }
  }

  /** Output, input cotangent and parameter gradients of one training step. */
  private record Step(double[] out, double[] dx, List<double[]> grads, GradientReport report) {}

  private static ResidualNetwork net(Variant v, boolean shards) {
    return net(v, shards, DEPTH);
  }

  private static ResidualNetwork net(Variant v, boolean shards, int depth) {
    ResidualNetwork net =
        ResidualNetworkTest.w5(v.scheme, depth, WIDTH).method(v.method).shards(shards).build();
    NetGrad.gaussian(net.parameters(), new Random(11), 0.2);
    return net;
  }

  private static Step step(ResidualNetwork net, Tensor x) {
    return blockStep(net.block(), x);
  }

  /**
   * A sharded step {@code a} against the unsharded {@code b}: the same output and input cotangent
   * bit for bit, parameter gradients equal up to the order of the shards' sums.
   */
  private static void assertSameAsUnsharded(Step a, Step b) {
    assertThat(a.out()).containsExactly(b.out());
    assertThat(a.dx()).containsExactly(b.dx());
    for (int j = 0; j < a.grads().size(); j++) {
      assertThat(NetGrad.relError(a.grads().get(j), b.grads().get(j))).isLessThan(1e-13);
    }
  }

  @ParameterizedTest
  @EnumSource(Variant.class)
  void shardedSolveMatchesTheUnshardedOne(Variant v) {
    Tensor x = ResidualNetworkTest.input(ROWS, WIDTH, 3);
    ResidualNetwork sharded = net(v, true);
    Step a = Parallel.withThreads(2, () -> step(sharded, x));
    Step b = step(net(v, false), x);
    assertThat(sharded.block().shardCount(x)).isEqualTo(2);
    assertSameAsUnsharded(a, b);
    assertThat(a.report().forwardEvaluations()).isEqualTo(b.report().forwardEvaluations());
    assertThat(a.report().backwardEvaluations()).isEqualTo(b.report().backwardEvaluations());
  }

  @Test
  void anOddBatchSplitsIntoUnequalShards() {
    // 257 rows: shards of 129 and 128 rows.
    Tensor x = ResidualNetworkTest.input(ROWS + 1, WIDTH, 4);
    ResidualNetwork sharded = net(Variant.HEUNNET_BACKPROP, true);
    Step a = Parallel.withThreads(2, () -> step(sharded, x));
    Step b = step(net(Variant.HEUNNET_BACKPROP, false), x);
    assertThat(sharded.block().shardCount(x)).isEqualTo(2);
    assertSameAsUnsharded(a, b);
  }

  @Test
  void aNonFiniteStateInAShardFailsTheSolveAsUnsharded() {
    Tensor x = ResidualNetworkTest.input(ROWS, WIDTH, 6);
    ResidualNetwork sharded = net(Variant.RESNET_BACKPROP, true);
    ResidualNetwork plain = net(Variant.RESNET_BACKPROP, false);
    for (ResidualNetwork n : List.of(sharded, plain)) {
      n.parameters().get(0).value().set(5, Double.NaN); // layer 0's W: every row turns NaN
    }
    SolverException e =
        catchThrowableOfType(
            () -> Parallel.withThreads(2, () -> sharded.forward(x)), SolverException.class);
    SolverException expected = catchThrowableOfType(() -> plain.forward(x), SolverException.class);
    assertThat(e).isNotNull();
    assertThat(e.getMessage()).isEqualTo(expected.getMessage());
    // The network is usable again once its weights are finite.
    for (ResidualNetwork n : List.of(sharded, plain)) {
      n.parameters().get(0).value().set(5, 0.1);
    }
    Step a = Parallel.withThreads(2, () -> step(sharded, x));
    assertThat(a.out()).containsExactly(step(plain, x).out());
  }

  @Test
  void aBadInputNamesTheRowsOfTheBatchItCameFrom() {
    Tensor x = ResidualNetworkTest.input(ROWS, WIDTH, 8);
    x.set(200 * WIDTH + 3, Double.POSITIVE_INFINITY); // a row of the second shard
    ResidualNetwork sharded = net(Variant.RESNET_BACKPROP, true);
    IllegalArgumentException e =
        catchThrowableOfType(
            () -> Parallel.withThreads(2, () -> sharded.forward(x)),
            IllegalArgumentException.class);
    assertThat(e)
        .hasMessageStartingWith("rows 128..255 of the batch Tensor[256, 64]")
        .hasMessageContaining("shard 2 of 2")
        .hasMessageContaining("must be finite");
  }

  @ParameterizedTest
  @EnumSource(Variant.class)
  void shardedResultsDoNotDependOnTheThreadCount(Variant v) {
    assertSameBitsOnOneAndTwoThreads(net(v, true), ResidualNetworkTest.input(ROWS, WIDTH, 5));
  }

  /**
   * Steps {@code net} on one thread, then twice on two (the third step finds the accumulators the
   * second one's reduction zeroed), and asserts the same bits every time; returns the two-thread
   * step.
   */
  private static Step assertSameBitsOnOneAndTwoThreads(ResidualNetwork net, Tensor x) {
    Step one = Parallel.withThreads(1, () -> step(net, x));
    Step two = Parallel.withThreads(2, () -> step(net, x));
    Step again = Parallel.withThreads(2, () -> step(net, x));
    assertThat(two.out()).containsExactly(one.out());
    assertThat(two.dx()).containsExactly(one.dx());
    for (int j = 0; j < one.grads().size(); j++) {
      assertThat(two.grads().get(j)).containsExactly(one.grads().get(j));
      assertThat(again.grads().get(j)).containsExactly(one.grads().get(j));
    }
    return two;
  }

  @ParameterizedTest
  @EnumSource(Variant.class)
  void aLargeGradientIsReducedOverTheThreadsWithTheSameBits(Variant v) {
    Tensor x = ResidualNetworkTest.input(ROWS, WIDTH, 17);
    ResidualNetwork net = net(v, true, SPLIT_DEPTH);
    long bytes = 0;
    for (Parameter p : net.parameters()) {
      bytes += 8L * p.grad().size();
    }
    assertThat(bytes).isGreaterThanOrEqualTo(BatchShards.SPLIT_REDUCTION_BYTES);
    Step two = assertSameBitsOnOneAndTwoThreads(net, x);
    assertSameAsUnsharded(two, step(net(v, false, SPLIT_DEPTH), x));
  }

  /**
   * A pass whose backward adds {@code 1 + shard} to every parameter-gradient element and then, when
   * told to, fails: a shard that fails after writing into its accumulator.
   */
  private static final class AddingPass implements GradientPass<Tensor, Tuple> {
    final int shard;
    boolean fail;

    AddingPass(int shard) {
      this.shard = shard;
    }

    @Override
    public GradProblem<Tensor, Tuple> problem() {
      throw new UnsupportedOperationException();
    }

    @Override
    public Tensor forward(Tensor z0) {
      return z0;
    }

    @Override
    public List<Tensor> saved() {
      return List.of();
    }

    @Override
    public GradientReport backward(Tensor dLdzT, Tensor dLdz0, Tuple gradAcc) {
      for (int i = 0; i < gradAcc.size(); i++) {
        Tensor g = gradAcc.part(i);
        for (int j = 0; j < g.size(); j++) {
          g.set(j, g.get(j) + 1 + shard);
        }
      }
      if (fail) {
        throw new IllegalStateException("shard " + shard + " failed");
      }
      return new GradientReport("adding", 0, 0, 0, 0, 0, 0, 0);
    }

    @Override
    public long bytesHeld() {
      return 0;
    }

    @Override
    public GradientReport backward(List<Tensor> dLdSaved, Tensor dLdz0, Tuple gradAcc) {
      return backward(dLdSaved.get(0), dLdz0, gradAcc);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {8, 1 << 16}) // parameter gradients below and above the split reduction
  void aFailedBackwardLeavesNothingInTheNextOnesGradients(int partSize) {
    List<AddingPass> passes = List.of(new AddingPass(0), new AddingPass(1), new AddingPass(2));
    Tuple grads =
        Tuple.of(Tensor.zeros(DType.FLOAT64, partSize), Tensor.zeros(DType.FLOAT64, partSize));
    BatchShards shards =
        new BatchShards(
            new int[] {6, 1},
            DType.FLOAT64,
            2,
            List.copyOf(passes),
            TupleOps.allParts(List.of(TensorOps.INSTANCE, TensorOps.INSTANCE)));
    Tensor x = Tensor.zeros(DType.FLOAT64, 6, 1);
    shards.forward(x);
    Parallel.withThreads(2, () -> shards.backward(x, x.zerosLike(), grads));
    passes.get(2).fail = true;
    shards.forward(x);
    Throwable failed =
        catchThrowable(
            () -> Parallel.withThreads(2, () -> shards.backward(x, x.zerosLike(), grads)));
    assertThat(failed).hasMessageContaining("shard 2 failed");
    passes.get(2).fail = false;
    for (int i = 0; i < grads.size(); i++) {
      grads.<Tensor>part(i).fillZero();
    }
    shards.forward(x);
    Parallel.withThreads(2, () -> shards.backward(x, x.zerosLike(), grads));
    for (int i = 0; i < grads.size(); i++) {
      double[] g = grads.<Tensor>part(i).doubles();
      for (double v : g) {
        assertThat(v).isEqualTo(1 + 2 + 3); // one pass of each shard, nothing left from the failed
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Variant.class)
  void gradientsAccumulateOverStepsAsUnsharded(Variant v) {
    // Two backward passes without zeroing: shard 0 adds into the parameters' buffers as it goes,
    // the others' sums are added after, so the second pass must add, not overwrite.
    Tensor x = ResidualNetworkTest.input(ROWS, WIDTH, 9);
    ResidualNetwork net = net(v, true);
    Step once = step(net, x);
    Tensor out = net.forward(x);
    Tensor g = out.zerosLike();
    NetGrad.lossGradient(out, g);
    net.backward(g, x.zerosLike());
    List<Parameter> ps = net.parameters();
    for (int j = 0; j < ps.size(); j++) {
      double[] twice = ps.get(j).grad().doubles();
      double[] expected = once.grads().get(j).clone();
      for (int i = 0; i < expected.length; i++) {
        expected[i] *= 2;
      }
      assertThat(NetGrad.relError(twice, expected)).isLessThan(1e-13);
    }
  }

  @ParameterizedTest
  @EnumSource(Variant.class)
  void aBatchTooSmallToSplitRunsUnshardedBitForBit(Variant v) {
    Tensor x = ResidualNetworkTest.input(16, WIDTH, 13);
    ResidualNetwork sharded = net(v, true);
    Step a = step(sharded, x);
    Step b = step(net(v, false), x);
    assertThat(sharded.block().shardCount(x)).isEqualTo(1);
    assertThat(a.out()).containsExactly(b.out());
    for (int j = 0; j < a.grads().size(); j++) {
      assertThat(a.grads().get(j)).containsExactly(b.grads().get(j));
    }
  }

  enum BlockCase {
    EULER_BACKPROP(SolveSetup.of(Solvers.euler(), ConstantSteps.count(8)), StoredStages.create()),
    RK4_ADJOINT(
        SolveSetup.of(Solvers.rk4ThreeEighths(), ConstantSteps.count(4)),
        ContinuousAdjoint.create()),
    HEUN_CHECKPOINTED(SolveSetup.of(Solvers.heun(), ConstantSteps.count(6)), Checkpointed.every(2));

    final SolveSetup setup;
    final GradientMethod method;

    BlockCase(SolveSetup setup, GradientMethod method) {
      this.setup = setup;
      this.method = method;
    }
  }

  /** Sphere2's convolutional field (W1's) in float64, random weights, as an ODE block. */
  private static OdeBlock sphereBlock(SolveSetup setup, GradientMethod method, boolean shards) {
    Sequential net = SeedModels.sphere2Field(DType.FLOAT64, "");
    NetGrad.gaussian(net.parameters(), new Random(21), 0.3);
    return OdeBlock.builder(NeuralField.autonomous(net))
        .setup(setup)
        .method(method)
        .shards(shards)
        .build();
  }

  private static Step blockStep(OdeBlock block, Tensor x) {
    for (Parameter p : block.parameters()) {
      p.zeroGrad();
    }
    Tensor out = block.forward(x);
    Tensor g = out.zerosLike();
    NetGrad.lossGradient(out, g);
    double[] y = out.doubles().clone();
    Tensor dx = x.zerosLike();
    GradientReport r = block.backward(g, dx);
    List<double[]> grads = new ArrayList<>();
    for (Parameter p : block.parameters()) {
      grads.add(p.grad().doubles().clone());
    }
    return new Step(y, dx.doubles().clone(), grads, r);
  }

  private static Tensor sphereInput(long seed) {
    Tensor x = Tensor.zeros(DType.FLOAT64, 128, 1, 2);
    NetGrad.gaussian(x, new Random(seed), 1.0);
    return x;
  }

  @ParameterizedTest
  @EnumSource(BlockCase.class)
  void shardedBlockMatchesTheUnshardedOneOnConvolutions(BlockCase c) {
    Tensor x = sphereInput(23);
    OdeBlock sharded = sphereBlock(c.setup, c.method, true);
    Step a = Parallel.withThreads(2, () -> blockStep(sharded, x));
    Step one = Parallel.withThreads(1, () -> blockStep(sharded, x));
    Step b = blockStep(sphereBlock(c.setup, c.method, false), x);
    assertThat(sharded.shardCount(x)).isEqualTo(2);
    assertSameAsUnsharded(a, b);
    for (int j = 0; j < a.grads().size(); j++) {
      assertThat(one.grads().get(j)).containsExactly(a.grads().get(j));
    }
    assertThat(a.report().backwardEvaluations()).isEqualTo(b.report().backwardEvaluations());
  }

  @Test
  void anAdaptiveSolveIsNotSharded() {
    SolveSetup adaptive = SolveSetup.of(Solvers.dopri5(), AdaptiveController.integral(1e-6, 1e-8));
    OdeBlock block = sphereBlock(adaptive, StoredStages.create(), true);
    Tensor x = sphereInput(29);
    blockStep(block, x);
    assertThat(block.shardCount(x)).isEqualTo(1);
  }

  @Test
  void aFieldWithLargeEvaluationsIsNotSharded() {
    // The seed's CIFAR block on 8 x 8 images: about 150 MFLOP per evaluation of 8 images, above
    // BatchShards.MAX_EVALUATION_FLOPS, although the batch splits into chunks.
    Sequential net = SeedModels.imageField(3, SeedModels.IMAGE_WIDTH, DType.FLOAT64, "");
    NeuralField field = NeuralField.autonomous(net);
    Tensor x = Tensor.zeros(DType.FLOAT64, 8, 3, 8, 8);
    NetGrad.gaussian(x, new Random(41), 1.0);
    assertThat(field.passWork(x).grain()).isPositive();
    assertThat(field.passWork(x).flops()).isGreaterThan(BatchShards.MAX_EVALUATION_FLOPS);
    OdeBlock block =
        OdeBlock.builder(field)
            .setup(SolveSetup.of(Solvers.euler(), ConstantSteps.count(1)))
            .method(StoredStages.create())
            .build();
    blockStep(block, x);
    assertThat(block.shardCount(x)).isEqualTo(1);
  }

  @Test
  void replicasComputeTheSameBitsAsTheirOriginals() {
    Sequential net = SeedModels.sphere2Field(DType.FLOAT64, "");
    NetGrad.gaussian(net.parameters(), new Random(31), 0.3);
    NeuralField field = NeuralField.autonomous(net);
    NeuralField replica = field.replica();
    assertThat(replica).isNotNull();
    assertThat(replica.network()).isNotSameAs(net);
    Tensor z = sphereInput(37);
    Tensor a = z.zerosLike();
    Tensor b = z.zerosLike();
    field.evaluate(0.0, z, a);
    replica.evaluate(0.0, z, b);
    assertThat(b.doubles()).containsExactly(a.doubles());
  }
}
