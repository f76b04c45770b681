package org.node4j.nn.layer;

import java.util.List;
import java.util.Objects;
import org.node4j.nn.param.GradientSink;
import org.node4j.nn.param.Parameter;
import org.node4j.nn.tensor.DType;
import org.node4j.nn.tensor.Tensor;

/**
 * Batch normalisation (Ioffe and Szegedy 2015) over the channel axis 1 of [N, C] or [N, C, L] (1-d)
 * or [N, C, H, W] (2-d) inputs, with PyTorch's semantics.
 *
 * <p>In training mode each channel is normalised with the batch mean and the biased batch variance,
 * and the running statistics are updated with {@code momentum} (0.1 by default) using the unbiased
 * variance, as {@code nn.BatchNorm2d} does. In evaluation mode the running statistics are used and
 * not changed. The mode used by a forward pass is recorded in its cache, so its VJP is the exact
 * derivative of what was computed, whichever mode is set later. The weight starts at one and the
 * bias at zero; the running mean at zero and the running variance at one.
 *
 * <p>Per-channel statistics are accumulated in double in a fixed order on the calling thread, so
 * results never depend on the thread count. The cache saves the normalised input.
 */
public final class BatchNorm extends AbstractLayer<BatchNorm.NormCache> {
  private final String name;
  private final int channels;
  private final boolean twoD;
  private final double eps;
  private final double momentum;
  private final Parameter weight;
  private final Parameter bias;
  private final Tensor runningMean;
  private final Tensor runningVar;
  private boolean training = true;

  private BatchNorm(Builder b) {
    super(NormCache.class);
    this.name = b.name;
    this.channels = b.channels;
    this.twoD = b.twoD;
    this.eps = b.eps;
    this.momentum = b.momentum;
    Tensor ones = Tensor.zeros(b.dtype, channels);
    org.node4j.nn.ops.Elementwise.fill(ones, 1.0);
    this.weight = new Parameter(name + ".weight", ones);
    this.bias = new Parameter(name + ".bias", Tensor.zeros(b.dtype, channels));
    this.runningMean = Tensor.zeros(b.dtype, channels);
    this.runningVar = ones.copy();
  }

  /** Starts a builder for BatchNorm1d over inputs [N, C] or [N, C, L]. */
  public static Builder builder1d(int channels) {
    return new Builder(channels, false);
  }

  /** Starts a builder for BatchNorm2d over inputs [N, C, H, W]. */
  public static Builder builder2d(int channels) {
    return new Builder(channels, true);
  }

  /** Returns the scale gamma, shape [C]. */
  public Parameter weight() {
    return weight;
  }

  /** Returns the shift beta, shape [C]. */
  public Parameter bias() {
    return bias;
  }

  /** Returns the running mean buffer [C] (not a parameter; saved with the model). */
  public Tensor runningMean() {
    return runningMean;
  }

  /** Returns the running variance buffer [C] (not a parameter; saved with the model). */
  public Tensor runningVar() {
    return runningVar;
  }

  /** Returns {@code true} in training mode. */
  public boolean isTraining() {
    return training;
  }

  @Override
  public void setTraining(boolean train) {
    this.training = train;
  }

  @Override
  public int[] outputShape(int[] s) {
    boolean rankOk = twoD ? s.length == 4 : s.length == 2 || s.length == 3;
    if (!rankOk || s[1] != channels) {
      throw badInput(s, twoD ? "[N, " + channels + ", H, W]" : "[N, " + channels + "(, L)]");
    }
    return s.clone();
  }

  @Override
  public List<Parameter> parameters() {
    return List.of(weight, bias);
  }

  @Override
  protected void checkDtype(DType dtype) {
    requireDtype(weight.value().dtype(), dtype);
  }

  @Override
  protected NormCache createCache(int[] inputShape, int[] outputShape, DType dtype) {
    return new NormCache(this, inputShape, dtype);
  }

  @Override
  protected void doForward(Tensor x, NormCache c) {
    c.trained = training;
    Tensor weights = c.params().value(weight);
    Tensor biases = c.params().value(bias);
    if (training && c.perChannel < 2) {
      throw new IllegalArgumentException(
          this
              + " needs more than one value per channel in training mode, got input "
              + java.util.Arrays.toString(c.inputShapeRef())
              + "; use a larger batch or eval mode");
    }
    for (int ch = 0; ch < channels; ch++) {
      double mean;
      double var;
      if (training) {
        mean = sum(x, c, ch, 0.0, false) / c.perChannel;
        var = sum(x, c, ch, mean, true) / c.perChannel;
        double unbiased = var * c.perChannel / (c.perChannel - 1);
        runningMean.set(ch, (1 - momentum) * runningMean.get(ch) + momentum * mean);
        runningVar.set(ch, (1 - momentum) * runningVar.get(ch) + momentum * unbiased);
      } else {
        mean = runningMean.get(ch);
        var = runningVar.get(ch);
      }
      double inv = 1.0 / Math.sqrt(var + eps);
      c.invStd[ch] = inv;
      double gamma = weights.get(ch);
      double beta = biases.get(ch);
      for (int n = 0; n < c.batch; n++) {
        int base = (n * channels + ch) * c.spatial;
        for (int s = base; s < base + c.spatial; s++) {
          double xh = (x.get(s) - mean) * inv;
          c.xhat.set(s, xh);
          c.y.set(s, gamma * xh + beta);
        }
      }
    }
  }

