package org.node4j.lab.bench;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * A register-only loop of independent float32 vector fused multiply-adds: the achievable FMA peak
 * of one core, against which GEMM efficiency is measured. Twelve accumulators cover the latency of
 * two FMA pipes (4 cycles x 2 units = 8 in flight), and {@code acc * x + y} with |x| < 1 keeps
 * values bounded, away from overflow and subnormals. The JMH {@code FmaPeakBenchmark} and {@link
 * KernelBenchmark} both run it; it needs {@code jdk.incubator.vector} in the boot layer, so it is
 * loaded only when the Vector API kernel is active.
 */
public final class VectorFmaProbe {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

  private static final long FLOPS_PER_ITERATION = 12L * 2 * S.length();

  private VectorFmaProbe() {}

  /** Floating-point operations per iteration of {@link #run}: 12 FMAs of L lanes, 2 flops each. */
  public static long flopsPerIteration() {
    return FLOPS_PER_ITERATION;
  }

  /** Runs {@code iterations} iterations and returns a value that depends on all of them. */
  public static float run(long iterations) {
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
    for (long it = 0; it < iterations; it++) {
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
    return s.reduceLanes(jdk.incubator.vector.VectorOperators.ADD);
  }
}
