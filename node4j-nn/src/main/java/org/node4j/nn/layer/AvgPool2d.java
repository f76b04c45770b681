package org.node4j.nn.layer;

import java.util.List;
import org.node4j.nn.param.GradientSink;
import org.node4j.nn.param.Parameter;
import org.node4j.nn.tensor.DType;
import org.node4j.nn.tensor.Tensor;

/**
 * Average pooling over k x k windows of [N, C, H, W] with a stride (by default k) and no padding,
 * as PyTorch's {@code nn.AvgPool2d(k, stride)}. The backward pass spreads each output cotangent
 * evenly over its window, so the cache needs only the output.
 */
public final class AvgPool2d extends AbstractLayer<OutputCache> {
  private final int k;
  private final int stride;

  /** Non-overlapping k x k pooling (stride k). */
  public AvgPool2d(int k) {
    this(k, k);
  }

  /**
   * Pooling over k x k windows moved by {@code stride}.
   *
   * @throws IllegalArgumentException if {@code k} or {@code stride} is below 1
   */
  public AvgPool2d(int k, int stride) {
    super(OutputCache.class);
    if (k < 1 || stride < 1) {
      throw new IllegalArgumentException(
          "pooling window and stride must be >= 1, got k=" + k + ", stride=" + stride);
    }
    this.k = k;
    this.stride = stride;
  }

  /** Returns this layer: it keeps no scratch between calls, so threads can share it. */
  @Override
  public Layer replica() {
    return this;
  }

  @Override
  public int[] outputShape(int[] s) {
    if (s.length != 4 || s[2] < k || s[3] < k) {
      throw badInput(s, "[N, C, H, W] with H, W >= " + k);
    }
    return new int[] {s[0], s[1], (s[2] - k) / stride + 1, (s[3] - k) / stride + 1};
  }

  @Override
  public List<Parameter> parameters() {
    return List.of();
  }

  @Override
  protected OutputCache createCache(int[] inputShape, int[] outputShape, DType dtype) {
    return new OutputCache(this, inputShape, outputShape, dtype);
  }

  @Override
  protected void doForward(Tensor x, OutputCache c) {
    int[] in = c.inputShapeRef();
    int[] out = c.outputShapeRef();
    int planes = in[0] * in[1];
    double inv = 1.0 / (k * k);
    for (int p = 0; p < planes; p++) {
      for (int oh = 0; oh < out[2]; oh++) {
        for (int ow = 0; ow < out[3]; ow++) {
          double s = 0.0;
          for (int i = 0; i < k; i++) {
            int row = (p * in[2] + oh * stride + i) * in[3] + ow * stride;
            for (int j = 0; j < k; j++) {
              s += x.get(row + j);
            }
          }
          c.y.set((p * out[2] + oh) * out[3] + ow, s * inv);
        }
      }
    }
  }

  @Override
  protected void doBackward(Tensor dy, OutputCache c, Tensor dx, GradientSink grads) {
    if (dx == null) {
      return;
    }
    int[] in = c.inputShapeRef();
    int[] out = c.outputShapeRef();
    int planes = in[0] * in[1];
    double inv = 1.0 / (k * k);
    dx.fillZero();
    for (int p = 0; p < planes; p++) {
      for (int oh = 0; oh < out[2]; oh++) {
        for (int ow = 0; ow < out[3]; ow++) {
          double g = dy.get((p * out[2] + oh) * out[3] + ow) * inv;
          for (int i = 0; i < k; i++) {
            int row = (p * in[2] + oh * stride + i) * in[3] + ow * stride;
            for (int j = 0; j < k; j++) {
              dx.set(row + j, dx.get(row + j) + g);
            }
          }
        }
      }
    }
  }

  @Override
  public String toString() {
    return "AvgPool2d(" + k + ", stride=" + stride + ")";
  }
}
