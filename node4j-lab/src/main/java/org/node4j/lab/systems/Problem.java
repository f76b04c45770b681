package org.node4j.lab.systems;

import org.node4j.ode.ArrayOps;
import org.node4j.ode.VectorField;
import org.node4j.ode.integrate.SolveSpec;

/**
 * A built-in test system on {@code double[]}: a named vector field with a default initial state and
 * time span, used by the CLI {@code solve} command.
 *
 * @param name the registry name, e.g. {@code "lotka-volterra"}
 * @param description the equations and parameters, for listings
 * @param field the vector field
 * @param defaultY0 the default initial state (copied on the way in and out)
 * @param defaultT0 the default initial time
 * @param defaultT1 the default final time
 */
public record Problem(
    String name,
    String description,
    VectorField<double[]> field,
    double[] defaultY0,
    double defaultT0,
    double defaultT1) {

  /** Copies the initial state. */
  public Problem {
    defaultY0 = defaultY0.clone();
  }

  @Override
  public double[] defaultY0() {
    return defaultY0.clone();
  }

  /** Returns the dimension of the state. */
  public int dimension() {
    return defaultY0.length;
  }

  /** Starts a solve from the default initial state over the default span. */
  public SolveSpec.Builder<double[]> spec() {
    return spec(defaultY0(), defaultT1);
  }

  /**
   * Starts a solve from {@code y0} over [defaultT0, t1].
   *
   * @throws IllegalArgumentException if {@code y0} has the wrong dimension
   */
  public SolveSpec.Builder<double[]> spec(double[] y0, double t1) {
    ArrayOps.INSTANCE.checkSameShape(defaultY0, y0);
    return SolveSpec.builder(field, ArrayOps.INSTANCE, y0).span(defaultT0, t1);
  }
}
