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

    @Override
    double value(double x) {
      return Math.tanh(x);
    }

    @Override
    double derivative(double x, double y) {
      double t = Math.tanh(x);
      return 1.0 - t * t;
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
