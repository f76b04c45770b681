package org.node4j.nn.layer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.node4j.nn.kernel.Mat;
import org.node4j.nn.kernel.Parallel;
import org.node4j.nn.loss.CrossEntropy;
import org.node4j.nn.param.Parameter;
import org.node4j.nn.tensor.DType;
import org.node4j.nn.tensor.Tensor;
import org.node4j.nn.testing.Allocations;
import org.node4j.nn.testing.TestTensors;

/**
 * Steady-state forward, loss, backward and recomputing VJP allocate (almost) nothing: after a
 * warm-up, the bytes this thread allocates per iteration are a tiny fraction of the bytes one
 * iteration's buffers occupy. Runs on one thread, so all work is on the measured thread.
 *
 * <p>The warm-up lasts until the JIT has compiled the layers (until then the short-lived matrix
 * views of their products are real objects; compiled code scalar-replaces them). Methods that run
 * once per chunk need thousands of calls for that, so the warm-up runs the same networks on tiny
 * batches (the same code paths, at a fraction of the cost) until they allocate nothing; the
 * measurement then uses the full batches, in rounds that stop at the first allocating nothing (the
 * full batches take a few branches the tiny ones did not, which the JIT recompiles).
 */
class AllocationTest {
  private final int savedThreads = Parallel.threads();

  @AfterEach
  void restore() {
    Parallel.setThreads(savedThreads);
  }

  @Test
  void trainingStepsAllocateNothingAfterWarmUp() {
    Allocations allocations = Allocations.ofThisThread();
    Parallel.setThreads(1);

    Sequential field = TestNets.sphere2(DType.FLOAT32);
    Sequential image = TestNets.imageBlock(DType.FLOAT32, 4);
    Random rnd = new Random(3);
    TestTensors.randomize(field.parameters(), rnd, 0.3);
    TestTensors.randomize(image.parameters(), rnd, 0.3);
    Step a = new Step(field, TestTensors.uniform(rnd, DType.FLOAT32, 128, 1, 2));
    Step b = new Step(image, TestTensors.uniform(rnd, DType.FLOAT32, 8, 3, 8, 8));
    long buffers = a.cache.savedBytes() + b.cache.savedBytes();
    Step smallA = new Step(field, TestTensors.uniform(rnd, DType.FLOAT32, 4, 1, 2));
    Step smallB = new Step(image, TestTensors.uniform(rnd, DType.FLOAT32, 1, 3, 8, 8));
    allocations.steadyBytesPerRun(
        () -> {
          smallA.run();
          smallB.run();
        },
        40,
        500,
        256);

    // The measured loop is written out here, as the products' call sites were compiled for.
    long best = Long.MAX_VALUE;
    for (int round = 0; round < 24 && best >= 256; round++) {
      long before = allocations.now();
      for (int i = 0; i < 50; i++) {
        a.run();
        b.run();
      }
      best = Math.min(best, (allocations.now() - before) / 50);
    }
    // One allocated buffer per iteration would cost at least the smallest activation (1 KiB);
    // a few stray bytes per iteration from the JVM itself are tolerated.
    assertThat(buffers).isGreaterThan(50_000);
    assertThat(best).isLessThan(256);
  }

  /**
   * Linear builds its products' matrix views ({@link Mat}) per chunk and call: in float32, its
   * forward (alone, as in inference) and its training step (forward, loss, backward, recomputing
   * VJP) allocate none of them once compiled. The views are scalar-replaced only where the JIT
   * inlined the GEMM entry: run after float32 has been compiled, the float64 step was seen to
   * allocate 576 bytes per step (18 views) in one JVM and none in another, so float64 is not
   * asserted here. ReLU, not tanh: this test is about the products.
   */
  @Test
  void linearForwardAndTrainingAllocateNoViewsAfterWarmUp() {
    Allocations allocations = Allocations.ofThisThread();
    Parallel.setThreads(1);
    for (DType dtype : new DType[] {DType.FLOAT32}) {
      Sequential mlp =
          Sequential.of(
              Linear.builder(16, 64).name("fc1").dtype(dtype).build(),
              Activation.relu(),
              Linear.builder(64, 64).name("fc2").dtype(dtype).build(),
              Activation.relu(),
              Linear.builder(64, 10).name("fc3").dtype(dtype).build());
      Random rnd = new Random(5);
      TestTensors.randomize(mlp.parameters(), rnd, 0.3);
      Step full = new Step(mlp, TestTensors.uniform(rnd, dtype, 128, 16));
      Step tiny = new Step(mlp, TestTensors.uniform(rnd, dtype, 2, 16));

      Runnable forward = () -> full.net.forward(full.x, full.cache);
      assertThat(steadyBytes(allocations, () -> tiny.net.forward(tiny.x, tiny.cache), forward))
          .as("%s Linear forward", dtype)
          .isLessThan(256);
      assertThat(steadyBytes(allocations, tiny::run, full::run))
          .as("%s Linear training step", dtype)
          .isLessThan(256);
    }
  }

