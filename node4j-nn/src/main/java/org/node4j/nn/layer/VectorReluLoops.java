package org.node4j.nn.layer;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** {@link ReluLoops}' Vector API loops (loaded only through {@link ReluLoops.Lanes#load}). */
public final class VectorReluLoops implements ReluLoops.Lanes {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

  /** Creates the loops; public for the reflective load. */
  public VectorReluLoops() {}

  @Override
  public int forward(float[] x, float[] y, int from, int to) {
    int i = from;
    for (int end = to - S.length(); i <= end; i += S.length()) {
      FloatVector.fromArray(S, x, i).max(0f).intoArray(y, i);
    }
    return i;
  }

  @Override
  public int backward(float[] x, float[] dy, float[] dx, int from, int to) {
    FloatVector zero = FloatVector.zero(S);
    int i = from;
    for (int end = to - S.length(); i <= end; i += S.length()) {
      VectorMask<Float> positive = FloatVector.fromArray(S, x, i).compare(VectorOperators.GT, 0f);
      zero.blend(FloatVector.fromArray(S, dy, i), positive).intoArray(dx, i);
    }
    return i;
  }
}
