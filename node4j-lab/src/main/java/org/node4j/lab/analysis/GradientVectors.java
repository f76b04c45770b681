package org.node4j.lab.analysis;

import org.node4j.nn.param.Parameter;
import org.node4j.nn.tensor.Tensor;

/** Gradients as one float64 vector, and the relative error that compares two of them. */
public final class GradientVectors {
  private GradientVectors() {}

  /** Copies all parameters' gradients into one float64 vector, in parameter order. */
  public static double[] flatten(Iterable<Parameter> params) {
    int n = 0;
    for (Parameter p : params) {
      n += p.grad().size();
    }
    double[] out = new double[n];
    int o = 0;
    for (Parameter p : params) {
      Tensor g = p.grad();
      for (int i = 0; i < g.size(); i++) {
        out[o++] = g.get(i);
      }
    }
    return out;
  }

  /** Returns ||a - b||_2 / ||b||_2. */
  public static double relativeError(double[] a, double[] b) {
    if (a.length != b.length) {
      throw new IllegalArgumentException(
          "gradient vectors differ in length: " + a.length + " and " + b.length);
    }
    double num = 0;
    double den = 0;
    for (int i = 0; i < a.length; i++) {
      num += (a[i] - b[i]) * (a[i] - b[i]);
      den += b[i] * b[i];
    }
    return Math.sqrt(num / den);
  }
}
