package org.node4j.lab.data;

import java.util.SplittableRandom;
import org.node4j.ode.ArrayOps;
import org.node4j.ode.Solution;
import org.node4j.ode.VectorField;
import org.node4j.ode.control.ConstantSteps;
import org.node4j.ode.integrate.Integrator;
import org.node4j.ode.integrate.SolveSetup;
import org.node4j.ode.integrate.SolveSpec;
import org.node4j.ode.solver.Solvers;

/**
 * The "three minima" data set of Ott et al.'s released code (its {@code data} package): a damped
 * particle in a sixth-degree potential, labelled by the minimum it comes to rest in.
 *
 * <p>Input (x0, v0) with x0 ~ U[-1, 2] and v0 ~ U[-2, 2]; dynamics x' = v, v' = -V'(x) - 0.2 v with
 * V(x) = 0.2 (x-2)(x-0.5)(x+1)(x+0.6)(x-1.6) x; integrated with the 3/8-rule RK4 (torchdiffeq's
 * {@code rk4}) at h = 0.02 on [0, 100]. The label is the index of the minimum (-0.850, 0.269,
 * 1.839) within 0.02 of the final x. As in the reference generator, the set is rejected unless
 * every particle has come to rest (|v| < 1e-3). Samples have shape [1, 2]; three classes.
 */
public final class ThreeMinima {
  /** Damping coefficient gamma. */
  public static final double DAMPING = 0.2;

  /** The local minima of V, in label order. */
  public static final double[] MINIMA = {-0.8502, 0.2689, 1.8394};

  private static final double[] DV = {-0.192, 0.176, 2.364, -0.768, -2.5, 1.2};
  private static final double STEP = 0.02;
  private static final double END_TIME = 100.0;

  private ThreeMinima() {}

  /** Returns V'(x) = 1.2x^5 - 2.5x^4 - 0.768x^3 + 2.364x^2 + 0.176x - 0.192. */
  public static double potentialSlope(double x) {
    double s = 0;
    for (int i = DV.length - 1; i >= 0; i--) {
      s = s * x + DV[i];
    }
    return s;
  }

  /** Returns the seeds' 2000/1000 split for {@code seed}. */
  public static DatasetSplit split(long seed) {
    return split(ConcentricSpheres.DEFAULT_TRAIN, ConcentricSpheres.DEFAULT_TEST, seed);
  }

  /** Returns a train/test split of the given sizes; the halves use independent streams. */
  public static DatasetSplit split(int nTrain, int nTest, long seed) {
    return new DatasetSplit(
        generate(nTrain, Rng.stream(seed, 0), "three-minima-train"),
        generate(nTest, Rng.stream(seed, 1), "three-minima-test"));
  }

  private static Dataset generate(int n, SplittableRandom rng, String name) {
    if (n < 1) {
      throw new IllegalArgumentException("three minima needs n >= 1, got " + n);
    }
    double[] state = new double[2 * n];
    float[] x = new float[2 * n];
    for (int i = 0; i < n; i++) {
      state[2 * i] = -1 + 3 * Rng.uniform(rng);
      state[2 * i + 1] = -2 + 4 * Rng.uniform(rng);
      x[2 * i] = (float) state[2 * i];
      x[2 * i + 1] = (float) state[2 * i + 1];
    }
    double[] end = settle(state);
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      y[i] = label(end[2 * i], end[2 * i + 1], i);
    }
    return new Dataset(name, new int[] {1, 2}, x, y, MINIMA.length);
  }

  /** Integrates all particles together, one (x, v) pair per sample. */
  private static double[] settle(double[] state) {
    VectorField<double[]> field =
        (t, z, dz) -> {
          for (int i = 0; i < z.length; i += 2) {
            dz[i] = z[i + 1];
            dz[i + 1] = -potentialSlope(z[i]) - DAMPING * z[i + 1];
          }
        };
    Solution<double[]> sol =
        Integrator.solve(
            SolveSpec.builder(field, ArrayOps.INSTANCE, state)
                .span(0, END_TIME)
                .setup(SolveSetup.of(Solvers.rk4ThreeEighths(), ConstantSteps.size(STEP)))
                .build());
    return sol.y();
  }

  private static int label(double xEnd, double vEnd, int sample) {
    if (Math.abs(vEnd) >= 1e-3) {
      throw new IllegalStateException(
          "three minima: sample " + sample + " has not come to rest (v = " + vEnd + " at t = 100)");
    }
    for (int k = 0; k < MINIMA.length; k++) {
      if (Math.abs(xEnd - MINIMA[k]) < 0.02) {
        return k;
      }
    }
    throw new IllegalStateException(
        "three minima: sample " + sample + " ends at x = " + xEnd + ", near no minimum");
  }
}
