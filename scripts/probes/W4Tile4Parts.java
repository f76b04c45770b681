// W4's 3x3 convolution with Winograd F(2x2, 3x3) and F(4x4, 3x3) side by side (issue 10, not part
// of the build): on W4's shapes (128 -> 128 channels, 32 x 32 images, 32 images in chunks of 2),
// one thread, per-thread CPU time, medians of R rounds after 10 warm-up rounds:
//   - a whole forward convolution and a whole weight gradient of 32 images with each tile size;
//   - each F(4x4, 3x3) transform and padding step of 32 images.
// It is in the layer package (package-private classes); compile it against the jar:
//
//   ./node4j bench W4 --smoke >/dev/null   # builds node4j-lab/target/node4j.jar if needed
//   javac --add-modules jdk.incubator.vector -cp node4j-lab/target/node4j.jar -d /tmp/w4tile4 scripts/probes/W4Tile4Parts.java
//   java --add-modules jdk.incubator.vector -cp node4j-lab/target/node4j.jar:/tmp/w4tile4 org.node4j.nn.layer.W4Tile4Parts 9
package org.node4j.nn.layer;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Random;
import org.node4j.nn.kernel.Parallel;

public class W4Tile4Parts {
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

  public static void main(String[] args) throws Exception {
    int rounds = Integer.parseInt(args[0]);
    int n = 32, c = 128, plane = 1024, tb = WinogradF32.TILE_BLOCK, sk = 16, chunks = 16;
    Random rnd = new Random(1);
    float[] x = new float[n * c * plane], dy = new float[n * c * plane], out = new float[n * c * plane];
    for (int i = 0; i < x.length; i++) { x[i] = (float) rnd.nextGaussian(); dy[i] = (float) rnd.nextGaussian(); }
    float[] u = new float[36 * c * c], du = new float[36 * c * c], dw = new float[c * c * 9], bias = new float[c];
    float[] v = new float[36 * (c * tb + sk)], mm = new float[36 * (c * tb + sk)], pad = new float[2 * c * 36 * 36];
    for (int i = 0; i < u.length; i++) { u[i] = (float) rnd.nextGaussian() * 0.01f; du[i] = (float) rnd.nextGaussian(); }
    for (int i = 0; i < v.length; i++) { v[i] = (float) rnd.nextGaussian(); mm[i] = (float) rnd.nextGaussian(); }
    WinogradPlane p2 = new WinogradPlane(32, 32, 32, 32, 1, 1, 2);
    WinogradPlane p4 = new WinogradPlane(32, 32, 32, 32, 1, 1, 4);
    Workspace ws = new Workspace.Pool(4).acquire();
    Parallel.withThreads(1, () -> {
      double[] whole = time(rounds,
          r -> { for (int k = 0; k < chunks; k++) WinogradF32.convolve(x, 2 * k, 2, c, c, p2, u, bias, out, ws); },
          r -> { for (int k = 0; k < chunks; k++) WinogradF32.convolve(x, 2 * k, 2, c, c, p4, u, bias, out, ws); },
          r -> { for (int k = 0; k < chunks; k++) WinogradF32.addWeightGradient(x, dy, 2 * k, 2, c, c, p2, dw, 0, ws); },
          r -> { for (int k = 0; k < chunks; k++) WinogradF32.addWeightGradient(x, dy, 2 * k, 2, c, c, p4, dw, 0, ws); });
      System.out.printf("convolve F2 %.1f  F4 %.1f ms; weight gradient F2 %.1f  F4 %.1f ms%n", whole[0], whole[1], whole[2], whole[3]);
      String[] names = {"padInput", "inputTiles", "outputTiles", "padChannelsLast", "inputTilesByChannels", "gradientTiles", "addWeightAdjoint"};
      Body[] parts = new Body[names.length];
      float[] s = new float[18 * c * c];
      for (int q = 0; q < names.length; q++) {
        int part = q;
        parts[q] = r -> {
          for (int k = 0; k < chunks; k++) {
            int n0 = 2 * k;
            switch (part) {
              case 0 -> WinogradF32.padInput(x, n0, 2, c, p4, pad);
              case 3 -> WinogradF32.padChannelsLast(x, n0, 2, c, p4, pad);
              case 6 -> { if (k == 0) Winograd4x4F32.addWeightAdjoint(du, c, c, dw, 0, s); }
              default -> {
                for (int t0 = 0; t0 < 128; t0 += tb) {
                  int[] at = WinogradF32.locateTiles(n0, p4, t0, tb, ws);
                  switch (part) {
                    case 1 -> Winograd4x4F32.inputTiles(pad, n0, c, p4, at, tb, v);
                    case 2 -> Winograd4x4F32.outputTiles(mm, c, p4, at, tb, bias, out);
                    case 4 -> Winograd4x4F32.inputTilesByChannels(pad, n0, c, p4, at, tb, v);
                    default -> Winograd4x4F32.gradientTiles(dy, c, p4, at, tb, mm);
                  }
                }
              }
            }
          }
        };
      }
      double[] t = time(rounds, parts);
      for (int q = 0; q < names.length; q++) System.out.printf("F4 %-28s %7.2f ms%n", names[q], t[q]);
      return null;
    });
    System.exit(0);
  }
}
