package org.node4j.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.node4j.lab.bench.WorkloadModels;
import org.node4j.nn.kernel.Parallel;
import org.node4j.nn.model.ResidualNetwork;
import org.node4j.nn.param.Parameter;
import org.node4j.nn.tensor.DType;
import org.node4j.nn.tensor.Tensor;
import org.node4j.ode.grad.GradientMethod;
import org.node4j.ode.grad.MemoryFree;
import org.node4j.ode.grad.StoredStages;

/**
 * In-process A/B of W5 (docs/bench/performance-log.md) on a shared machine: two ways of running the
 * same training iteration (forward, loss mean(x_N^2), backward) alternate in blocks of 5 iterations
 * inside one JVM, and the ratio of their medians is printed, so that load from other processes
 * falls on both sides alike.
 *
 * <ul>
 *   <li>{@code split}: A runs the float32 state loops on the calling thread, B splits them over the
 *       engine's threads ({@code StateLoops.splitMin} = 8192, set between blocks).
 *   <li>{@code shards}: A is the engine on two threads (one region per network pass); B runs each
 *       half of the batch through the whole solve on its own thread, the engine at one thread on
 *       each (two network copies with the same weights), then adds the two shards' parameter
 *       gradients, as a one-region-per-solve design would.
 *   <li>{@code field}: A and B are the same iteration with a static int or boolean field of the
 *       library set to two values between blocks (three more arguments: {@code class#field}, the
 *       value for A and the value for B), for a switch that a change under test reads on every
 *       call.
 * </ul>
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp node4j-bench/target/node4j-benchmarks.jar \
 *     org.node4j.bench.W5Alternation split a 64 40
 * </pre>
 *
 * Arguments: mode, variant (a-d), depth, rounds (each round is one block of A and one of B, after
 * 20 unrecorded rounds), and for {@code field} the field and its two values.
 */
public final class W5Alternation {
  private static final int WIDTH = 64;
  private static final int BATCH = 256;
  private static final int PER_BLOCK = 5;

  private W5Alternation() {}

  /** One way of running the iteration, timed in blocks. */
  private interface Side {
    void iterate() throws Exception;
  }

  /** The network, input and cotangent buffers of one batch (or shard). */
  private static final class Run {
    final ResidualNetwork net;
    final Tensor x;
    final Tensor dLdy;
    final Tensor dLdx;

    Run(char variant, int depth, int rows, int firstRow) {
      boolean euler = variant == 'a' || variant == 'b';
      boolean memoryFree = variant == 'b' || variant == 'd';
      net =
          WorkloadModels.w5(
              euler ? ResidualNetwork.Scheme.EULER : ResidualNetwork.Scheme.HEUN,
              depth,
              WIDTH,
              DType.FLOAT32);
      GradientMethod method =
          !memoryFree ? StoredStages.create() : euler ? MemoryFree.euler() : MemoryFree.heun();
      net.setMethod(method);
      x = Tensor.zeros(DType.FLOAT32, rows, WIDTH);
      for (int i = 0; i < x.size(); i++) {
        int g = firstRow * WIDTH + i;
        x.set(i, Math.sin(0.37 * g) * 0.5);
      }
      dLdy = x.zerosLike();
      dLdx = x.zerosLike();
    }

    void iterate() {
      for (Parameter p : net.parameters()) {
        p.zeroGrad();
      }
      Tensor y = net.forward(x);
      for (int i = 0; i < y.size(); i++) {
        dLdy.set(i, 2.0 * y.get(i) / y.size());
      }
      net.backward(dLdy, dLdx);
    }
  }

