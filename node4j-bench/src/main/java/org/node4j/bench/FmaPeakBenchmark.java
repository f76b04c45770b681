package org.node4j.bench;

import java.util.concurrent.TimeUnit;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
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
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int ITERATIONS = 100_000;
  private static final double GFLOP_PER_CALL = 1e-9 * ITERATIONS * 12 * 2 * S.length();

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
    FloatVector x = FloatVector.broadcast(S, 0.999f);
    FloatVector y = FloatVector.broadcast(S, 0.001f);
    FloatVector a0 = FloatVector.broadcast(S, 0.10f);
    FloatVector a1 = FloatVector.broadcast(S, 0.11f);
    FloatVector a2 = FloatVector.broadcast(S, 0.12f);
    FloatVector a3 = FloatVector.broadcast(S, 0.13f);
    FloatVector a4 = FloatVector.broadcast(S, 0.14f);
    FloatVector a5 = FloatVector.broadcast(S, 0.15f);
    FloatVector a6 = FloatVector.broadcast(S, 0.16f);
    FloatVector a7 = FloatVector.broadcast(S, 0.17f);
    FloatVector a8 = FloatVector.broadcast(S, 0.18f);
    FloatVector a9 = FloatVector.broadcast(S, 0.19f);
    FloatVector a10 = FloatVector.broadcast(S, 0.20f);
    FloatVector a11 = FloatVector.broadcast(S, 0.21f);
    for (int it = 0; it < ITERATIONS; it++) {
      a0 = a0.fma(x, y);
      a1 = a1.fma(x, y);
      a2 = a2.fma(x, y);
      a3 = a3.fma(x, y);
      a4 = a4.fma(x, y);
      a5 = a5.fma(x, y);
      a6 = a6.fma(x, y);
      a7 = a7.fma(x, y);
      a8 = a8.fma(x, y);
      a9 = a9.fma(x, y);
      a10 = a10.fma(x, y);
      a11 = a11.fma(x, y);
    }
    FloatVector s = a0.add(a1).add(a2).add(a3).add(a4).add(a5);
    s = s.add(a6).add(a7).add(a8).add(a9).add(a10).add(a11);
    return s.reduceLanes(VectorOperators.ADD);
  }
}
