package org.node4j.nn.layer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.node4j.nn.param.Parameter;
import org.node4j.nn.tensor.Tensor;
import org.node4j.nn.testing.TestTensors;

/**
 * Central finite-difference check of a layer's VJP in float64: with the scalar L(x, theta) = sum dy
 * * f(x; theta), the analytic dx and parameter gradients must equal (L(+h) - L(-h)) / 2h.
 */
final class GradCheck {
  private static final double H = 1e-6;
  private static final int MAX_PROBES = 60;

  private GradCheck() {}

  /** Checks dx and every parameter gradient of {@code layer} at input {@code x}. */
  static void check(Layer layer, Tensor x, Random rnd) {
    Cache cache = layer.newCache(x.shape(), x.dtype());
    Tensor y = layer.forward(x, cache);
    Tensor dy = TestTensors.uniform(rnd, x.dtype(), y.shape());
    Tensor dx = x.zerosLike();
    layer.parameters().forEach(Parameter::zeroGrad);
    layer.backward(dy, cache, dx);

    Cache probe = layer.newCache(x.shape(), x.dtype());
    Tensor fdX = x.zerosLike();
    Tensor xp = x.copy();
    int[] xProbes = probes(x.size(), rnd);
    for (int i : xProbes) {
      fdX.set(i, derivative(layer, probe, xp, xp, i, dy));
    }
    assertClose("dx of " + layer, dx, fdX, xProbes);
    for (Parameter p : layer.parameters()) {
      Tensor fd = p.value().zerosLike();
      int[] pProbes = probes(p.value().size(), rnd);
      for (int i : pProbes) {
        fd.set(i, derivative(layer, probe, xp, p.value(), i, dy));
      }
      assertClose("grad of " + p.name(), p.grad(), fd, pProbes);
    }
  }

  private static double derivative(
      Layer layer, Cache probe, Tensor x, Tensor perturbed, int i, Tensor dy) {
    double v = perturbed.get(i);
    perturbed.set(i, v + H);
    double plus = dot(layer.forward(x, probe), dy);
    perturbed.set(i, v - H);
    double minus = dot(layer.forward(x, probe), dy);
    perturbed.set(i, v);
    return (plus - minus) / (2 * H);
  }

  /** Returns every index of a small tensor, or random indices of a large one. */
  private static int[] probes(int size, Random rnd) {
    int n = Math.min(size, MAX_PROBES);
    int[] idx = new int[n];
    for (int k = 0; k < n; k++) {
      idx[k] = size <= MAX_PROBES ? k : rnd.nextInt(size);
    }
    return idx;
  }

  private static void assertClose(String what, Tensor analytic, Tensor fd, int[] probes) {
    double num = 0.0;
    double den = 1.0;
    for (int i : probes) {
      num = Math.max(num, Math.abs(analytic.get(i) - fd.get(i)));
      den = Math.max(den, Math.abs(fd.get(i)));
    }
    assertThat(num / den).as(what).isLessThan(TestTensors.FD_TOL);
  }

  private static double dot(Tensor a, Tensor b) {
    double s = 0.0;
    for (int i = 0; i < a.size(); i++) {
      s += a.get(i) * b.get(i);
    }
    return s;
  }
}
