package org.node4j.lab.experiment.marion;

import java.util.List;
import org.node4j.nn.kernel.Parallel;
import org.node4j.nn.layer.AbstractLayer;
import org.node4j.nn.layer.Activation;
import org.node4j.nn.layer.Cache;
import org.node4j.nn.ops.ErrorFunction;
import org.node4j.nn.param.GradientSink;
import org.node4j.nn.param.Parameter;
import org.node4j.nn.tensor.DType;
import org.node4j.nn.tensor.Tensor;

/**
 * GELU, y = x Φ(x) (Hendrycks and Gimpel 2016), that keeps Φ(x) from its forward pass for the
 * backward one, y' = Φ(x) + x φ(x): one evaluation of the error function per element and iteration
 * instead of the two of {@link Activation#gelu()}, whose backward pass evaluates Φ again. The
 * values and derivatives are the same expressions in the same order, so the outputs and gradients
 * equal {@link Activation#gelu()}'s bit for bit (float32 tensors are computed in double and rounded
 * once, as there).
 *
 * <p>Why: the accurate erf of {@link ErrorFunction} (fdlibm's rational fits and two exponentials
 * beyond |x| = 1.25) is a large part of every GELU run of Marion et al.'s experiments (ICLR 2024,
 * §5), whose pre-activations W h are mostly of size 2 to 6. Keeping Φ halves that part.
 */
final class StoredGelu extends AbstractLayer<StoredGelu.GeluCache> {
  /** Elements per parallel chunk (a pure map, so any split gives the same bits). */
  private static final int GRAIN = 1 << 14;

  StoredGelu() {
    super(GeluCache.class);
  }

  @Override
  public int[] outputShape(int[] inputShape) {
    return inputShape.clone();
  }

  @Override
  public List<Parameter> parameters() {
    return List.of();
  }

  @Override
  protected GeluCache createCache(int[] inputShape, int[] outputShape, DType dtype) {
    return new GeluCache(this, inputShape, dtype);
  }

  @Override
  protected void doForward(Tensor x, GeluCache c) {
    double[] phi = c.phi;
    if (c.dtype() == DType.FLOAT64) {
      double[] in = x.doubles();
      double[] y = c.y.doubles();
      Parallel.forChunks(
          phi.length,
          GRAIN,
          (from, to) -> {
            for (int i = from; i < to; i++) {
              phi[i] = ErrorFunction.normalCdf(in[i]);
              y[i] = in[i] * phi[i];
            }
          });
    } else {
      float[] in = x.floats();
      float[] y = c.y.floats();
      Parallel.forChunks(
          phi.length,
          GRAIN,
          (from, to) -> {
            for (int i = from; i < to; i++) {
              double v = in[i];
              phi[i] = ErrorFunction.normalCdf(v);
              y[i] = (float) (v * phi[i]);
            }
          });
    }
  }

  @Override
  protected void doBackward(Tensor dy, GeluCache c, Tensor dx, GradientSink grads) {
    if (dx == null) {
      return;
    }
    double[] phi = c.phi;
    if (c.dtype() == DType.FLOAT64) {
      double[] in = c.input().doubles();
      double[] g = dy.doubles();
      double[] out = dx.doubles();
      Parallel.forChunks(
          phi.length,
          GRAIN,
          (from, to) -> {
            for (int i = from; i < to; i++) {
              out[i] = g[i] * (phi[i] + in[i] * ErrorFunction.normalPdf(in[i]));
            }
          });
    } else {
      float[] in = c.input().floats();
      float[] g = dy.floats();
      float[] out = dx.floats();
      Parallel.forChunks(
          phi.length,
          GRAIN,
          (from, to) -> {
            for (int i = from; i < to; i++) {
              double v = in[i];
              out[i] = (float) (g[i] * (phi[i] + v * ErrorFunction.normalPdf(v)));
            }
          });
    }
  }

  @Override
  public String toString() {
    return "GELU";
  }

  /** The output and Φ of the last forward pass. */
  static final class GeluCache extends Cache {
    private final Tensor y;
    private final double[] phi;

    GeluCache(StoredGelu owner, int[] shape, DType dtype) {
      super(owner, shape, shape, dtype);
      this.y = Tensor.zeros(dtype, shape);
      this.phi = new double[y.size()];
    }

    @Override
    public Tensor output() {
      return y;
    }

    @Override
    public long savedBytes() {
      return y.bytes() + 8L * phi.length;
    }
  }
}
