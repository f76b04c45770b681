package org.node4j.ode;

import java.util.Arrays;

/**
 * {@link StateOps} for plain {@code double[]} states: the reference back-end on which the solver
 * core is tested.
 *
 * <p>Stateless, so the single {@link #INSTANCE} is thread-safe. No method allocates except {@link
 * #zerosLike}, {@link #copy} and {@link #newArray}.
 */
public final class ArrayOps implements StateOps<double[]> {

  /** The shared instance. */
  public static final ArrayOps INSTANCE = new ArrayOps();

  private ArrayOps() {}

  @Override
  public double[] zerosLike(double[] like) {
    return new double[like.length];
  }

  @Override
  public void copyInto(double[] src, double[] dst) {
    checkSameShape(dst, src);
    System.arraycopy(src, 0, dst, 0, src.length);
  }

  @Override
  public void fillZero(double[] x) {
    Arrays.fill(x, 0.0);
  }

  @Override
  public void linearCombination(
      double[] out, double[] y, double h, double[] coeffs, double[][] ks, int count) {
    if (out != y) {
      System.arraycopy(y, 0, out, 0, y.length);
    }
    // One pass per stage keeps each inner loop a contiguous axpy the JIT vectorises.
    for (int i = 0; i < count; i++) {
      double a = h * coeffs[i];
      if (coeffs[i] != 0.0) {
        double[] k = ks[i];
        for (int j = 0; j < out.length; j++) {
          out[j] += a * k[j];
        }
      }
    }
  }

  @Override
  public void axpy(double a, double[] x, double[] y) {
    for (int j = 0; j < y.length; j++) {
      y[j] += a * x[j];
    }
  }

  @Override
  public void scaledCopy(double a, double[] x, double[] out) {
    for (int j = 0; j < out.length; j++) {
      out[j] = 0.0 + a * x[j];
    }
  }

  @Override
  public void scale(double a, double[] x) {
    for (int j = 0; j < x.length; j++) {
      x[j] *= a;
    }
  }

  @Override
  public double dot(double[] x, double[] y) {
    double s = 0.0;
    for (int j = 0; j < x.length; j++) {
      s += x[j] * y[j];
    }
    return s;
  }

  @Override
  public long errorSize(double[] x) {
    return x.length;
  }

  /** Returns 8 bytes per element. */
  @Override
  public long bytes(double[] x) {
    return 8L * x.length;
  }

  @Override
  public double sumSquaresScaled(double[] err, double[] y0, double[] y1, double rtol, double atol) {
    double s = 0.0;
    for (int j = 0; j < err.length; j++) {
      double scale = atol + rtol * Math.max(Math.abs(y0[j]), Math.abs(y1[j]));
      double r = err[j] / scale;
      s += r * r;
    }
    return s;
  }

  @Override
  public boolean allFinite(double[] x) {
    for (double v : x) {
      if (!Double.isFinite(v)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String describe(double[] x) {
    return "double[" + x.length + "]";
  }

  @Override
  public boolean sameShape(double[] like, double[] x) {
    return like.length == x.length;
  }

  @Override
  public void checkSameShape(double[] like, double[] x) {
    if (!sameShape(like, x)) {
      throw new IllegalArgumentException(
          "state shape mismatch: expected "
              + describe(like)
              + " but got "
              + describe(x)
              + "; pass a state of the same length as y0");
    }
  }
}
