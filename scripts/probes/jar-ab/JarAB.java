// In-process A/B of two builds of node4j (not part of the build), for the speed work of issue 10:
// loads two node4j.jar files into two class loaders in one JVM and alternates their workload
// iterations (ABAB..., the order swapped every round), reporting per iteration the medians of
// wall time, the calling thread's CPU time and the process's CPU time, and their ratios A/B (of
// the medians, and the quartiles of the per-round ratios). A ratio above 1 means B is faster.
// Each build keeps its own engine threads and JIT code; on a loaded machine only the ratios mean
// anything, and a build loaded second can come out a few per cent slower in one JVM than in the
// next: run both orders (A B, then B A) and compare.
//
//   cp node4j-lab/target/node4j.jar /tmp/a.jar          # build A (e.g. main), then B likewise
//   javac -cp /tmp/a.jar -d /tmp/jar-ab scripts/probes/jar-ab/W3Iter.java
//   javac -d /tmp/jar-ab scripts/probes/jar-ab/JarAB.java
//   java --add-modules jdk.incubator.vector -cp /tmp/jar-ab JarAB /tmp/a.jar /tmp/b.jar 1 30 3
//        # jars, threads, rounds, iterations per round; -Dwarm=10 warm-up rounds (default),
//        # -Dw3b=true for W3 (b), -Diter=<class> for another workload class in the same directory
import java.lang.management.*;
import java.net.*;
import java.nio.file.*;
import java.util.*;
import java.util.function.BiFunction;

public class JarAB {
  @SuppressWarnings("unchecked")
  public static void main(String[] a) throws Exception {
    int threads = Integer.parseInt(a[2]), rounds = Integer.parseInt(a[3]), per = Integer.parseInt(a[4]);
    URL h = Path.of(JarAB.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toUri().toURL();
    BiFunction<Integer, Integer, double[]>[] v = new BiFunction[2];
    for (int i = 0; i < 2; i++) {
      URLClassLoader cl = new URLClassLoader(new URL[] {Path.of(a[i]).toUri().toURL(), h}, JarAB.class.getClassLoader().getParent());
      v[i] = (BiFunction<Integer, Integer, double[]>) cl.loadClass(System.getProperty("iter", "W3Iter")).getConstructor().newInstance();
      double[] r = v[i].apply(threads, 1);
      System.out.printf("%s loss %s norm %s%n", a[i], r[0], r[1]);
    }
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    double[][][] f = new double[2][3][rounds];
    int warm = Integer.getInteger("warm", 10);
    for (int r = -warm; r < rounds; r++) {
      for (int k = 0; k < 2; k++) {
        int i = (r & 1) == 0 ? k : 1 - k;
        long c0 = mx.getCurrentThreadCpuTime(), p0 = os.getProcessCpuTime(), t0 = System.nanoTime();
        v[i].apply(threads, per);
        double[] row = {System.nanoTime() - t0, mx.getCurrentThreadCpuTime() - c0, os.getProcessCpuTime() - p0};
        if (r >= 0) for (int q = 0; q < 3; q++) f[i][q][r] = row[q] / 1e6 / per;
      }
    }
    String[] names = {"wall", "main cpu", "process cpu"};
    for (int q = 0; q < 3; q++) {
      double ma = med(f[0][q]), mb = med(f[1][q]);
      // per-round ratios too
      double[] rr = new double[rounds];
      for (int r = 0; r < rounds; r++) rr[r] = f[0][q][r] / f[1][q][r];
      Arrays.sort(rr);
      System.out.printf("%-12s A %.2f ms  B %.2f ms  A/B ratio of medians %.3f  (per-round ratios q25 %.3f med %.3f q75 %.3f)%n",
          names[q], ma, mb, ma / mb, rr[rounds / 4], rr[rounds / 2], rr[3 * rounds / 4]);
    }
  }
  static double med(double[] x) { double[] y = x.clone(); Arrays.sort(y); return y[y.length / 2]; }
}
