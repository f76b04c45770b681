// In-process A/B of W4's convolution kernels (issue 10, not part of the build): on W4's shapes
// (32 images; 1x1 convolutions of 3 <-> 128 channels on 32 x 32 positions), one thread, per-thread
// CPU time of each variant per round, the variants alternated in R rounds after 30 warm-up rounds,
// medians: the GEMM against the pointwise weight gradient (conv3: 3 x 128, conv1: 128 x 3), the
// per-channel bias sums against the plane sums, and the Winograd kernel transform against the
// comparison of the weights with the transform's key. Prints whether each pair gave the same bits.
//
//   ./node4j bench W4 --smoke >/dev/null   # builds node4j-lab/target/node4j.jar if needed
//   java --add-modules jdk.incubator.vector -cp node4j-lab/target/node4j.jar scripts/probes/W4ConvAB.java 60
import java.lang.management.*;
import java.lang.reflect.*;
import java.util.*;
import org.node4j.nn.kernel.*;

public class W4ConvAB {
  static Method m(String cls, String name, Class<?>... t) throws Exception {
    Method x = Class.forName("org.node4j.nn.layer." + cls).getDeclaredMethod(name, t);
    x.setAccessible(true);
    return x;
  }
  public static void main(String[] a) throws Exception {
    int P = 1024, C = 128, N = 32, R = Integer.parseInt(a[0]);
    Random r = new Random(1);
    float[] x = new float[N * C * P], dy = new float[N * 3 * P];
    for (int i = 0; i < x.length; i++) x[i] = (float) r.nextGaussian();
    for (int i = 0; i < dy.length; i++) dy[i] = (float) r.nextGaussian();
    Class<?> wsC = Class.forName("org.node4j.nn.layer.Workspace");
    Class<?> poolC = Class.forName("org.node4j.nn.layer.Workspace$Pool");
    Constructor<?> pc = poolC.getDeclaredConstructor(int.class); pc.setAccessible(true);
    Object pool = pc.newInstance(4);
    Method acq = poolC.getDeclaredMethod("acquire"); acq.setAccessible(true);
    Object ws = acq.invoke(pool);
    Method pw = m("PointwiseGradF32", "addWeightGradient", float[].class, int.class, int.class, float[].class, int.class, int.class, int.class, float[].class, int.class, wsC);
    Method sum = m("RowLoopsF32", "sum", float[].class, int.class, int.class);
    Method planes = m("RowLoopsF32", "addPlaneSums", float[].class, int.class, int.class, int.class, float[].class, int.class);
    Method tw = m("WinogradF32", "transformWeights", float[].class, int.class, int.class, boolean.class, float[].class, float[].class);
    float[] w = new float[C * C * 9]; for (int i = 0; i < w.length; i++) w[i] = (float) r.nextGaussian();
    float[] key = w.clone(), u = new float[16 * C * C], scratch = new float[32];
    float[] dwA = new float[3 * C], dwB = new float[3 * C], d1A = new float[3 * C], d1B = new float[3 * C];
    float[] dbA = new float[C], dbB = new float[C];
    MatViewF32 va = new MatViewF32(), vb = new MatViewF32(), vc = new MatViewF32();
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    String[] names = {"conv3 dW GEMM", "conv3 dW pointwise", "conv1 dW GEMM", "conv1 dW pointwise",
        "db per-channel sums", "db plane sums", "kernel transform", "kernel key compare"};
    double[][] t = new double[names.length][R];
    Parallel.withThreads(1, () -> {
      try {
        for (int round = -30; round < R; round++) {
          for (int v = 0; v < names.length; v++) {
            long c0 = mx.getCurrentThreadCpuTime();
            for (int n = 0; n < N; n++) {
              switch (v) {
                case 0 -> Gemm.gemm(false, true, va.dense(dy, n * 3 * P, 3, P), vb.dense(x, n * C * P, C, P), vc.dense(dwA, 0, 3, C), true);
                case 1 -> pw.invoke(null, dy, n * 3 * P, 3, x, n * C * P, C, P, dwB, 0, ws);
                case 2 -> Gemm.gemm(false, true, va.dense(x, n * C * P, C, P), vb.dense(dy, n * 3 * P, 3, P), vc.dense(d1A, 0, C, 3), true);
                case 3 -> pw.invoke(null, x, n * C * P, C, dy, n * 3 * P, 3, P, d1B, 0, ws);
                case 4 -> { for (int ch = 0; ch < C; ch++) dbA[ch] += (float) sum.invoke(null, x, (n * C + ch) * P, P); }
                case 5 -> planes.invoke(null, x, n * C * P, C, P, dbB, 0);
                case 6 -> { if (n == 0) tw.invoke(null, w, C, C, false, u, scratch); }
                case 7 -> { if (n == 0 && !Arrays.equals(key, 0, w.length, w, 0, w.length)) throw new AssertionError(); }
              }
            }
            if (round >= 0) t[v][round] = (mx.getCurrentThreadCpuTime() - c0) / 1e6;
          }
        }
      } catch (Exception e) { throw new RuntimeException(e); }
      return null;
    });
    System.out.println("same bits: conv3 " + Arrays.equals(dwA, dwB) + ", conv1 " + Arrays.equals(d1A, d1B) + ", db " + Arrays.equals(dbA, dbB));
    for (int v = 0; v < names.length; v++) Arrays.sort(t[v]);
    for (int v = 0; v < names.length; v += 2)
      System.out.printf("%-22s %8.3f ms | %-22s %8.3f ms | ratio %.2f%n", names[v], t[v][R / 2], names[v + 1], t[v + 1][R / 2], t[v][R / 2] / t[v + 1][R / 2]);
    System.exit(0);
  }
}
