package org.node4j.nn.optim;

import java.util.List;
import org.node4j.nn.param.Parameter;
import org.node4j.nn.tensor.DType;
import org.node4j.nn.tensor.Tensor;

/** Parameters and a deterministic, parameter-dependent gradient shared by the optimiser tests. */
final class Fixtures {
  static final double[] A0 = {0.5, -1.25, 2.0};
  static final double[] B0 = {-0.3, 0.8, 1.5, -2.2};

  private Fixtures() {}

  static Parameter param(String name, DType dtype, double[] values, int... shape) {
    Tensor t = Tensor.zeros(dtype, shape);
    for (int i = 0; i < values.length; i++) {
      t.set(i, values[i]);
    }
    return new Parameter(name, t);
  }

  /** Two parameters, a vector "a" [3] and a matrix "b" [2, 2]. */
  static List<Parameter> params(DType dtype) {
    return List.of(param("a", dtype, A0, 3), param("b", dtype, B0, 2, 2));
  }

  /**
   * The gradient the tests feed at step t for element i of a parameter whose flat offset in the
   * concatenation of all parameters is {@code i}: {@code 0.5 p + 3 sin(i + t) / t²}, shrinking over
   * steps so that AMSGrad's maximum matters.
   */
  static double grad(double p, int i, int t) {
    return 0.5 * p + 3 * Math.sin(i + t) / (t * t);
  }

  /** Writes {@link #grad} into every parameter's gradient for step {@code t}. */
  static void setGrads(List<Parameter> params, int t) {
    int offset = 0;
    for (Parameter p : params) {
      for (int i = 0; i < p.value().size(); i++) {
        p.grad().set(i, grad(p.value().get(i), offset + i, t));
      }
      offset += p.value().size();
    }
  }

  /** Returns all parameter values concatenated, in float64. */
  static double[] values(List<Parameter> params) {
    return params.stream()
        .flatMapToDouble(
            p -> java.util.stream.IntStream.range(0, p.value().size()).mapToDouble(p.value()::get))
        .toArray();
  }

  /** Returns A0 followed by B0. */
  static double[] initial() {
    double[] x = new double[A0.length + B0.length];
    System.arraycopy(A0, 0, x, 0, A0.length);
    System.arraycopy(B0, 0, x, A0.length, B0.length);
    return x;
  }
}
