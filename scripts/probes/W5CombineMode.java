import java.util.Arrays;
import org.node4j.lab.bench.WorkloadModels;
import org.node4j.nn.kernel.Parallel;
import org.node4j.nn.kernel.StateLoops;
import org.node4j.nn.model.ResidualNetwork;
import org.node4j.nn.param.Parameter;
import org.node4j.nn.tensor.DType;
import org.node4j.nn.tensor.Tensor;
import org.node4j.ode.grad.MemoryFree;
import org.node4j.ode.grad.StoredStages;

/**
 * The state combinations' speed during a W5 run: after each forward + backward iteration of one
 * W5 variant, times 21 calls of {@code StateLoops.combine1} and {@code combine2} on a 256 x 64 state
 * of this probe's own (fixed arrays, fixed values) and prints the medians in microseconds, with
 * the iteration's wall time. On JDK 17 the combinations ran at 40-100 microseconds per call for the
 * first 18-24 iterations of W5 (c) and 11-16 after (docs/bench/performance-log.md, "W5: the compile
 * window, the warm-up's reach, and the state combinations' slow mode"); whether the probe's own
 * calls follow the same switch shows whether the mode belongs to the JVM or to the solver's data.
 * With {@code -DownThread=true} the probe's calls run on a thread of their own, which never runs
 * the engine's kernels.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -XX:+UseParallelGC -cp node4j-lab/target/node4j.jar \
 *     scripts/probes/W5CombineMode.java c 64 40 1
 * </pre>
 *
 * Arguments: variant (a-d), depth, iterations, engine threads.
 */
public class W5CombineMode {
  static final boolean OWN_THREAD = Boolean.getBoolean("ownThread");

  public static void main(String[] args) {
    char v = args[0].charAt(0);
    int depth = Integer.parseInt(args[1]);
    int iterations = Integer.parseInt(args[2]);
    Parallel.setThreads(Integer.parseInt(args[3]));
    boolean euler = v == 'a' || v == 'b';
    boolean free = v == 'b' || v == 'd';
    ResidualNetwork net =
        WorkloadModels.w5(
            euler ? ResidualNetwork.Scheme.EULER : ResidualNetwork.Scheme.HEUN,
            depth,
            64,
            DType.FLOAT32);
    net.setMethod(!free ? StoredStages.create() : euler ? MemoryFree.euler() : MemoryFree.heun());
    Tensor x = Tensor.zeros(DType.FLOAT32, 256, 64);
    for (int i = 0; i < x.size(); i++) {
      x.set(i, Math.sin(1.3 * (i / 64) + 0.7 * (i % 64)));
    }
    Tensor dLdy = x.zerosLike();
    Tensor dLdx = x.zerosLike();
    int n = 256 * 64;
    float[] out = new float[n];
    float[] y = new float[n];
    float[] k0 = new float[n];
    float[] k1 = new float[n];
    for (int i = 0; i < n; i++) {
      y[i] = (float) Math.sin(0.37 * i);
      k0[i] = (float) Math.cos(0.11 * i);
      k1[i] = (float) Math.sin(0.05 * i + 1);
    }
    java.util.concurrent.ExecutorService helper =
        java.util.concurrent.Executors.newSingleThreadExecutor();
    double[] t1 = new double[21];
    double[] t2 = new double[21];
    for (int it = 0; it < iterations; it++) {
      long s = System.nanoTime();
      for (Parameter p : net.parameters()) {
        p.zeroGrad();
      }
      Tensor out0 = net.forward(x);
      for (int i = 0; i < out0.size(); i++) {
        dLdy.set(i, 2.0 * out0.get(i) / out0.size());
      }
      net.backward(dLdy, dLdx);
      double ms = (System.nanoTime() - s) / 1e6;
      Runnable timing =
          () -> {
            for (int r = 0; r < t1.length; r++) {
              long a = System.nanoTime();
              StateLoops.combine1(out, y, 1.0 / 63, 0.5, k0);
              long b = System.nanoTime();
              StateLoops.combine2(out, y, 1.0 / 63, 0.5, k0, 0.5, k1);
              long c = System.nanoTime();
              t1[r] = (b - a) / 1e3;
              t2[r] = (c - b) / 1e3;
            }
          };
      if (OWN_THREAD) {
        try {
          helper.submit(timing).get();
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      } else {
        timing.run();
      }
      Arrays.sort(t1);
      Arrays.sort(t2);
      System.out.printf(
          "iteration %2d: %7.2f ms; probe combine1 %6.2f us, combine2 %6.2f us (medians of 21)%n",
          it, ms, t1[10], t2[10]);
    }
    System.exit(0);
  }
}
