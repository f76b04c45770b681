package org.node4j.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.node4j.nn.kernel.Gemm;
import org.node4j.nn.kernel.MatF32;
import org.node4j.nn.kernel.Parallel;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * float32 GEMM throughput through the {@link Gemm} facade on the shapes (m x k x n): the
 * small products of the seeds' MLP vector fields (256x64x32, 256x96x32, single-threaded by design)
 * and the im2col product of a 128-to-128 3x3 convolution on 32x32 images with batch 32
 * (32768x1152x128, split over {@code threads}).
 *
 * <p>The secondary result {@code gflop} (from {@link Flops}) is the rate in GFLOP/s, counting 2 m n
 * k floating-point operations per product. Run with:
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -jar node4j-bench/target/node4j-benchmarks.jar GemmBenchmark
 * java --add-modules jdk.incubator.vector -jar node4j-bench/target/node4j-benchmarks.jar \
 *     GemmBenchmark -p shape=32768x1152x128 -p threads=2 -p op=NT
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
    value = 1,
    jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx3g"})
public class GemmBenchmark {

  /** Product shape as m x k x n. */
  @Param({"256x64x32", "256x96x32", "32768x1152x128"})
  public String shape;

  /** Engine threads ({@link Parallel#setThreads}); only large products use more than one. */
  @Param({"1", "2"})
  public int threads;

  /** Transposes: NN, TN, NT or TT (op(A) then op(B)). */
  @Param({"NN"})
  public String op;

  private int m;
  private int n;
  private int k;
  private boolean transA;
  private boolean transB;
  private float[] a;
  private float[] b;
  private float[] c;

  /** Floating-point operations counted per second, reported by JMH as a secondary result. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class Flops {
    /** GFLOP done so far; JMH divides by time, so the score reads GFLOP/s. */
    public double gflop;

    /** Clears the counter at the start of every iteration. */
    @Setup(Level.Iteration)
    public void reset() {
      gflop = 0;
    }
  }

  /** Allocates random operands and sets the thread count. */
  @Setup(Level.Trial)
  public void setUp() {
    String[] dims = shape.split("x");
    m = Integer.parseInt(dims[0]);
    k = Integer.parseInt(dims[1]);
    n = Integer.parseInt(dims[2]);
    transA = op.charAt(0) == 'T';
    transB = op.charAt(1) == 'T';
    SplittableRandom rnd = new SplittableRandom(1);
    a = random(rnd, m * k);
    b = random(rnd, k * n);
    c = new float[m * n];
    Parallel.setThreads(threads);
    System.out.println("# Gemm implementation: " + Gemm.implementationName());
  }

  /** One product {@code C = op(A) op(B)}. */
  @Benchmark
  public float[] gemm(Flops flops) {
    Gemm.gemm(
        transA,
        transB,
        MatF32.dense(a, 0, transA ? k : m, transA ? m : k),
        MatF32.dense(b, 0, transB ? n : k, transB ? k : n),
        MatF32.dense(c, 0, m, n),
        false);
    flops.gflop += 2e-9 * m * n * k;
    return c;
  }

  private static float[] random(SplittableRandom rnd, int size) {
    float[] x = new float[size];
    for (int i = 0; i < size; i++) {
      x[i] = (float) rnd.nextDouble(-1, 1);
    }
    return x;
  }
}