  /**
   * Runs the A/B.
   *
   * @param args mode ({@code split} or {@code shards}), variant, depth, rounds
   * @throws Exception if a side fails
   */
  public static void main(String[] args) throws Exception {
    if (args.length != 4 && !(args.length == 7 && args[0].equals("field"))) {
      throw new IllegalArgumentException(
          "usage: W5Alternation split|shards a|b|c|d DEPTH ROUNDS, or W5Alternation field a|b|c|d"
              + " DEPTH ROUNDS CLASS#FIELD VALUE_A VALUE_B; got "
              + Arrays.toString(args));
    }
    String mode = args[0];
    char variant = args[1].charAt(0);
    int depth = Integer.parseInt(args[2]);
    int rounds = Integer.parseInt(args[3]);
    Parallel.setThreads(2);
    Run whole = new Run(variant, depth, BATCH, 0);
    Side a;
    Side b;
    Runnable toA = () -> {};
    Runnable toB = () -> {};
    ExecutorService helper = Executors.newSingleThreadExecutor();
    switch (mode) {
      case "split" -> {
        StaticSwitch min = new StaticSwitch("org.node4j.nn.kernel.StateLoops#splitMin");
        a = whole::iterate;
        b = whole::iterate;
        toA = () -> min.set("0");
        toB = () -> min.set("8192");
      }
      case "shards" -> {
        Run s0 = new Run(variant, depth, BATCH / 2, 0);
        Run s1 = new Run(variant, depth, BATCH / 2, BATCH / 2);
        List<Parameter> sum = whole.net.parameters();
        List<Parameter> p0 = s0.net.parameters();
        List<Parameter> p1 = s1.net.parameters();
        a = whole::iterate;
        b =
            () -> {
              Future<?> other =
                  helper.submit(
                      () ->
                          Parallel.withThreads(
                              1,
                              () -> {
                                s1.iterate();
                                return null;
                              }));
              Parallel.withThreads(
                  1,
                  () -> {
                    s0.iterate();
                    return null;
                  });
              other.get();
              for (int j = 0; j < sum.size(); j++) {
                float[] g = sum.get(j).grad().floats();
                float[] g0 = p0.get(j).grad().floats();
                float[] g1 = p1.get(j).grad().floats();
                for (int e = 0; e < g.length; e++) {
                  g[e] = g0[e] + g1[e];
                }
              }
            };
      }
      case "field" -> {
        StaticSwitch f = new StaticSwitch(args[4]);
        a = whole::iterate;
        b = whole::iterate;
        toA = () -> f.set(args[5]);
        toB = () -> f.set(args[6]);
      }
      default ->
          throw new IllegalArgumentException(
              "unknown mode " + mode + "; use split, shards or field");
    }
    double[] ta = new double[rounds];
    double[] tb = new double[rounds];
    try {
      for (int r = -20; r < rounds; r++) {
        toA.run();
        double msA = block(a);
        toB.run();
        double msB = block(b);
        if (r >= 0) {
          ta[r] = msA;
          tb[r] = msB;
        }
      }
    } finally {
      helper.shutdownNow();
    }
    double[] paired = new double[rounds];
    for (int r = 0; r < rounds; r++) {
      paired[r] = tb[r] / ta[r];
    }
    Arrays.sort(ta);
    Arrays.sort(tb);
    Arrays.sort(paired);
    System.out.printf(
        Locale.ROOT,
        "%s W5(%c) N=%d: A median %.2f ms, B median %.2f ms, B/A %.3f (ratio of medians),"
            + " paired B/A median %.3f (quartiles %.3f-%.3f), %d rounds of %d iterations%n",
        mode,
        variant,
        depth,
        ta[rounds / 2],
        tb[rounds / 2],
        tb[rounds / 2] / ta[rounds / 2],
        paired[rounds / 2],
        paired[rounds / 4],
        paired[3 * rounds / 4],
        rounds,
        PER_BLOCK);
  }

  private static double block(Side side) throws Exception {
    long t0 = System.nanoTime();
    for (int i = 0; i < PER_BLOCK; i++) {
      side.iterate();
    }
    return (System.nanoTime() - t0) / 1e6 / PER_BLOCK;
  }
}