  /**
   * A network whose passes run as one region over chunks of samples ({@link Sequential}'s
   * sample-chunked passes, here 2 and 4 chunks) allocates nothing per pass either: its chunk bodies
   * are made with the cache, and each chunk reuses its layers' views and partials.
   */
  @Test
  void sampleChunkedPassesAllocateNothingAfterWarmUp() {
    Allocations allocations = Allocations.ofThisThread();
    Parallel.setThreads(1);
    Sequential mlp =
        Sequential.of(
            Linear.builder(32, 128).name("fc1").build(),
            Activation.tanh(),
            Linear.builder(128, 128).name("fc2").build(),
            Activation.tanh(),
            Linear.builder(128, 10).name("fc3").build());
    Random rnd = new Random(9);
    TestTensors.randomize(mlp.parameters(), rnd, 0.3);
    Step full = new Step(mlp, TestTensors.uniform(rnd, DType.FLOAT32, 256, 32));
    Step tiny = new Step(mlp, TestTensors.uniform(rnd, DType.FLOAT32, 128, 32));
    assertThat(((Sequential.SeqCache) full.cache).chunks).isEqualTo(4);
    assertThat(((Sequential.SeqCache) tiny.cache).chunks).isEqualTo(2);
    assertThat(steadyBytes(allocations, tiny::run, full::run)).isLessThan(256);
  }

  /**
   * Warms {@code small} up until a round of 500 runs allocates under 256 bytes per run (at most 40
   * rounds), then returns the fewest bytes per run that {@code work} allocates over rounds of 50
   * (at most 24). The small runs take the same code paths at a fraction of the cost.
   */
  private static long steadyBytes(Allocations allocations, Runnable small, Runnable work) {
    allocations.steadyBytesPerRun(small, 40, 500, 256);
    // Up to 120 rounds, left as soon as one is clean: on a loaded machine C2 may compile the last
    // method of the step (and scalar-replace its views) only after a few thousand steps, and the
    // test asks whether the compiled step allocates, not how soon the compiler gets to it.
    return allocations.steadyBytesPerRun(work, 120, 50, 256);
  }

  /** One training-style iteration: forward, loss, backward, and a recomputing VJP. */
  private static final class Step {
    final Sequential net;
    final Tensor x;
    final Cache cache;
    final Tensor dLogits;
    final Tensor dx;
    final int[] labels;
    final List<Parameter> params;

    Step(Sequential net, Tensor x) {
      this.net = net;
      this.x = x;
      this.cache = net.newCache(x.shape(), x.dtype());
      this.dLogits = Tensor.zeros(x.dtype(), net.outputShape(x.shape()));
      this.dx = x.zerosLike();
      this.labels = new int[x.dim(0)];
      for (int i = 0; i < labels.length; i++) {
        labels[i] = i % dLogits.dim(1);
      }
      this.params = net.parameters();
    }

    void run() {
      for (int i = 0; i < params.size(); i++) {
        params.get(i).zeroGrad();
      }
      Tensor logits = net.forward(x, cache);
      CrossEntropy.withLogits(logits, labels, dLogits);
      net.backward(dLogits, cache, dx);
      net.vjp(x, dLogits, dx);
    }
  }
}
