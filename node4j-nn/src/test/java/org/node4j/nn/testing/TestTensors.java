package org.node4j.nn.testing;

import java.util.Random;
import org.node4j.nn.param.Parameter;
import org.node4j.nn.tensor.DType;
import org.node4j.nn.tensor.Tensor;

/** Random tensors and parameters for tests, reproducible from a seed. */
public final class TestTensors {
  /** Relative tolerance of float64 finite-difference checks. */
  public static final double FD_TOL = 1e-6;

  /** Relative tolerance of float32-versus-float64 agreement. */
  public static final double F32_TOL = 2e-4;

  private TestTensors() {}

  /** Returns a tensor with entries uniform in [-1, 1). */
  public static Tensor uniform(Random rnd, DType dtype, int... shape) {
    Tensor t = Tensor.zeros(dtype, shape);
    for (int i = 0; i < t.size(); i++) {
      t.set(i, 2 * rnd.nextDouble() - 1);
    }
    return t;
  }

  /** Returns a tensor with entries uniform in ±[0.05, 1): bounded away from zero (kinks). */
  public static Tensor awayFromZero(Random rnd, DType dtype, int... shape) {
    Tensor t = Tensor.zeros(dtype, shape);
    for (int i = 0; i < t.size(); i++) {
      double v = 0.05 + 0.95 * rnd.nextDouble();
      t.set(i, rnd.nextBoolean() ? v : -v);
    }
    return t;
  }

  /** Fills every parameter with entries uniform in [-scale, scale). */
  public static void randomize(Iterable<Parameter> params, Random rnd, double scale) {
    for (Parameter p : params) {
      for (int i = 0; i < p.value().size(); i++) {
        p.value().set(i, scale * (2 * rnd.nextDouble() - 1));
      }
    }
  }

  /** Returns max |a - b| / max(1, max |b|): the error of {@code a} relative to {@code b}. */
  public static double relError(Tensor a, Tensor b) {
    double num = 0.0;
    double den = 1.0;
    for (int i = 0; i < a.size(); i++) {
      num = Math.max(num, Math.abs(a.get(i) - b.get(i)));
      den = Math.max(den, Math.abs(b.get(i)));
    }
    return num / den;
  }

  /** The elements of {@code t} as doubles, in order (for exact comparisons of results). */
  public static double[] values(Tensor t) {
    double[] v = new double[t.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = t.get(i);
    }
    return v;
  }

  /** Returns {@code x} rounded to float32 element by element. */
  public static float[] floats(double[] x) {
    float[] f = new float[x.length];
    for (int i = 0; i < x.length; i++) {
      f[i] = (float) x[i];
    }
    return f;
  }
}
