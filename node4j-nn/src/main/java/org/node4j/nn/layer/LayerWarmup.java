package org.node4j.nn.layer;

import java.util.ArrayList;
import java.util.List;
import org.node4j.nn.kernel.Warmup;
import org.node4j.nn.param.Parameter;
import org.node4j.nn.tensor.DType;
import org.node4j.nn.tensor.Tensor;

/**
 * The layers' warm-up work ({@link Warmup}): small dummy networks of each layer family, run forward
 * and backward, so that the JIT has compiled the kernels and the layers' glue before a program's
 * first iterations.
 *
 * <p>The networks take the paths real ones take, so that no branch of the compiled code is left
 * cold (a cold branch becomes a trap that discards the compiled method when taken): every layout of
 * the dense product (forward, input gradient, weight gradient), edge shapes (a row count that is no
 * multiple of the micro-tile, 2 features in or out) and full ones (256 rows of 64 features, split
 * over the engine's threads), with and without a bias, tanh and ReLU; for convolutions the
 * small-signal (unrolled), row, column and (float32) Winograd paths. A family of one dtype is
 * requested when its first layer is built ({@link Linear}: {@link Family#DENSE}, {@link Conv1d} and
 * {@link Conv2d}: {@link Family#CONV}), so a dense model never pays for convolutions.
 */
final class LayerWarmup {
  /** The layer families that are warmed separately. */
  enum Family {
    /** {@link Linear} with tanh and ReLU. */
    DENSE,
    /** {@link Conv1d} and {@link Conv2d} with ReLU. */
    CONV
  }

  private LayerWarmup() {}

  /** Requests the warm-up of {@code family} in {@code dtype} (see {@link Warmup#start}). */
  static void request(Family family, DType dtype) {
    Warmup.start(family + " " + dtype, () -> new Networks(family, dtype));
  }

  /** The dummy networks of one family and dtype, their inputs and their cotangents. */
  static final class Networks implements Warmup.Rounds {
    /** Rounds between two passes at the full batch (the small batch runs every round). */
    private static final int FULL_EVERY = 4;

    private final List<Pass> small = new ArrayList<>();
    private final List<Pass> full = new ArrayList<>();
    private int layers;

    Networks(Family family, DType dtype) {
      switch (family) {
        case DENSE -> {
          // Small: an MLP 2-40-40-2 on 11 rows, cheap while interpreted, so that the kernels reach
          // the compilers' thresholds soon, yet taking every edge: 11 rows (8 + 3: a full and a
          // partial micro-tile), 40 features (one full column panel and a partial one in either
          // dtype), 2 features in (a depth below the packing threshold) and out (a narrow product),
          // with and without bias, tanh and ReLU.
          Layer mlp =
              Sequential.of(
                  linear(2, 40, true, dtype),
                  Activation.tanh(),
                  linear(40, 40, false, dtype),
                  Activation.relu(),
                  linear(40, 2, true, dtype));
          // Full: W5's residual function (64 -> 64 without bias, tanh, 64 -> 64) on 256 rows, more
          // than a row block, and large enough to be split over the engine's threads.
          Layer square =
              Sequential.of(
                  linear(64, 64, false, dtype), Activation.tanh(), linear(64, 64, false, dtype));
          small.add(new Pass(mlp, dtype, 11, 2));
          full.add(new Pass(mlp, dtype, 256, 2));
          full.add(new Pass(square, dtype, 256, 64));
        }
        case CONV -> {
          // Sphere2's field on signals of length 2 (the unrolled kernel matrix), and a longer
          // signal (row layout)
          Layer sphere = sphere2Field(16, dtype);
          small.add(new Pass(sphere, dtype, 9, 1, 2));
          small.add(new Pass(sphere, dtype, 2, 1, 24));
          // a 3x3 block on 8x32 images: column layout, and Winograd in float32 (16 channels), with
          // tile rows of 8 tiles, one 256-bit float32 vector of the F(4x4, 3x3) transforms
          Layer block =
              Sequential.of(
                  conv2d(3, 16, dtype),
                  Activation.relu(),
                  conv2d(16, 16, dtype),
                  Activation.relu());
          full.add(new Pass(block, dtype, 1, 3, 8, 32));
          // Sphere2's own field (32 channels) at W1's batch of 128: enough work per sample for a
          // one-region pass of two chunks, with the unrolled convolutions' weight gradients as
          // parallel tasks, which the 16-channel field above never takes at any batch it runs
          full.add(new Pass(sphere2Field(32, dtype), dtype, 128, 1, 2));
        }
        default -> throw new IllegalArgumentException("unknown family " + family);
      }
    }

