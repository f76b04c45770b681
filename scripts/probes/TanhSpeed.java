// The float64 tanh kernel's time per element on 32,768 Gaussian arguments (sd 2), one thread, for
// docs/bench/performance-log.md ("The AVX2 micro-tile spilled", the tanh paragraph). Not part of
// the build. Prints eight readings of 2,000 calls each; the first includes the JIT's warm-up.
//
//   java --add-modules jdk.incubator.vector -cp node4j-lab/target/node4j.jar scripts/probes/TanhSpeed.java
import org.node4j.nn.kernel.Elementwise;

public class TanhSpeed {
  public static void main(String[] args) {
    int n = 512 * 64;
    double[] x = new double[n];
    double[] y = new double[n];
    java.util.Random r = new java.util.Random(1);
    for (int i = 0; i < n; i++) {
      x[i] = r.nextGaussian() * 2;
    }
    for (int rep = 0; rep < 8; rep++) {
      int calls = 2000;
      long t0 = System.nanoTime();
      for (int k = 0; k < calls; k++) {
        Elementwise.tanh(x, y, 0, n);
      }
      long t1 = System.nanoTime();
      System.out.printf("%.3f ns per element%n", (t1 - t0) / (double) calls / n);
    }
  }
}
