package org.node4j.nn.layer;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The bias add and column sums of {@link RowLoopsF64} with the Vector API, whole vectors of columns
 * only (loaded only through {@link RowLoopsF64.Lanes#load}, so that nothing links against the
 * incubator module when it is absent); the float32 twin is generated from this file at build time
 * (see the node4j-nn POM). Each element gets the scalar loop's additions in its order: {@code
 * m[r][j] + v[j]}, and the column sums row after row from {@code out}'s value. The column sums keep
 * four vectors of columns in registers over all rows, then store them once.
 */
final class VectorRowsF64 implements RowLoopsF64.Lanes {
  private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
  private static final int L = S.length();

  /** Public for {@link RowLoopsF64.Lanes#load}. */
  public VectorRowsF64() {}

  @Override
  public int addRowVector(double[] m, int r0, int r1, double[] v) {
    int cols = v.length;
    int whole = cols - cols % L;
    for (int r = r0; r < r1; r++) {
      int base = r * cols;
      for (int j = 0; j < whole; j += L) {
        DoubleVector.fromArray(S, m, base + j)
            .add(DoubleVector.fromArray(S, v, j))
            .intoArray(m, base + j);
      }
    }
    return whole;
  }

  @Override
  public int addColumnSums(double[] m, int r0, int r1, int cols, double[] out, int off) {
    int j = 0;
    for (; j + 4 * L <= cols; j += 4 * L) {
      DoubleVector s0 = DoubleVector.fromArray(S, out, off + j);
      DoubleVector s1 = DoubleVector.fromArray(S, out, off + j + L);
      DoubleVector s2 = DoubleVector.fromArray(S, out, off + j + 2 * L);
      DoubleVector s3 = DoubleVector.fromArray(S, out, off + j + 3 * L);
      for (int r = r0; r < r1; r++) {
        int base = r * cols + j;
        s0 = s0.add(DoubleVector.fromArray(S, m, base));
        s1 = s1.add(DoubleVector.fromArray(S, m, base + L));
        s2 = s2.add(DoubleVector.fromArray(S, m, base + 2 * L));
        s3 = s3.add(DoubleVector.fromArray(S, m, base + 3 * L));
      }
      s0.intoArray(out, off + j);
      s1.intoArray(out, off + j + L);
      s2.intoArray(out, off + j + 2 * L);
      s3.intoArray(out, off + j + 3 * L);
    }
    for (; j + L <= cols; j += L) {
      DoubleVector s0 = DoubleVector.fromArray(S, out, off + j);
      for (int r = r0; r < r1; r++) {
        s0 = s0.add(DoubleVector.fromArray(S, m, r * cols + j));
      }
      s0.intoArray(out, off + j);
    }
    return j;
  }
}
