package org.node4j.nn.kernel;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link StateLoops}' finiteness checks with the Vector API (loaded only through {@link
 * StateLoops}). A check sums {@code x * 0} over the array: every finite element adds a zero, an
 * infinite or NaN one makes the sum NaN, so a multiply and an add per vector replace a compare and
 * a branch per element. The stage combinations are scalar loops (see {@link StateLoops} for why).
 *
 * <p>Only the preferred species are used, the same as every other kernel's. The Java code behind
 * the Vector API's methods is shared by all vector shapes, and so are its type profiles: an earlier
 * version loaded floats as half-width vectors (Float256Vector beside the GEMM's Float512Vector),
 * and once the profiles inside {@code FloatVector.intoArray} saw both classes, C2 could no longer
 * intrinsify the store in the GEMM's direct kernel, which then boxed a vector per operation (49 MB
 * per training iteration in OdeResNetMemoryTest).
 *
 * <p>Each loop is written out in one method, so C2 keeps its vectors in registers.
 */
final class VectorStateLoops implements StateLoops.Kernel {
  private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
  private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
  private static final int FL = F.length();
  private static final int DL = D.length();

  /** Public no-argument constructor for the reflective instantiation in {@link StateLoops}. */
  public VectorStateLoops() {}

  @Override
  public boolean allFinite(float[] x, int from, int to) {
    int end = to - (to - from) % FL;
    FloatVector acc = FloatVector.zero(F);
    for (int i = from; i < end; i += FL) {
      acc = acc.add(FloatVector.fromArray(F, x, i).mul(0f));
    }
    return !Float.isNaN(acc.reduceLanes(VectorOperators.ADD))
        && StateLoops.Scalar.INSTANCE.allFinite(x, end, to);
  }

  @Override
  public boolean allFinite(double[] x) {
    int end = x.length - x.length % DL;
    DoubleVector acc = DoubleVector.zero(D);
    for (int i = 0; i < end; i += DL) {
      acc = acc.add(DoubleVector.fromArray(D, x, i).mul(0.0));
    }
    return !Double.isNaN(acc.reduceLanes(VectorOperators.ADD))
        && StateLoops.Scalar.allFinite(x, end, x.length);
  }
}
