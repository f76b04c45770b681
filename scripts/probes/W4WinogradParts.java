// W4's 3x3 Winograd convolution taken apart (issue 10, not part of the build): on W4's shapes
// (128 -> 128 channels, 32 x 32 images, 32 images in chunks of 2, tile blocks of 64), one thread,
// per-thread CPU time, medians of R rounds after 10 warm-up rounds:
//   - the 16 per-tile-position products of a tile block as the forward pass and the data gradient
//     run them (128 x 128 times 128 x 64), with B packed by the product or packed beforehand, and
//     as the weight gradient runs them (128 x 64 times 64 x 128, accumulated), against the
//     register-only FMA peak measured in the same JVM;
//   - a whole forward convolution and a whole weight gradient of 32 images;
//   - each transform and padding step of 32 images, reading the 32 images' tensors (cold: as in
//     W4, where each stage's tensors are 16 MiB) or one chunk's again and again (hot).
// It is in the layer package (package-private classes); compile it against the jar:
//
//   ./node4j bench W4 --smoke >/dev/null   # builds node4j-lab/target/node4j.jar if needed
//   javac --add-modules jdk.incubator.vector -cp node4j-lab/target/node4j.jar -d /tmp/w4parts scripts/probes/W4WinogradParts.java
//   java --add-modules jdk.incubator.vector -cp node4j-lab/target/node4j.jar:/tmp/w4parts org.node4j.nn.layer.W4WinogradParts 15
package org.node4j.nn.layer;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Random;
import org.node4j.lab.bench.VectorFmaProbe;
import org.node4j.nn.kernel.Gemm;
import org.node4j.nn.kernel.MatViewF32;
import org.node4j.nn.kernel.PackedMatF32;
import org.node4j.nn.kernel.Parallel;

public class W4WinogradParts {
  interface Body { void run(int round) throws Exception; }

  static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();

  static double[] time(int rounds, Body... bodies) throws Exception {
    double[][] t = new double[bodies.length][rounds];
    for (int r = -10; r < rounds; r++) {
      for (int b = 0; b < bodies.length; b++) {
        long c0 = MX.getCurrentThreadCpuTime();
        bodies[b].run(r);
        if (r >= 0) t[b][r] = (MX.getCurrentThreadCpuTime() - c0) / 1e6;
      }
    }
    double[] med = new double[bodies.length];
    for (int b = 0; b < bodies.length; b++) { Arrays.sort(t[b]); med[b] = t[b][rounds / 2]; }
    return med;
  }

  static Method m(String name) {
    for (Method x : WinogradF32.class.getDeclaredMethods()) {
      if (x.getName().equals(name)) { x.setAccessible(true); return x; }
    }
    throw new IllegalArgumentException(name);
  }

