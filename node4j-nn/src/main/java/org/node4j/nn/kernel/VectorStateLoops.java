package org.node4j.nn.kernel;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link StateLoops} with the Vector API (loaded only through {@link StateLoops}). A combination
 * loads as many floats as a preferred double vector has lanes, widens them, computes in double with
 * the scalar loop's operations in its order, and narrows once when it stores; the elements past the
 * last whole vector go through the scalar loop, which gives the same bits. The finiteness check
 * sums {@code x * 0} over the array: every finite element adds a zero, an infinite or NaN one makes
 * the sum NaN, so a multiply and an add per vector replace a compare and a branch per element.
 *
 * <p>Each loop is written out in one method, so C2 keeps its vectors in registers.
 */
final class VectorStateLoops implements StateLoops.Kernel {
  private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
  private static final VectorSpecies<Float> F =
      VectorSpecies.of(float.class, VectorShape.forBitSize(D.vectorBitSize() / 2));
  private static final int L = D.length();
  private static final VectorSpecies<Float> FP = FloatVector.SPECIES_PREFERRED;
  private static final int FL = FP.length();

  /** Public no-argument constructor for the reflective instantiation in {@link StateLoops}. */
  public VectorStateLoops() {}

  @Override
  public void combine1(float[] out, float[] y, double h, double c, float[] k) {
    int n = y.length;
    int end = n - n % L;
    for (int i = 0; i < end; i += L) {
      DoubleVector kv = (DoubleVector) FloatVector.fromArray(F, k, i).castShape(D, 0);
      DoubleVector yv = (DoubleVector) FloatVector.fromArray(F, y, i).castShape(D, 0);
      DoubleVector acc = kv.mul(c).add(0.0);
      ((FloatVector) yv.add(acc.mul(h)).castShape(F, 0)).intoArray(out, i);
    }
    StateLoops.Scalar.combine1(out, y, h, c, k, end);
  }

  @Override
  public void combine2(
      float[] out, float[] y, double h, double c0, float[] k0, double c1, float[] k1) {
    int n = y.length;
    int end = n - n % L;
    for (int i = 0; i < end; i += L) {
      DoubleVector k0v = (DoubleVector) FloatVector.fromArray(F, k0, i).castShape(D, 0);
      DoubleVector k1v = (DoubleVector) FloatVector.fromArray(F, k1, i).castShape(D, 0);
      DoubleVector yv = (DoubleVector) FloatVector.fromArray(F, y, i).castShape(D, 0);
      DoubleVector acc = k0v.mul(c0).add(0.0).add(k1v.mul(c1));
      ((FloatVector) yv.add(acc.mul(h)).castShape(F, 0)).intoArray(out, i);
    }
    StateLoops.Scalar.combine2(out, y, h, c0, k0, c1, k1, end);
  }

  @Override
  public boolean allFinite(float[] x) {
    int end = x.length - x.length % FL;
    FloatVector acc = FloatVector.zero(FP);
    for (int i = 0; i < end; i += FL) {
      acc = acc.add(FloatVector.fromArray(FP, x, i).mul(0f));
    }
    return !Float.isNaN(acc.reduceLanes(VectorOperators.ADD))
        && StateLoops.Scalar.allFinite(x, end);
  }

  @Override
  public boolean allFinite(double[] x) {
    int end = x.length - x.length % L;
    DoubleVector acc = DoubleVector.zero(D);
    for (int i = 0; i < end; i += L) {
      acc = acc.add(DoubleVector.fromArray(D, x, i).mul(0.0));
    }
    return !Double.isNaN(acc.reduceLanes(VectorOperators.ADD))
        && StateLoops.Scalar.allFinite(x, end);
  }
}
