package org.node4j.nn.layer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.node4j.nn.kernel.Parallel;
import org.node4j.nn.tensor.DType;
import org.node4j.nn.tensor.Tensor;
import org.node4j.nn.testing.Allocations;
import org.node4j.nn.testing.TestTensors;

/**
 * A convolution's steady-state forward and backward pass (weight, bias and input gradients)
 * allocates zero bytes, for every way it computes its products: direct (row layout, column layout),
 * with the unrolled kernel matrix (the Sphere2 layers' and other small images) and Winograd, in
 * float32 and float64.
 *
 * <p>This class runs in a fresh JVM with the default tiered compilation (no {@code -Xbatch}; see
 * the node4j-nn POM): the products' matrix views are owned by the layer's chunk workspaces and
 * re-pointed per product, so they cost nothing whether or not the JIT has inlined the product into
 * its caller. The warm-up only waits for the compiler to reach the Vector API kernels (whose
 * vectors are values only in C2-compiled code); it stops at the first round that allocates nothing,
 * and the measurement then asks for a round of zero bytes.
 */
class ConvAllocationTest {
  private final int savedThreads = Parallel.threads();

  @AfterEach
  void restore() {
    Parallel.setThreads(savedThreads);
  }

  static Stream<Arguments> convolutions() {
    return Stream.of(
        Arguments.of("direct rows f64", conv2d(3, 4, 3, 1, DType.FLOAT64, ConvAlgorithm.DIRECT), 8),
        Arguments.of(
            "direct columns f32", conv2d(3, 4, 3, 1, DType.FLOAT32, ConvAlgorithm.DIRECT), 8),
        Arguments.of("direct rows f32", conv2d(3, 4, 3, 1, DType.FLOAT32, ConvAlgorithm.DIRECT), 5),
        Arguments.of(
            "direct strided f32", conv2d(3, 4, 5, 2, DType.FLOAT32, ConvAlgorithm.DIRECT), 8),
        Arguments.of("winograd f32", conv2d(4, 4, 3, 1, DType.FLOAT32, ConvAlgorithm.WINOGRAD), 8),
        Arguments.of("winograd f64", conv2d(4, 4, 3, 1, DType.FLOAT64, ConvAlgorithm.WINOGRAD), 8),
        // 34 x 34 images: tile rows of 9 tiles, a vector of 8 (float32) or two of 4 (float64)
        // through the vector transforms beside one per-tile tile; 8 channels for the weight
        // gradient's vectors over channels.
        Arguments.of(
            "winograd 4x4 f32", conv2d(8, 8, 3, 1, DType.FLOAT32, ConvAlgorithm.WINOGRAD_4X4), 34),
        Arguments.of(
            "winograd 4x4 f64", conv2d(8, 8, 3, 1, DType.FLOAT64, ConvAlgorithm.WINOGRAD_4X4), 34),
        Arguments.of("unrolled sphere2 k1 f32", conv1d(1, 32, 1, DType.FLOAT32), 2),
        Arguments.of("unrolled sphere2 k3 f32", conv1d(32, 32, 3, DType.FLOAT32), 2),
        Arguments.of("unrolled sphere2 k3 f64", conv1d(32, 32, 3, DType.FLOAT64), 2),
        Arguments.of("unrolled sphere2 k1 out f64", conv1d(32, 1, 1, DType.FLOAT64), 2),
        Arguments.of(
            "unrolled 2d f32", conv2d(3, 4, 3, 1, DType.FLOAT32, ConvAlgorithm.DIRECT), 4));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("convolutions")
  void forwardAndBackwardAllocateZeroBytesAfterWarmUp(String name, ConvLayer conv, int size) {
    Allocations allocations = Allocations.ofThisThread();
    Parallel.setThreads(1);
    Random rnd = new Random(11);
    TestTensors.randomize(conv.parameters(), rnd, 0.3);
    int[] shape =
        conv instanceof Conv1d
            ? new int[] {16, conv.g.inChannels(), size}
            : new int[] {2, conv.g.inChannels(), size, size};
    Tensor x = TestTensors.uniform(rnd, conv.weight().value().dtype(), shape);
    Cache cache = conv.newCache(x.shape(), x.dtype());
    Tensor dy = TestTensors.uniform(rnd, x.dtype(), conv.outputShape(shape));
    Tensor dx = x.zerosLike();
    Runnable step =
        () -> {
          conv.forward(x, cache);
          conv.backward(dy, cache, dx);
        };

    // Rounds of 200 calls until three in a row allocate nothing (at most 400 rounds, a few
    // seconds): the JIT compiles the kernels meanwhile, and may recompile one once more.
    long fewest = Long.MAX_VALUE;
    int zeroRounds = 0;
    for (int round = 0; round < 400 && zeroRounds < 3; round++) {
      long bytes = allocations.bytes(step, 200);
      fewest = Math.min(fewest, bytes);
      zeroRounds = bytes == 0 ? zeroRounds + 1 : 0;
    }

    assertThat(zeroRounds)
        .as(
            "%s: consecutive rounds of 200 calls allocating nothing (fewest bytes %d)",
            name, fewest)
        .isEqualTo(3);
  }

  private static ConvLayer conv2d(int in, int out, int k, int stride, DType d, ConvAlgorithm a) {
    return Conv2d.builder(in, out)
        .kernel(k)
        .stride(stride)
        .padding(k / 2)
        .dtype(d)
        .algorithm(a)
        .build();
  }

  private static ConvLayer conv1d(int in, int out, int k, DType d) {
    return Conv1d.builder(in, out).kernel(k).padding(k / 2).dtype(d).build();
  }
}
