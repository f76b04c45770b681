package org.node4j.lab.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.node4j.nn.kernel.Gemm;
import org.node4j.nn.kernel.Parallel;
import org.node4j.nn.layer.Cache;
import org.node4j.nn.layer.Conv2d;
import org.node4j.nn.layer.ConvAlgorithm;
import org.node4j.nn.tensor.DType;
import org.node4j.nn.tensor.Tensor;

/**
 * {@code node4j bench kernels} (issue 3, item 6): GFLOP/s of the float32 products 256x64x32,
 * 256x96x32 and 32768x1152x128 (through {@link KernelBenchmark}), and of Conv2d 128-&gt;128 3x3,
 * padding 1, on 32x32 images with batch 32, forward and backward, direct, Winograd F(2x2, 3x3) and
 * F(4x4, 3x3) (the last as W4 runs it), against the fp32 FMA peak measured by the register-only FMA
 * probe of the active kernel.
 *
 * <p>The peak is measured rather than computed from a data sheet: the probe runs independent FMA
 * chains on the widest vector species in registers only, which is what the hardware can sustain for
 * this JIT and this CPU (at whatever clock the machine runs while busy). On 1 thread it bounds the
 * small products, on all threads the large convolution.
 */
final class KernelSuite {
  private KernelSuite() {}

  /**
   * One kernel figure.
   *
   * @param label what was measured
   * @param implementation the active GEMM implementation
   * @param threads the threads the work ran on
   * @param gflops GFLOP/s at the median time
   * @param minMs fastest run
   * @param medianMs median run
   * @param maxMs slowest run
   * @param target the issue-3 target, in words
   * @param fractionOfPeak GFLOP/s over the measured FMA peak on the same threads
   */
  record Figure(
      String label,
      String implementation,
      int threads,
      double gflops,
      double minMs,
      double medianMs,
      double maxMs,
      String target,
      double fractionOfPeak) {}

  /** Runs the suite; {@code smoke} uses 1 warm-up and 2 timed runs. */
  static List<Figure> run(boolean smoke) {
    KernelBenchmark.Settings s =
        smoke ? new KernelBenchmark.Settings(1, 2) : KernelBenchmark.Settings.standard();
    KernelBenchmark.Settings conv =
        smoke ? new KernelBenchmark.Settings(1, 2) : new KernelBenchmark.Settings(3, 7);
    KernelBenchmark.Result peak1 = KernelBenchmark.fmaPeak(1, s);
    KernelBenchmark.Result peakAll = KernelBenchmark.fmaPeak(Parallel.threads(), s);
    List<Figure> out = new ArrayList<>();
    out.add(figure(peak1, "measured peak, 1 thread", peak1));
    out.add(figure(peakAll, "measured peak, all threads", peakAll));
    String small = ">= 40 GFLOP/s per core";
    out.add(
        figure(KernelBenchmark.gemm(DType.FLOAT32, false, false, 256, 64, 32, s), small, peak1));
    out.add(
        figure(KernelBenchmark.gemm(DType.FLOAT32, false, false, 256, 96, 32, s), small, peak1));
    KernelBenchmark.Result big =
        KernelBenchmark.gemm(DType.FLOAT32, false, false, 32768, 1152, 128, s);
    out.add(figure(big, "(im2col product of the conv)", big.threads() == 1 ? peak1 : peakAll));
    String convTarget = ">= 60% of the fp32 FMA peak";
    for (ConvAlgorithm a :
        List.of(ConvAlgorithm.DIRECT, ConvAlgorithm.WINOGRAD, ConvAlgorithm.WINOGRAD_4X4)) {
      out.add(figure(conv(true, a, conv), convTarget, peakAll));
      out.add(figure(conv(false, a, conv), convTarget, peakAll));
    }
    return out;
  }

  private static Figure figure(KernelBenchmark.Result r, String target, KernelBenchmark.Result p) {
    return new Figure(
        r.label(),
        r.implementation(),
        r.threads(),
        r.medianGflops(),
        r.minMs(),
        r.medianMs(),
        r.maxMs(),
        target,
        r.medianGflops() / p.medianGflops());
  }

  /**
   * Times Conv2d(128, 128, 3x3, pad 1) on [32, 128, 32, 32]: forward, or backward (dx and dW), with
   * the given algorithm. The FLOPs are always the direct convolution's, so Winograd's figure is an
   * effective rate (its products do 2.25 or 4 times fewer multiplies).
   */
  private static KernelBenchmark.Result conv(
      boolean forward, ConvAlgorithm algorithm, KernelBenchmark.Settings s) {
    Conv2d layer =
        Conv2d.builder(128, 128)
            .kernel(3)
            .padding(1)
            .dtype(DType.FLOAT32)
            .algorithm(algorithm)
            .build();
    SplittableRandom rnd = new SplittableRandom(7);
    fill(layer.parameters().get(0).value(), rnd);
    Tensor x = Tensor.zeros(DType.FLOAT32, 32, 128, 32, 32);
    fill(x, rnd);
    Cache cache = layer.newCache(x.shape(), x.dtype());
    Tensor y = layer.forward(x, cache);
    Tensor dy = y.zerosLike();
    fill(dy, rnd);
    Tensor dx = x.zerosLike();
    double macs = 32.0 * 128 * 128 * 9 * 32 * 32;
    double flops = forward ? 2 * macs : 4 * macs;
    Runnable body = forward ? () -> layer.forward(x, cache) : () -> layer.backward(dy, cache, dx);
    for (int w = 0; w < s.warmupRuns(); w++) {
      body.run();
    }
    double[] ms = new double[s.timedRuns()];
    for (int i = 0; i < ms.length; i++) {
      long t = System.nanoTime();
      body.run();
      ms[i] = (System.nanoTime() - t) / 1e6;
    }
    Timing timing = Timing.of(ms, s.warmupRuns());
    return new KernelBenchmark.Result(
        "conv2d f32 128->128 3x3 32x32 b32 "
            + (forward ? "forward" : "backward")
            + switch (algorithm) {
              case WINOGRAD -> " winograd 2x2 (effective)";
              case WINOGRAD_4X4 -> " winograd 4x4 (effective)";
              default -> " direct";
            },
        Gemm.implementationName(),
        Parallel.threads(),
        flops,
        timing.minMs(),
        timing.medianMs(),
        timing.maxMs());
  }

  private static void fill(Tensor t, SplittableRandom rnd) {
    for (int i = 0; i < t.size(); i++) {
      t.set(i, rnd.nextDouble(-1, 1));
    }
  }
}
