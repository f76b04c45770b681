package org.node4j.bench;

import java.util.concurrent.TimeUnit;
import org.node4j.lab.bench.VectorFmaProbe;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The achievable fp32 FMA peak: independent vector fused multiply-adds on registers only, no memory
 * traffic. Twelve accumulators exceed the 8 FMAs that two 4-cycle FMA pipes keep in flight. The
 * {@code gflop} secondary result is GFLOP/s (2 flops per lane per FMA), summed over JMH threads:
 * {@code peak1} uses one core, {@code peak2} two. The theoretical peak is cores x FMA pipes x lanes
 * x 2 x clock, e.g. 2 x 2 x 16 x 2 x f GHz for AVX-512 with two FMA pipes. Run with:
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -jar node4j-bench/target/node4j-benchmarks.jar FmaPeakBenchmark
 * </pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
    value = 1,
    jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class FmaPeakBenchmark {
  private static final int ITERATIONS = 100_000;
  private static final double GFLOP_PER_CALL =
      1e-9 * ITERATIONS * VectorFmaProbe.flopsPerIteration();

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

  /** The peak of one core. */
  @Benchmark
  @Threads(1)
  public float peak1(Flops flops) {
    flops.gflop += GFLOP_PER_CALL;
    return fmaLoop();
  }

  /** The peak of two cores (two JMH threads). */
  @Benchmark
  @Threads(2)
  public float peak2(Flops flops) {
    flops.gflop += GFLOP_PER_CALL;
    return fmaLoop();
  }

  private static float fmaLoop() {
    return VectorFmaProbe.run(ITERATIONS);
  }
}
