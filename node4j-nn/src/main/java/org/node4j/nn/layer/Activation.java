package org.node4j.nn.layer;

import java.util.List;
import org.node4j.nn.kernel.Parallel;
import org.node4j.nn.param.GradientSink;
import org.node4j.nn.param.Parameter;
import org.node4j.nn.tensor.ByDType;
import org.node4j.nn.tensor.DType;
import org.node4j.nn.tensor.Tensor;

/**
 * An elementwise nonlinearity y = f(x) of any shape and either dtype, with no parameters.
 *
 * <p>Made by the factories ({@link #relu()}, {@link #tanh()}, ...). Each function is given as a
 * value and a derivative written in terms of x and y; the cache keeps the output (which the next
 * layer keeps anyway) and references the input. Work is split into fixed-size element chunks for
 * {@link Parallel#forChunks}; float32 tensors are evaluated through the double-precision function
 * and rounded once, except where a subclass supplies a primitive fast path (ReLU).
 */
public abstract class Activation extends AbstractLayer<Activation.ActCache> {
  private final String name;

  Activation(String name) {
    super(ActCache.class);
    this.name = name;
  }

  /** max(0, x); the derivative at 0 is 0, as in PyTorch. */
  public static Activation relu() {
    return new Relu();
  }

  /** x for x &gt; 0, else {@code slope * x} (PyTorch's default slope is 0.01). */
  public static Activation leakyRelu(double slope) {
    if (!Double.isFinite(slope)) {
      throw new IllegalArgumentException("leaky ReLU slope must be finite, got " + slope);
    }
    return new Pointwise.LeakyRelu(slope);
  }

  /** The hyperbolic tangent. */
  public static Activation tanh() {
    return new Pointwise.Tanh();
  }

  /** The logistic sigmoid 1/(1 + exp(-x)), evaluated without overflow. */
  public static Activation sigmoid() {
    return new Pointwise.Sigmoid();
  }

  /** softplus(x) = log(1 + exp(x)), evaluated without overflow (beta 1, no threshold). */
  public static Activation softplus() {
    return new Pointwise.Softplus();
  }

  /** GELU in its exact form x * Phi(x) (Hendrycks and Gimpel 2016), with an accurate erf. */
  public static Activation gelu() {
    return new Pointwise.Gelu();
  }

  /** The identity; useful as a placeholder in configurable architectures. */
  public static Activation identity() {
    return new Pointwise.Identity();
  }

  /** Returns f(x). */
  abstract double value(double x);

  /** Returns f'(x), given x and y = f(x). */
  abstract double derivative(double x, double y);

  /**
   * Whether the backward pass reads the input x (true unless the derivative is written in terms of
   * y alone and both backward loops read only y, as tanh's 1 - y^2 does). When it does not, the
   * layer before it in a {@link Sequential} need not keep its output for the backward pass (see
   * {@link Linear}).
   */
  boolean backwardReadsInput() {
    return true;
  }

  /** Computes {@code y[i] = f(x[i])} over {@code [from, to)}. */
  void forwardRange(float[] x, float[] y, int from, int to) {
    for (int i = from; i < to; i++) {
      y[i] = (float) value(x[i]);
    }
  }

  /** Computes {@code y[i] = f(x[i])} over {@code [from, to)}. */
  void forwardRange(double[] x, double[] y, int from, int to) {
    for (int i = from; i < to; i++) {
      y[i] = value(x[i]);
    }
  }

  /** Computes {@code dx[i] = dy[i] * f'(x[i])} over {@code [from, to)}. */
  void backwardRange(float[] x, float[] y, float[] dy, float[] dx, int from, int to) {
    for (int i = from; i < to; i++) {
      dx[i] = (float) (dy[i] * derivative(x[i], y[i]));
    }
  }

  /** Computes {@code dx[i] = dy[i] * f'(x[i])} over {@code [from, to)}. */
  void backwardRange(double[] x, double[] y, double[] dy, double[] dx, int from, int to) {
    for (int i = from; i < to; i++) {
      dx[i] = dy[i] * derivative(x[i], y[i]);
    }
  }

  /** Returns this layer: it keeps no scratch between calls, so threads can share it. */
  @Override
  public Layer replica() {
    return this;
  }

  @Override
  public int[] outputShape(int[] inputShape) {
    for (int d : inputShape) {
      if (d < 0) {
        throw badInput(inputShape, "a shape with non-negative dimensions");
      }
    }
    return inputShape.clone();
  }

  @Override
  public List<Parameter> parameters() {
    return List.of();
  }

  @Override
  protected ActCache createCache(int[] inputShape, int[] outputShape, DType dtype) {
    return new ActCache(this, inputShape, dtype);
  }

