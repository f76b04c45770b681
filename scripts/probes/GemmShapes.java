// One-thread (or N-thread) GEMM throughput of given shapes with the jar's kernels, for the AVX2
// micro-tile work of docs/bench/performance-log.md ("The AVX2 micro-tile spilled"). Not part of the
// build. Each spec is OPS:MxKxN:DTYPE, OPS two letters N or T for op(A) and op(B); C is
// overwritten. Prints, per shape, the best and the median GFLOP/s of 15 trials of about 0.2 GFLOP
// each, the shapes interleaved.
//
//   java --add-modules jdk.incubator.vector -cp node4j-lab/target/node4j.jar \
//       scripts/probes/GemmShapes.java 1 NN:128x128x64:f32 TN:64x32x64:f64
import java.util.SplittableRandom;
import org.node4j.nn.kernel.Gemm;
import org.node4j.nn.kernel.MatF32;
import org.node4j.nn.kernel.MatF64;
import org.node4j.nn.kernel.Parallel;

public class GemmShapes {
  public static void main(String[] args) {
    Parallel.setThreads(Integer.parseInt(args[0]));
    SplittableRandom rnd = new SplittableRandom(42);
    int n = args.length - 1;
    Runnable[] runs = new Runnable[n];
    double[] flops = new double[n];
    for (int s = 0; s < n; s++) {
      String[] f = args[s + 1].split(":");
      boolean ta = f[0].charAt(0) == 'T';
      boolean tb = f[0].charAt(1) == 'T';
      String[] d = f[1].split("x");
      int m = Integer.parseInt(d[0]);
      int k = Integer.parseInt(d[1]);
      int w = Integer.parseInt(d[2]);
      flops[s] = 2.0 * m * k * w;
      if (f[2].equals("f32")) {
        float[] a = new float[m * k];
        float[] b = new float[k * w];
        float[] c = new float[m * w];
        for (int i = 0; i < a.length; i++) a[i] = (float) rnd.nextDouble(-1, 1);
        for (int i = 0; i < b.length; i++) b[i] = (float) rnd.nextDouble(-1, 1);
        MatF32 av = ta ? MatF32.dense(a, 0, k, m) : MatF32.dense(a, 0, m, k);
        MatF32 bv = tb ? MatF32.dense(b, 0, w, k) : MatF32.dense(b, 0, k, w);
        MatF32 cv = MatF32.dense(c, 0, m, w);
        runs[s] = () -> Gemm.gemm(ta, tb, av, bv, cv, false);
      } else {
        double[] a = rnd.doubles(m * k, -1, 1).toArray();
        double[] b = rnd.doubles(k * w, -1, 1).toArray();
        double[] c = new double[m * w];
        MatF64 av = ta ? MatF64.dense(a, 0, k, m) : MatF64.dense(a, 0, m, k);
        MatF64 bv = tb ? MatF64.dense(b, 0, w, k) : MatF64.dense(b, 0, k, w);
        MatF64 cv = MatF64.dense(c, 0, m, w);
        runs[s] = () -> Gemm.gemm(ta, tb, av, bv, cv, false);
      }
    }
    int trials = 15;
    double[][] g = new double[n][trials];
    for (int t = -3; t < trials; t++) {
      for (int s = 0; s < n; s++) {
        int it = (int) Math.max(3, 2e8 / flops[s]);
        long t0 = System.nanoTime();
        for (int i = 0; i < it; i++) runs[s].run();
        long t1 = System.nanoTime();
        if (t >= 0) g[s][t] = flops[s] * it / (t1 - t0);
      }
    }
    StringBuilder sb = new StringBuilder();
    for (int s = 0; s < n; s++) {
      java.util.Arrays.sort(g[s]);
      sb.append(String.format("%s best %.1f median %.1f | ", args[s + 1], g[s][trials - 1], g[s][trials / 2]));
    }
    System.out.println(sb);
  }
}
