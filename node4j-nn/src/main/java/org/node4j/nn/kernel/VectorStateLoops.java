package org.node4j.nn.kernel;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link StateLoops} with the Vector API (loaded only through {@link StateLoops}). A combination
 * widens a preferred float vector's worth of elements to two preferred double vectors (the lower
 * halves of two overlapping float loads), computes in double with the scalar loop's operations in
 * its order, narrows each once and joins the halves for one store; the last elements (fewer than a
 * float vector and a half) go through the scalar loop, which gives the same bits. Two overlapping
 * loads widened from their lower halves (part 0) cost less than widening both halves of one load
 * (parts 0 and 1), which the JIT compiles to extra lane moves (about 17 % per element). The
 * finiteness check sums {@code x * 0} over the array: every finite element adds a zero, an infinite
 * or NaN one makes the sum NaN, so a multiply and an add per vector replace a compare and a branch
 * per element.
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

  /** The upper half of a float vector's lanes, where the second narrowed half goes. */
  private static final VectorMask<Float> UPPER = VectorMask.fromLong(F, -1L << DL);

  /** Public no-argument constructor for the reflective instantiation in {@link StateLoops}. */
  public VectorStateLoops() {}

  @Override
  public void combine1(float[] out, float[] y, double h, double c, float[] k, int from, int to) {
    int i = from;
    for (; i + FL + DL <= to; i += FL) {
      DoubleVector k0 =
          (DoubleVector) FloatVector.fromArray(F, k, i).convertShape(VectorOperators.F2D, D, 0);
      DoubleVector k1 =
          (DoubleVector)
              FloatVector.fromArray(F, k, i + DL).convertShape(VectorOperators.F2D, D, 0);
      DoubleVector y0 =
          (DoubleVector) FloatVector.fromArray(F, y, i).convertShape(VectorOperators.F2D, D, 0);
      DoubleVector r0 = y0.add(k0.mul(c).add(0.0).mul(h));
      DoubleVector y1 =
          (DoubleVector)
              FloatVector.fromArray(F, y, i + DL).convertShape(VectorOperators.F2D, D, 0);
      DoubleVector r1 = y1.add(k1.mul(c).add(0.0).mul(h));
      FloatVector f0 = (FloatVector) r0.convertShape(VectorOperators.D2F, F, 0);
      FloatVector f1 = (FloatVector) r1.convertShape(VectorOperators.D2F, F, -1);
      f0.blend(f1, UPPER).intoArray(out, i);
    }
    StateLoops.Scalar.INSTANCE.combine1(out, y, h, c, k, i, to);
  }

  @Override
  public void combine2(
      float[] out,
      float[] y,
      double h,
      double c0,
      float[] k0,
      double c1,
      float[] k1,
      int from,
      int to) {
    int i = from;
    for (; i + FL + DL <= to; i += FL) {
      DoubleVector a0 =
          (DoubleVector) FloatVector.fromArray(F, k0, i).convertShape(VectorOperators.F2D, D, 0);
      DoubleVector a1 =
          (DoubleVector)
              FloatVector.fromArray(F, k0, i + DL).convertShape(VectorOperators.F2D, D, 0);
      DoubleVector b0 =
          (DoubleVector) FloatVector.fromArray(F, k1, i).convertShape(VectorOperators.F2D, D, 0);
      DoubleVector b1 =
          (DoubleVector)
              FloatVector.fromArray(F, k1, i + DL).convertShape(VectorOperators.F2D, D, 0);
      DoubleVector y0 =
          (DoubleVector) FloatVector.fromArray(F, y, i).convertShape(VectorOperators.F2D, D, 0);
      DoubleVector r0 = y0.add(a0.mul(c0).add(0.0).add(b0.mul(c1)).mul(h));
      DoubleVector y1 =
          (DoubleVector)
              FloatVector.fromArray(F, y, i + DL).convertShape(VectorOperators.F2D, D, 0);
      DoubleVector r1 = y1.add(a1.mul(c0).add(0.0).add(b1.mul(c1)).mul(h));
      FloatVector f0 = (FloatVector) r0.convertShape(VectorOperators.D2F, F, 0);
      FloatVector f1 = (FloatVector) r1.convertShape(VectorOperators.D2F, F, -1);
      f0.blend(f1, UPPER).intoArray(out, i);
    }
    StateLoops.Scalar.INSTANCE.combine2(out, y, h, c0, k0, c1, k1, i, to);
  }

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