  @Override
  protected void doForward(Tensor x, ActCache c) {
    c.x = x;
    Parallel.forChunks(c.y.size(), Chunking.ELEMENT_GRAIN, c.forwardBody);
  }

  @Override
  protected void doBackward(Tensor dy, ActCache c, Tensor dx, GradientSink grads) {
    if (dx == null) {
      return;
    }
    c.dy = dy;
    c.dx = dx;
    try {
      Parallel.forChunks(c.y.size(), Chunking.ELEMENT_GRAIN, c.backwardBody);
    } finally {
      c.dy = null;
      c.dx = null;
    }
  }

  @Override
  boolean sampleWise() {
    return true;
  }

  /** No parameters: nothing is kept or reduced per chunk. */
  @Override
  boolean chunksFreely(ActCache c) {
    return true;
  }

  /** One operation per element: the transcendental ones cost more, but never dominate a chunk. */
  @Override
  long forwardFlopsPerSample(ActCache c) {
    return c.perSample;
  }

  @Override
  void bindForward(Tensor x, ActCache c, int sampleGrain) {
    c.x = x;
  }

  @Override
  void forwardSamples(ActCache c, int s0, int s1) {
    c.forwardBody.run(s0 * c.perSample, s1 * c.perSample);
  }

  @Override
  void bindBackward(Tensor dy, ActCache c, Tensor dx, int sampleGrain, int chunks) {
    c.dy = dy;
    c.dx = dx;
  }

  @Override
  void backwardSamples(ActCache c, int s0, int s1) {
    if (c.dx != null) {
      c.backwardBody.run(s0 * c.perSample, s1 * c.perSample);
    }
  }

  @Override
  void finishBackward(ActCache c, GradientSink grads, int chunks) {
    c.dy = null;
    c.dx = null;
  }

  @Override
  public String toString() {
    return name;
  }

  /** The state of one evaluation: the output and the referenced input. */
  static final class ActCache extends Cache {
    final Tensor y;

    /** Elements per sample (index of the leading dimension). */
    final int perSample;

    final Parallel.RangeBody forwardBody;
    final Parallel.RangeBody backwardBody;
    Tensor x;
    Tensor dy;
    Tensor dx;

    ActCache(Activation a, int[] shape, DType dtype) {
      super(a, shape, shape, dtype);
      this.y = Tensor.zeros(dtype, shape);
      this.perSample = shape.length == 0 || shape[0] == 0 ? y.size() : y.size() / shape[0];
      // The dtype is fixed for the cache's life, so the loop is chosen here, once.
      this.forwardBody =
          new ByDType<Parallel.RangeBody>(
                  (from, to) -> a.forwardRange(x.floats(), y.floats(), from, to),
                  (from, to) -> a.forwardRange(x.doubles(), y.doubles(), from, to))
              .of(dtype);
      this.backwardBody =
          new ByDType<Parallel.RangeBody>(
                  (from, to) ->
                      a.backwardRange(x.floats(), y.floats(), dy.floats(), dx.floats(), from, to),
                  (from, to) ->
                      a.backwardRange(
                          x.doubles(), y.doubles(), dy.doubles(), dx.doubles(), from, to))
              .of(dtype);
    }

    @Override
    public Tensor output() {
      return y;
    }

    @Override
    public long savedBytes() {
      return y.bytes();
    }
  }

  /** ReLU with primitive loops: it sits in the hot path of every seed vector field. */
  private static final class Relu extends Activation {
    Relu() {
      super("ReLU");
    }

    @Override
    double value(double x) {
      return x > 0 ? x : 0.0;
    }

    /**
     * From the output: y = max(x, 0) is positive exactly where x is (for x = NaN both tests are
     * false), so the backward pass needs only y, and the layer before may share its output buffer
     * between evaluations ({@link Sequential}'s transient outputs).
     */
    @Override
    double derivative(double x, double y) {
      return y > 0 ? 1.0 : 0.0;
    }

    /** Both backward loops read only y. */
    @Override
    boolean backwardReadsInput() {
      return false;
    }

    @Override
    void forwardRange(float[] x, float[] y, int from, int to) {
      LaneLoops.relu(x, y, from, to);
    }

    @Override
    void backwardRange(float[] x, float[] y, float[] dy, float[] dx, int from, int to) {
      LaneLoops.reluBackward(y, dy, dx, from, to);
    }

    @Override
    void backwardRange(double[] x, double[] y, double[] dy, double[] dx, int from, int to) {
      for (int i = from; i < to; i++) {
        dx[i] = dy[i] * (y[i] > 0 ? 1.0 : 0.0);
      }
    }
  }
}
