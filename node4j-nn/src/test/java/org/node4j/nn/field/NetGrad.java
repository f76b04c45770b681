package org.node4j.nn.field;

import java.util.List;
import java.util.Random;
import org.node4j.nn.param.Parameter;
import org.node4j.nn.tensor.Tensor;
import org.node4j.ode.Tuple;
import org.node4j.ode.testing.FiniteDifferences;

/**
 * Test helpers for gradients of networks: a quadratic loss with fixed weights, flattening of
 * gradient tuples, random directions and relative errors.
 */
public final class NetGrad {
  private NetGrad() {}

  /** L(z) = sum_j sin(j + 0.5) z_j + 0.5 |z|^2. */
  public static double loss(Tensor z) {
    double s = 0;
    for (int j = 0; j < z.size(); j++) {
      double v = z.get(j);
      s += Math.sin(j + 0.5) * v + 0.5 * v * v;
    }
    return s;
  }

  /** Writes dL/dz into {@code out}. */
  public static void lossGradient(Tensor z, Tensor out) {
    for (int j = 0; j < z.size(); j++) {
      out.set(j, Math.sin(j + 0.5) + z.get(j));
    }
  }

  /** Concatenates the tensors of a gradient tuple. */
  public static double[] flatten(Tuple g) {
    int n = 0;
    for (int i = 0; i < g.size(); i++) {
      n += g.<Tensor>part(i).size();
    }
    double[] out = new double[n];
    int o = 0;
    for (int i = 0; i < g.size(); i++) {
      Tensor t = g.part(i);
      for (int j = 0; j < t.size(); j++) {
        out[o++] = t.get(j);
      }
    }
    return out;
  }

  /** Concatenates the gradients of {@code params}. */
  public static double[] flattenGrads(List<Parameter> params) {
    return flatten(Tuple.of(params.stream().map(Parameter::grad).toArray()));
  }

  /** Concatenates two arrays. */
  public static double[] concat(double[] a, double[] b) {
    double[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  /** A random unit vector of length n. */
  public static double[] direction(Random rnd, int n) {
    double[] d = new double[n];
    double s = 0;
    for (int i = 0; i < n; i++) {
      d[i] = rnd.nextGaussian();
      s += d[i] * d[i];
    }
    for (int i = 0; i < n; i++) {
      d[i] /= Math.sqrt(s);
    }
    return d;
  }

  /** Adds {@code eps * d} to the values of (x, params), d laid out as x then the parameters. */
  public static void perturb(Tensor x, List<Parameter> params, double[] d, double eps) {
    int o = 0;
    if (x != null) {
      for (int j = 0; j < x.size(); j++) {
        x.set(j, x.get(j) + eps * d[o++]);
      }
    }
    for (Parameter p : params) {
      Tensor v = p.value();
      for (int j = 0; j < v.size(); j++) {
        v.set(j, v.get(j) + eps * d[o++]);
      }
    }
  }

  /** Returns the dot product. */
  public static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  /** Returns |a - b| / |b| in the Euclidean norm. */
  public static double relError(double[] a, double[] b) {
    return FiniteDifferences.relativeError(a, b);
  }

  /** Fills a tensor with N(0, scale^2) entries. */
  public static void gaussian(Tensor t, Random rnd, double scale) {
    for (int j = 0; j < t.size(); j++) {
      t.set(j, scale * rnd.nextGaussian());
    }
  }

  /** Fills every parameter with N(0, scale^2) entries. */
  public static void gaussian(List<Parameter> params, Random rnd, double scale) {
    for (Parameter p : params) {
      gaussian(p.value(), rnd, scale);
    }
  }
}
