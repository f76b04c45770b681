package org.node4j.nn.layer;

import org.node4j.nn.ops.ErrorFunction;

/** The scalar activations other than ReLU, each a value and a derivative. */
final class Pointwise {
  private Pointwise() {}

  /** x for x &gt; 0, else slope * x; the derivative at 0 is the slope, as in PyTorch. */
  static final class LeakyRelu extends Activation {
    private final double slope;

    LeakyRelu(double slope) {
      super("LeakyReLU(" + slope + ")");
      this.slope = slope;
    }

    @Override
    double value(double x) {
      return x > 0 ? x : slope * x;
    }

    @Override
    double derivative(double x, double y) {
      return x > 0 ? 1.0 : slope;
    }
  }

  /** tanh, with derivative 1 - y^2. */
  static final class Tanh extends Activation {
    Tanh() {
      super("Tanh");
    }

    /**
     * {@code Math.tanh} near 0, where 1 - 2 / (e^(2x) + 1) would cancel; elsewhere that form with
     * the intrinsic {@code Math.exp}, several times faster than {@code Math.tanh} (fdlibm) and
     * within a few ulps, since |tanh(x)| &gt; 0.55 there.
     */
    @Override
    double value(double x) {
      if (Math.abs(x) < 0.625) {
        return Math.tanh(x);
      }
      return 1.0 - 2.0 / (Math.exp(2.0 * x) + 1.0);
    }

    /** 1 - tanh(x)^2 from the stored output, as PyTorch's tanh backward (no second tanh). */
    @Override
    double derivative(double x, double y) {
      return 1.0 - y * y;
    }

    /**
     * float32: tanh(x) = 1 - 2 / (e^(2x) + 1) in float64, then rounded. {@code Math.exp} is a JIT
     * intrinsic, several times faster than {@code Math.tanh}; the float64 evaluation is accurate to
     * far below float32's rounding (the cancellation near 0 costs digits of a double only), and the
     * limits are exact (e^(2x) overflowing to infinity gives 1, underflowing to 0 gives -1).
     */
    @Override
    void forwardRange(float[] x, float[] y, int from, int to) {
      for (int i = from; i < to; i++) {
        y[i] = (float) (1.0 - 2.0 / (Math.exp(2.0 * x[i]) + 1.0));
      }
    }

    @Override
    void backwardRange(float[] x, float[] y, float[] dy, float[] dx, int from, int to) {
      for (int i = from; i < to; i++) {
        dx[i] = dy[i] * (1f - y[i] * y[i]);
      }
    }
  }

  /** The logistic sigmoid, with derivative s(1 - s). */
  static final class Sigmoid extends Activation {
    Sigmoid() {
      super("Sigmoid");
    }

    @Override
    double value(double x) {
      return logistic(x);
    }

    @Override
    double derivative(double x, double y) {
      double s = logistic(x);
      return s * (1.0 - s);
    }
  }

  /** log(1 + e^x) = max(x, 0) + log1p(e^-|x|), with derivative sigmoid(x). */
  static final class Softplus extends Activation {
    Softplus() {
      super("Softplus");
    }

    @Override
    double value(double x) {
      return Math.max(x, 0.0) + Math.log1p(Math.exp(-Math.abs(x)));
    }

    @Override
    double derivative(double x, double y) {
      return logistic(x);
    }
  }

  /** x Phi(x), with derivative Phi(x) + x phi(x). */
  static final class Gelu extends Activation {
    Gelu() {
      super("GELU");
    }

    @Override
    double value(double x) {
      return x * ErrorFunction.normalCdf(x);
    }

    @Override
    double derivative(double x, double y) {
      return ErrorFunction.normalCdf(x) + x * ErrorFunction.normalPdf(x);
    }
  }

  /** The identity. */
  static final class Identity extends Activation {
    Identity() {
      super("Identity");
    }

    @Override
    double value(double x) {
      return x;
    }

    @Override
    double derivative(double x, double y) {
      return 1.0;
    }
  }

  static double logistic(double x) {
    if (x >= 0) {
      return 1.0 / (1.0 + Math.exp(-x));
    }
    double e = Math.exp(x);
    return e / (1.0 + e);
  }
}
