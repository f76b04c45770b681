/*
 * The machine's own drift, with no node4j code: the one-thread FMA rate (registers only) and the
 * rate at which one thread streams cache lines from a 64 MiB array (memory), printed every period
 * for a given time, so that a slow phase of a benchmark can be told from a slow phase of the host.
 *
 * java --add-modules jdk.incubator.vector -cp node4j-lab/target/node4j.jar \
 *     scripts/probes/MachineDrift.java fma|memory SECONDS
 *
 * The FMA rate is that of org.node4j.lab.bench.VectorFmaProbe (the peak that `./node4j bench
 * kernels` and the side-by-side script report), 20 000 000 iterations per sample.
 */
import java.util.Locale;
import org.node4j.lab.bench.VectorFmaProbe;

public class MachineDrift {

  public static void main(String[] args) {
    boolean fma = args[0].equals("fma");
    long end = System.nanoTime() + Long.parseLong(args[1]) * 1_000_000_000L;
    float[] big = new float[16 << 20];
    for (int i = 0; i < big.length; i++) {
      big[i] = i * 1e-9f;
    }
    StringBuilder out = new StringBuilder(fma ? "GFLOP/s:" : "GB/s of cache lines:");
    float sink = 0;
    while (System.nanoTime() < end) {
      long t = System.nanoTime();
      double units;
      if (fma) {
        sink += VectorFmaProbe.run(20_000_000L);
        units = 20_000_000.0 * VectorFmaProbe.flopsPerIteration() / 1e9;
      } else {
        for (int r = 0; r < 4; r++) {
          for (int i = 0; i < big.length; i += 16) {
            sink += big[i];
            big[i + 8] += 1e-9f;
          }
        }
        units = 4.0 * big.length * 4 / 1e9;
      }
      out.append(String.format(Locale.ROOT, " %.1f", units / ((System.nanoTime() - t) * 1e-9)));
    }
    System.out.println(out);
    System.err.println(sink);
  }
}
