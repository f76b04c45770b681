// W4's 3x3 Winograd convolution for scripts/probes/jar-ab/JarAB.java: per apply, the forward pass,
// the weight gradient and the data gradient of 32 images on W4's shapes (128 -> 128 channels,
// 32 x 32, chunks of 2 images), one thread; returns hashes of the outputs (equal hashes: the same
// bits). In the layer package (package-private classes), so each build's class loader loads it
// beside that build's classes:
//
//   javac --add-modules jdk.incubator.vector -cp /tmp/a.jar -d /tmp/jar-ab scripts/probes/jar-ab/ConvIter.java
//   java --add-modules jdk.incubator.vector -Diter=org.node4j.nn.layer.ConvIter -cp /tmp/jar-ab JarAB /tmp/a.jar /tmp/b.jar 1 30 1
package org.node4j.nn.layer;
import java.util.*;
import org.node4j.nn.kernel.*;

public class ConvIter implements java.util.function.BiFunction<Integer, Integer, double[]> {
  final int N = 32, C = 128, P = 1024;
  final float[] x = new float[N * C * P], dy = new float[N * C * P], out = new float[N * C * P], dx = new float[N * C * P];
  final float[] u = new float[16 * C * C], dw = new float[C * C * 9], bias = new float[C];
  final WinogradPlane p = new WinogradPlane(32, 32, 32, 32, 1, 1, 2);
  final Workspace ws = new Workspace.Pool(4).acquire();
  public ConvIter() {
    Random r = new Random(1);
    for (int i = 0; i < x.length; i++) { x[i] = (float) r.nextGaussian(); dy[i] = (float) r.nextGaussian(); }
    for (int i = 0; i < u.length; i++) u[i] = (float) r.nextGaussian();
  }
  public double[] apply(Integer threads, Integer n) {
    Parallel.withThreads(1, () -> {
      for (int it = 0; it < n; it++) {
        Arrays.fill(dw, 0f);
        for (int ch = 0; ch < 16; ch++) {
          WinogradF32.convolve(x, 2 * ch, 2, C, C, p, u, bias, out, ws);
          WinogradF32.addWeightGradient(x, dy, 2 * ch, 2, C, C, p, dw, 0, ws);
          WinogradF32.convolve(dy, 2 * ch, 2, C, C, p, u, null, dx, ws);
        }
      }
      return null;
    });
    return new double[] {Arrays.hashCode(out) ^ Arrays.hashCode(dx), Arrays.hashCode(dw)};
  }
}