  public static void main(String[] args) throws Exception {
    int rounds = Integer.parseInt(args[0]);
    int n = 32, c = 128, plane = 1024, tb = WinogradF32.TILE_BLOCK, sk = 16, chunks = 16, blocks = 2 * 256 / tb;
    Random rnd = new Random(1);
    float[] x = new float[n * c * plane], dy = new float[n * c * plane], out = new float[n * c * plane];
    for (int i = 0; i < x.length; i++) { x[i] = (float) rnd.nextGaussian(); dy[i] = (float) rnd.nextGaussian(); }
    float[] u = new float[16 * c * c], du = new float[16 * c * c], dw = new float[c * c * 9], bias = new float[c];
    float[] v = new float[16 * (c * tb + sk)], mm = new float[16 * (c * tb + sk)], pad = new float[2 * c * 34 * 34];
    for (int i = 0; i < u.length; i++) { u[i] = (float) rnd.nextGaussian(); du[i] = (float) rnd.nextGaussian(); }
    for (int i = 0; i < v.length; i++) { v[i] = (float) rnd.nextGaussian(); mm[i] = (float) rnd.nextGaussian(); }
    WinogradPlane p = new WinogradPlane(32, 32, 32, 32, 1, 1, 2);
    Workspace ws = new Workspace.Pool(4).acquire();
    MatViewF32 va = new MatViewF32(), vb = new MatViewF32(), vc = new MatViewF32();
    PackedMatF32[] packed = new PackedMatF32[16];
    for (int xi = 0; xi < 16; xi++) {
      packed[xi] = new PackedMatF32();
      packed[xi].update(false, vb.dense(v, xi * (c * tb + sk), c, tb));
    }
    Method padInput = m("padInput"), padCl = m("padChannelsLast"), locate = m("locateTiles");
    Method input = m("inputTiles"), byCh = m("inputTilesByChannels"), output = m("outputTiles");
    Method grad = m("gradientTiles"), adjoint = m("addWeightAdjoint");
    int step = c * tb + sk;
    Parallel.withThreads(1, () -> {
      // One pass's products: 16 chunks x blocks x 16 products.
      double[] prod = time(rounds,
          r -> { for (int b = 0; b < chunks * blocks; b++) for (int xi = 0; xi < 16; xi++)
              Gemm.gemm(false, false, va.dense(u, xi * c * c, c, c), vb.dense(v, xi * step, c, tb), vc.dense(mm, xi * step, c, tb), false); },
          r -> { for (int b = 0; b < chunks * blocks; b++) for (int xi = 0; xi < 16; xi++)
              Gemm.gemm(va.dense(u, xi * c * c, c, c), packed[xi], vc.dense(mm, xi * step, c, tb), false); },
          r -> { for (int b = 0; b < chunks * blocks; b++) for (int xi = 0; xi < 16; xi++)
              Gemm.gemm(false, false, va.dense(mm, xi * step, c, tb), vb.dense(v, xi * step, tb, c), vc.dense(du, xi * c * c, c, c), true); });
      double gflop = 2.0 * 16 * c * c * 256 * n / 1e9;
      // The register-only FMA loop of the kernel suite, timed by this thread's CPU time.
      long iterations = 2_000_000;
      float[] sink = new float[1];
      double[] fma = time(rounds, r -> sink[0] += VectorFmaProbe.run(iterations));
      double peak = iterations * VectorFmaProbe.flopsPerIteration() / fma[0] / 1e6;
      System.out.printf("FMA peak, 1 thread (thread CPU time): %.1f GFLOP/s%n", peak);
      String[] pn = {"products, forward (B packed per call)", "products, forward (B packed before)", "products, weight gradient (accumulated)"};
      for (int i = 0; i < 3; i++) System.out.printf("%-42s %7.2f ms  %6.1f GFLOP/s  %4.0f %% of peak%n", pn[i], prod[i], gflop / prod[i] * 1e3, 100 * gflop / prod[i] * 1e3 / peak);
      double[] whole = time(rounds,
          r -> { for (int k = 0; k < chunks; k++) WinogradF32.convolve(x, 2 * k, 2, c, c, p, u, bias, out, ws); },
          r -> { for (int k = 0; k < chunks; k++) WinogradF32.addWeightGradient(x, dy, 2 * k, 2, c, c, p, dw, 0, ws); });
      System.out.printf("%-42s %7.2f ms  (products alone: %.2f ms)%n", "convolve, 32 images", whole[0], prod[0]);
      System.out.printf("%-42s %7.2f ms  (products alone: %.2f ms)%n", "weight gradient, 32 images", whole[1], prod[2]);
      String[] names = {"padInput", "inputTiles", "outputTiles", "padChannelsLast", "inputTilesByChannels", "gradientTiles", "addWeightAdjoint"};
      for (boolean hot : new boolean[] {false, true}) {
        Body[] parts = new Body[names.length];
        for (int q = 0; q < names.length; q++) {
          int part = q;
          parts[q] = r -> {
            for (int k = 0; k < chunks; k++) {
              int n0 = hot ? 0 : 2 * k;
              switch (part) {
                case 0 -> padInput.invoke(null, x, n0, 2, c, p, pad);
                case 3 -> padCl.invoke(null, x, n0, 2, c, p, pad);
                case 6 -> adjoint.invoke(null, du, c, c, dw, 0, new float[12 * c * c]);
                default -> {
                  for (int t0 = 0; t0 < 512; t0 += tb) {
                    int[] at = (int[]) locate.invoke(null, n0, p, t0, tb, ws);
                    switch (part) {
                      case 1 -> input.invoke(null, pad, n0, c, p, at, tb, v);
                      case 2 -> output.invoke(null, mm, c, p, at, tb, bias, out);
                      case 4 -> byCh.invoke(null, pad, n0, c, p, at, tb, v);
                      default -> grad.invoke(null, dy, c, p, at, tb, mm);
                    }
                  }
                }
              }
            }
          };
        }
        double[] t = time(rounds, parts);
        for (int q = 0; q < names.length; q++) System.out.printf("%-42s %7.2f ms%n", names[q] + (hot ? " (hot)" : " (cold)") + ", 32 images", t[q]);
      }
      return null;
    });
    System.exit(0);
  }
}
