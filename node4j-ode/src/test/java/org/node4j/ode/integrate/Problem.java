package org.node4j.ode.integrate;

import org.node4j.ode.ArrayOps;
import org.node4j.ode.VectorField;

/**
 * A test system of the integration tests: a vector field with a default initial state and span.
 *
 * @param field the vector field
 * @param y0 the default initial state
 * @param t0 the default initial time
 * @param t1 the default final time
 */
record Problem(VectorField<double[]> field, double[] y0, double t0, double t1) {

  double[] defaultY0() {
    return y0.clone();
  }

  /** Starts a solve from the default initial state over the default span. */
  SolveSpec.Builder<double[]> spec() {
    return spec(defaultY0(), t1);
  }

  /** Starts a solve from {@code start} over [t0, end], checking the dimension. */
  SolveSpec.Builder<double[]> spec(double[] start, double end) {
    ArrayOps.INSTANCE.checkSameShape(y0, start);
    return SolveSpec.builder(field, ArrayOps.INSTANCE, start).span(t0, end);
  }
}