  /** Returns sum_i x_i (or sum_i (x_i - mean)^2 when {@code squares}) over channel {@code ch}. */
  private double sum(Tensor x, NormCache c, int ch, double mean, boolean squares) {
    double s = 0.0;
    for (int n = 0; n < c.batch; n++) {
      int base = (n * channels + ch) * c.spatial;
      for (int i = base; i < base + c.spatial; i++) {
        double v = x.get(i) - mean;
        s += squares ? v * v : v;
      }
    }
    return s;
  }

  @Override
  protected void doBackward(Tensor dy, NormCache c, Tensor dx, GradientSink grads) {
    Tensor gamma = c.params().value(weight);
    Tensor dGamma = grads.grad(weight);
    Tensor dBeta = grads.grad(bias);
    for (int ch = 0; ch < channels; ch++) {
      double sumDy = 0.0;
      double sumDyXhat = 0.0;
      for (int n = 0; n < c.batch; n++) {
        int base = (n * channels + ch) * c.spatial;
        for (int s = base; s < base + c.spatial; s++) {
          sumDy += dy.get(s);
          sumDyXhat += dy.get(s) * c.xhat.get(s);
        }
      }
      dGamma.set(ch, dGamma.get(ch) + sumDyXhat);
      dBeta.set(ch, dBeta.get(ch) + sumDy);
      if (dx == null) {
        continue;
      }
      double scale = gamma.get(ch) * c.invStd[ch];
      double meanDy = c.trained ? sumDy / c.perChannel : 0.0;
      double meanDyXhat = c.trained ? sumDyXhat / c.perChannel : 0.0;
      for (int n = 0; n < c.batch; n++) {
        int base = (n * channels + ch) * c.spatial;
        for (int s = base; s < base + c.spatial; s++) {
          dx.set(s, scale * (dy.get(s) - meanDy - c.xhat.get(s) * meanDyXhat));
        }
      }
    }
  }

  @Override
  public String toString() {
    return "BatchNorm" + (twoD ? "2d(" : "1d(") + name + ", " + channels + ")";
  }

  /** The state of one evaluation: output, normalised input, inverse deviations and the mode. */
  static final class NormCache extends Cache {
    final Tensor y;
    final Tensor xhat;
    final double[] invStd;
    final int batch;
    final int spatial;
    final int perChannel;
    boolean trained;

    NormCache(BatchNorm l, int[] in, DType dtype) {
      super(l, in, in, dtype);
      this.y = Tensor.zeros(dtype, in);
      this.xhat = Tensor.zeros(dtype, in);
      this.invStd = new double[l.channels];
      this.batch = in[0];
      this.spatial = org.node4j.nn.ops.Shapes.sizeFrom(in, 2);
      this.perChannel = batch * spatial;
    }

    @Override
    public Tensor output() {
      return y;
    }

    @Override
    public long savedBytes() {
      return y.bytes() + xhat.bytes() + 8L * invStd.length;
    }
  }

  /** Configures a {@link BatchNorm}; defaults: eps 1e-5, momentum 0.1, float32. */
  public static final class Builder {
    private final int channels;
    private final boolean twoD;
    private double eps = 1e-5;
    private double momentum = 0.1;
    private DType dtype = DType.FLOAT32;
    private String name = "bn";

    private Builder(int channels, boolean twoD) {
      this.channels = channels;
      this.twoD = twoD;
    }

    /** The variance offset (default 1e-5). */
    public Builder eps(double value) {
      this.eps = value;
      return this;
    }

    /** The running-statistics momentum (default 0.1, PyTorch's convention). */
    public Builder momentum(double value) {
      this.momentum = value;
      return this;
    }

    /** The parameters' dtype (default float32). */
    public Builder dtype(DType type) {
      this.dtype = Objects.requireNonNull(type, "dtype");
      return this;
    }

    /** The name prefix of the parameters. */
    public Builder name(String prefix) {
      this.name = Objects.requireNonNull(prefix, "name");
      return this;
    }

    /** Builds the layer, validating the settings. */
    public BatchNorm build() {
      if (channels < 1 || !(eps > 0) || !(momentum >= 0 && momentum <= 1)) {
        throw new IllegalArgumentException(
            "BatchNorm needs channels >= 1, eps > 0 and momentum in [0, 1], got channels="
                + channels
                + ", eps="
                + eps
                + ", momentum="
                + momentum);
      }
      return new BatchNorm(this);
    }
  }
}