    /**
     * Every small pass, and with {@code withFull} every {@link #FULL_EVERY}-th round the full ones.
     */
    @Override
    public void round(int r, boolean withFull) {
      for (Pass p : small) {
        p.run();
      }
      if (withFull && r % FULL_EVERY == FULL_EVERY - 1) {
        for (Pass p : full) {
          p.run();
        }
      }
    }

    /** The small-batch passes of this family, for the test. */
    List<Pass> smallPasses() {
      return small;
    }

    /** The full-batch passes of this family, for the test. */
    List<Pass> fullPasses() {
      return full;
    }

    private Linear linear(int in, int out, boolean bias, DType dtype) {
      return Linear.builder(in, out).bias(bias).dtype(dtype).name(nextName()).build();
    }

    /** Sphere2's field with {@code channels} hidden channels: k1, ReLU, k3 padding 1, ReLU, k1. */
    private Layer sphere2Field(int channels, DType dtype) {
      return Sequential.of(
          conv1d(1, channels, 1, 0, dtype),
          Activation.relu(),
          conv1d(channels, channels, 3, 1, dtype),
          Activation.relu(),
          conv1d(channels, 1, 1, 0, dtype));
    }

    private Conv1d conv1d(int in, int out, int k, int pad, DType dtype) {
      return Conv1d.builder(in, out).kernel(k).padding(pad).dtype(dtype).name(nextName()).build();
    }

    private Conv2d conv2d(int in, int out, DType dtype) {
      return Conv2d.builder(in, out).kernel(3).padding(1).dtype(dtype).name(nextName()).build();
    }

    /** Distinct parameter names, as {@link Sequential} requires. */
    private String nextName() {
      return "warmup" + layers++;
    }
  }

  /**
   * One network on one input shape: its cache, a fixed input and output cotangent, and the input
   * gradient. Every run starts from the same values (the parameters' gradients are zeroed), so the
   * operands stay bounded however long it runs.
   */
  static final class Pass {
    final Layer layer;
    final Tensor x;
    final Tensor dy;
    final Tensor dx;
    final Cache cache;

    Pass(Layer layer, DType dtype, int... inputShape) {
      this.layer = layer;
      this.x = fill(Tensor.zeros(dtype, inputShape), 1);
      this.cache = layer.newCache(inputShape, dtype);
      this.dy = fill(Tensor.zeros(dtype, layer.outputShape(inputShape)), 2);
      this.dx = x.zerosLike();
      fillWeights(layer);
    }

    /** Forward, then backward with the input gradient; returns the output (owned by the cache). */
    Tensor run() {
      for (Parameter p : layer.parameters()) {
        p.zeroGrad();
      }
      Tensor y = layer.forward(x, cache);
      layer.backward(dy, cache, dx);
      return y;
    }

    private static void fillWeights(Layer layer) {
      int s = 3;
      for (Parameter p : layer.parameters()) {
        Tensor v = p.value();
        double scale = 1.0 / Math.sqrt(Math.max(1, v.size() / Math.max(1, v.shape()[0])));
        for (int i = 0; i < v.size(); i++) {
          v.set(i, scale * ((i * 7 + s) % 11 - 5) / 5.0);
        }
        s++;
      }
    }

    private static Tensor fill(Tensor t, int seed) {
      for (int i = 0; i < t.size(); i++) {
        t.set(i, ((i * 5 + seed) % 9 - 4) * 0.25);
      }
      return t;
    }
  }
}
