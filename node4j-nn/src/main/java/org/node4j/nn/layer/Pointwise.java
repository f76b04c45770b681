package org.node4j.nn.layer;

import org.node4j.nn.kernel.Elementwise;
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

    /** {@link Elementwise#tanh(double)}. */
    @Override
    double value(double x) {
      return Elementwise.tanh(x);
    }

    /**
     * {@link Elementwise#tanh(double[], double[], int, int)}: vectorised when the Vector API kernel
     * is active, deterministic in every JIT mode and for any split of the range.
     */
    @Override
    void forwardRange(double[] x, double[] y, int from, int to) {
      Elementwise.tanh(x, y, from, to);
    }

    /** Both backward loops read only y. */
    @Override
    boolean backwardReadsInput() {
      return false;
    }

    /** 1 - tanh(x)^2 from the stored output, as PyTorch's tanh backward (no second tanh). */
    @Override
    double derivative(double x, double y) {
      return 1.0 - y * y;
    }

    /**
     * {@link #derivative} written into the loop, which C2 then vectorises (through the inherited
     * loop's virtual call it cannot); the same operations, so the same bits.
     */
    @Override
    void backwardRange(double[] x, double[] y, double[] dy, double[] dx, int from, int to) {
      for (int i = from; i < to; i++) {
        dx[i] = dy[i] * (1.0 - y[i] * y[i]);
      }
    }

    /**
     * float32: the rational approximation of Eigen's {@code generic_fast_tanh_float} (a degree-13
     * odd numerator over a degree-6 even denominator, the argument clamped to +-7.905, where it
     * rounds to +-1), evaluated in float32. Within 7 float32 ulps of tanh (relative error below
     * 4e-7, checked on a dense grid of [-10, 10]); branch-free, so the JIT vectorises the loop,
     * which a call to {@code Math.tanh} or {@code Math.exp} per element prevents.
     */
    @Override
    void forwardRange(float[] x, float[] y, int from, int to) {
      for (int i = from; i < to; i++) {
        float v = Math.max(-CLAMP, Math.min(CLAMP, x[i]));
        float v2 = v * v;
        float p = v2 * A13 + A11;
        p = v2 * p + A9;
        p = v2 * p + A7;
        p = v2 * p + A5;
        p = v2 * p + A3;
        p = v2 * p + A1;
        float q = v2 * B6 + B4;
        q = v2 * q + B2;
        q = v2 * q + B0;
        y[i] = v * p / q;
      }
    }

    private static final float CLAMP = 7.90531110763549805f;
    private static final float A1 = 4.89352455891786e-03f;
    private static final float A3 = 6.37261928875436e-04f;
    private static final float A5 = 1.48572235717979e-05f;
    private static final float A7 = 5.12229709037114e-08f;
    private static final float A9 = -8.60467152213735e-11f;
    private static final float A11 = 2.00018790482477e-13f;
    private static final float A13 = -2.76076847742355e-16f;
    private static final float B0 = 4.89352518554385e-03f;
    private static final float B2 = 2.26843463243900e-03f;
    private static final float B4 = 1.18534705686654e-04f;
    private static final float B6 = 1.19825839466702e-06f;

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
