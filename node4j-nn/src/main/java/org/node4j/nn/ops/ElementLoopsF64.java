package org.node4j.nn.ops;

import org.node4j.nn.tensor.Tensor;

/**
 * The float64 {@link ElementLoops}, and the template of the float32 twin generated at build time
 * (see the node4j-nn POM). A type name followed by the comment {@code kept} is not rewritten in the
 * twin: the scalars of the interface, and the accumulators of the reductions, which sum in 64 bits
 * for both dtypes. Scalars are rounded to the tensors' type once per call, as in PyTorch.
 */
final class ElementLoopsF64 implements ElementLoops {
  static final ElementLoopsF64 INSTANCE = new ElementLoopsF64();

  private ElementLoopsF64() {}

  @Override
  public void axpy(double /* kept */ a, Tensor x, Tensor y) {
    double s = (double) a;
    double[] xs = x.doubles();
    double[] ys = y.doubles();
    for (int i = 0, n = xs.length; i < n; i++) {
      ys[i] += s * xs[i];
    }
  }

  @Override
  public void scale(double /* kept */ a, Tensor x) {
    double s = (double) a;
    double[] xs = x.doubles();
    for (int i = 0, n = xs.length; i < n; i++) {
      xs[i] *= s;
    }
  }

  @Override
  public void add(Tensor a, Tensor b, Tensor out) {
    double[] as = a.doubles();
    double[] bs = b.doubles();
    double[] os = out.doubles();
    for (int i = 0, n = as.length; i < n; i++) {
      os[i] = as[i] + bs[i];
    }
  }

  @Override
  public void sub(Tensor a, Tensor b, Tensor out) {
    double[] as = a.doubles();
    double[] bs = b.doubles();
    double[] os = out.doubles();
    for (int i = 0, n = as.length; i < n; i++) {
      os[i] = as[i] - bs[i];
    }
  }

  @Override
  public void mul(Tensor a, Tensor b, Tensor out) {
    double[] as = a.doubles();
    double[] bs = b.doubles();
    double[] os = out.doubles();
    for (int i = 0, n = as.length; i < n; i++) {
      os[i] = as[i] * bs[i];
    }
  }

  @Override
  public double /* kept */ sum(Tensor x) {
    double /* kept */ s = 0;
    for (double v : x.doubles()) {
      s += v;
    }
    return s;
  }

  @Override
  public double /* kept */ dot(Tensor x, Tensor y) {
    double /* kept */ s = 0;
    double[] xs = x.doubles();
    double[] ys = y.doubles();
    for (int i = 0, n = xs.length; i < n; i++) {
      s += (double /* kept */) xs[i] * ys[i];
    }
    return s;
  }

  @Override
  public boolean allFinite(Tensor x) {
    for (double v : x.doubles()) {
      if (!Double.isFinite(v)) {
        return false;
      }
    }
    return true;
  }
}
